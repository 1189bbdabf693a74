import { z } from 'zod/mini';
import { HLC_PATTERN } from '../hlc';

/**
 * Every message of the sync protocol. The client and the server both validate with these schemas, so a
 * change here is a protocol change: keep it backward compatible or bump PROTOCOL_VERSION.
 * docs/sync-protocol.md explains the rules around them.
 */
export const PROTOCOL_VERSION = 4;
/**
 * Versions a server still answers. Version 2 leaves `mutationId` out of push results (they are named by
 * `seq`, unique in a client's batch): on 2G that is a third of a push answer. Version 3 leaves `mutationId`
 * and `clientId` out of pushed mutations too: a random UUID does not compress, and it was a quarter of a
 * push's bytes. The server names such a mutation by (clientId, seq), which is unique: a seq is applied once.
 * Version 4 changes nothing on the wire but what a client promises to read: a rejection's `code` it does not
 * know is shown as a refusal like any other (ClientPushResponse). Codes added since version 3 (`in_use`) are
 * sent to version 4 clients only; older ones, which parse codes strictly, get `forbidden` (rejectCodeFor).
 */
export const SUPPORTED_PROTOCOLS = [1, 2, 3, 4] as const;

/**
 * Tables a device may write to. Others arrive by pull only (projects and forms are managed on the server).
 * `reviews` is mergeable (src/core/sync/mergeTables.ts): its records merge field by field.
 */
export const PUSH_TABLES = ['submissions', 'reviews'] as const;
/** Tables the server sends to devices. */
export const PULL_TABLES = [
  'projects',
  'forms',
  'submissions',
  'reviews',
  'organisations',
  'indicators',
  'indicatorValues',
  'reviewEvents',
  /**
   * The people of the user's projects (src/core/records/member.ts), read only: one record per membership,
   * filtered like every project record, so a device never learns of another project's members.
   */
  'members',
  /** Aid flows (docs/aid-flows.md). */
  'transactions',
  'plannedDisbursements',
  'exchangeRates',
] as const;
export type PullTable = (typeof PULL_TABLES)[number];
export const isPullTable = (table: string): table is PullTable =>
  (PULL_TABLES as readonly string[]).includes(table);

export const ClientId = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId: 8-64 letters, digits, _ or -'));
export const Hlc = z.string().check(z.regex(HLC_PATTERN, 'Not a hybrid logical clock timestamp'));

/** One change a device made. Its effect is validated per mutation, so one bad change never blocks the rest. */
export const Mutation = z.object({
  mutationId: z.uuid(),
  clientId: ClientId,
  /** 1, 2, 3… per client, without gaps: the server applies each seq exactly once. */
  seq: z.int().check(z.positive()),
  hlc: Hlc,
  table: z.string().check(z.minLength(1), z.maxLength(40)),
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  op: z.enum(['put', 'delete']),
  fields: z.record(z.string(), z.unknown()),
  /**
   * Mergeable tables only: per field path, the clock of the value the device had when it wrote. A value the
   * device had seen is replaced without being logged as a conflict.
   */
  base: z.optional(z.record(z.string(), Hlc)),
});
export type Mutation = z.infer<typeof Mutation>;

/**
 * A mutation as a push request carries it: protocol 3 clients leave out `mutationId` and `clientId` (the
 * batch's), older ones send both (PushRequest checks which).
 */
export const WireMutation = z.object({
  ...Mutation.shape,
  mutationId: z.optional(z.uuid()),
  clientId: z.optional(ClientId),
});
export type WireMutation = z.infer<typeof WireMutation>;

export const MAX_PUSH_MUTATIONS = 500;
/** Largest accepted request body, after decompression. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const PushRequest = z
  .object({
    /** Absent means 1, the first clients'. */
    protocol: z._default(z.literal(SUPPORTED_PROTOCOLS), 1),
    clientId: ClientId,
    mutations: z.array(WireMutation).check(z.minLength(1), z.maxLength(MAX_PUSH_MUTATIONS)),
  })
  .check(
    z.superRefine((req, ctx) => {
      req.mutations.forEach((m, i) => {
        if (req.protocol < 3 && m.mutationId === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['mutations', i, 'mutationId'],
            message: 'mutationId is required before protocol 3',
          });
        }
        if (m.clientId !== req.clientId && (req.protocol < 3 || m.clientId !== undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: ['mutations', i, 'clientId'],
            message: 'clientId differs from batch',
          });
        }
        const previous = req.mutations[i - 1];
        if (previous && m.seq !== previous.seq + 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['mutations', i, 'seq'],
            message: 'seqs in a batch must be consecutive',
          });
        }
      });
    }),
  );
export type PushRequest = z.infer<typeof PushRequest>;

/** Why the server permanently refused one mutation. The mutation is kept on the server and on the device. */
export const REJECT_CODES = [
  'validation',
  'forbidden',
  'unknown_table',
  'unknown_form',
  'immutable',
  /** A new version whose `replaces` names a submission the server does not hold (yet): resend it later. */
  'unknown_replaced',
  /**
   * Protocol 4: the record is still named by others (an organisation by projects), so it is not deleted;
   * `details.references` lists those the user may see (`{ table, id, code }`), `details.others` counts the
   * rest. Older clients get `forbidden` instead (see `rejectCodeFor`).
   */
  'in_use',
] as const;
export const RejectCode = z.enum(REJECT_CODES);
export type RejectCode = z.infer<typeof RejectCode>;

/** `mutationId` is sent back to protocol 1 clients only. */
const ResultMutationId = z.optional(z.uuid());

export const MutationResult = z.discriminatedUnion('status', [
  z.object({ mutationId: ResultMutationId, seq: z.int(), status: z.literal('applied'), serverSeq: z.int() }),
  z.object({ mutationId: ResultMutationId, seq: z.int(), status: z.literal('duplicate') }),
  /**
   * Mergeable tables: applied, but some of its fields lost to newer values (`fields`); the losing values are
   * in the server's conflict log. Done, like `applied`: the device pulls the merged record.
   */
  z.object({
    mutationId: ResultMutationId,
    seq: z.int(),
    status: z.literal('conflict'),
    message: z.string(),
    serverSeq: z.optional(z.int()),
    fields: z.optional(z.array(z.string())),
  }),
  z.object({
    mutationId: ResultMutationId,
    seq: z.int(),
    status: z.literal('rejected'),
    code: RejectCode,
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  /** The highest seq of this client the server has processed; everything up to it may leave the outbox. */
  lastSeq: z.int().check(z.nonnegative()),
  results: z.array(MutationResult),
});
export type PushResponse = z.infer<typeof PushResponse>;

/**
 * As large as the server allows: each page costs a request, its headers (some 1 KB both ways) and gzip's
 * fresh start; a page of 1,000 submissions is about 60 KB gzipped, and the device stores it in one
 * transaction in well under a second (tests/bench/applyPull.ts).
 */
export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 1000;

/** The app's version as its build names it (package.json's), for the operator's list of devices. */
export const AppVersion = z.string().check(z.minLength(1), z.maxLength(40), z.regex(/^[\w.+-]+$/));

export const PullQuery = z.object({
  cursor: z._default(z.coerce.number().check(z.int(), z.nonnegative()), 0),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_PULL_LIMIT)), DEFAULT_PULL_LIMIT),
  /** 3 asks for compact changes (WirePullChange); absent means the full ones every version reads. */
  protocol: z._default(z.coerce.number().check(z.int(), z.positive()), 1),
  /** The `scope` of the last page the device stored (0 when it has none); absent from older devices. */
  scope: z.optional(z.coerce.number().check(z.int(), z.nonnegative())),
  /**
   * `project`: the device knows form versions by `<projectId>/<formId>@<version>` (formVersionKey). Absent
   * from older apps, which get the `<formId>@<version>` ids they know (docs/sync-protocol.md, "Forms").
   */
  formKeys: z.optional(z.literal('project')),
  /**
   * The device pulling and its app's version, for the operator's list of devices (last pull, version).
   * Optional: older apps send neither, and are answered the same.
   */
  clientId: z.optional(ClientId),
  appVersion: z.optional(AppVersion),
  /**
   * How many changes the device holds that the server does not have: its outbox after the push that precedes
   * the pull (changes waiting, and changes refused that wait for the user to fix or discard them), for the
   * users and devices page. Optional like the two above; ignored without `clientId`.
   */
  unsent: z.optional(z.coerce.number().check(z.int(), z.nonnegative(), z.lte(10_000_000))),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullChange = z.object({
  /**
   * One of PULL_TABLES today. Any name is accepted so that a device whose app predates a table (a newer
   * server) skips those rows instead of failing the whole page; it pulls again from 0 once its app knows
   * more tables (docs/sync-protocol.md, "Pull").
   */
  table: z.string().check(z.minLength(1), z.maxLength(40)),
  id: z.string(),
  serverSeq: z.int().check(z.positive()),
  op: z.enum(['put', 'delete']),
  /** The whole record for a put (validated by the record's schema on arrival), null for a delete. */
  data: z.nullable(z.record(z.string(), z.unknown())),
  /**
   * On a submission that replaces another: the server's hybrid logical clock of that version, which decides
   * the current one among concurrent corrections (src/core/records/submissionVersions.ts).
   */
  hlc: z.optional(Hlc),
  /**
   * Mergeable tables only: the clock of each field of the record, by path. For them `data` is the whole
   * record also when `op` is `delete` (a tombstone, `deleted: true`).
   */
  clocks: z.optional(z.record(z.string(), Hlc)),
});
export type PullChange = z.infer<typeof PullChange>;

export const PullResponse = z.object({
  changes: z.array(PullChange),
  /** Pass back as `cursor` on the next pull. Store it in the same transaction as the changes. */
  cursor: z.int().check(z.nonnegative()),
  hasMore: z.boolean(),
  /**
   * When what this user may pull last grew (the server_seq of their latest project membership). Store it
   * with the cursor and send it back: a device whose `scope` is older, and whose cursor is past 0, gets an
   * empty page with cursor 0 and pulls again from the start, to receive the records of a project it joined
   * that its cursor had already passed. Absent from servers that predate it.
   */
  scope: z.optional(z.int().check(z.nonnegative())),
});
export type PullResponse = z.infer<typeof PullResponse>;

/**
 * A change as protocol 3 sends it: `op` left out when it is `put`, `id` when it is the record's own
 * (`data.id`): both are on every row of a page, and a repeated UUID still costs gzip a few bytes.
 */
export const WirePullChange = z.object({
  ...PullChange.shape,
  id: z.optional(z.string()),
  op: z.optional(z.enum(['put', 'delete'])),
});
export type WirePullChange = z.infer<typeof WirePullChange>;

export const WirePullResponse = z.object({ ...PullResponse.shape, changes: z.array(WirePullChange) });
export type WirePullResponse = z.infer<typeof WirePullResponse>;

/** What protocol 3 sends for `change`. */
export function compactPullChange(change: PullChange): WirePullChange {
  const { id, op, ...rest } = change;
  return { ...(change.data?.id === id ? {} : { id }), ...(op === 'put' ? {} : { op }), ...rest };
}

/** The full change a compact one stands for; null if it names no record (neither `id` nor `data.id`). */
export function expandPullChange(change: WirePullChange): PullChange | null {
  const id = change.id ?? change.data?.id;
  if (typeof id !== 'string') return null;
  return { ...change, id, op: change.op ?? 'put' };
}

/** The reject codes every protocol version knows; later ones go to clients of version 4 and above only. */
const FIRST_REJECT_CODES: readonly RejectCode[] = REJECT_CODES.slice(0, REJECT_CODES.indexOf('in_use'));

/**
 * The code a client of `protocol` is sent. Clients before version 4 refuse a whole push answer with a code
 * they do not know, and would resend the batch (and get the same answer) forever: they get `forbidden`, with
 * the same message and details, which they show under "needs attention" like any refusal.
 */
export function rejectCodeFor(code: RejectCode, protocol: number): RejectCode {
  return protocol >= 4 || FIRST_REJECT_CODES.includes(code) ? code : 'forbidden';
}

/** A rejection as a client reads it: any code, so that one a newer server added is still a refusal. */
const AnyRejection = z.object({
  mutationId: ResultMutationId,
  seq: z.int(),
  status: z.literal('rejected'),
  code: z.string().check(z.minLength(1), z.maxLength(100)),
  message: z.string(),
  details: z.optional(z.unknown()),
});

/** What a client of version 4 reads of a push answer (PushResponse, with AnyRejection). */
export const ClientPushResponse = z.object({
  ...PushResponse.shape,
  results: z.array(z.union([MutationResult, AnyRejection])),
});
export type ClientPushResponse = z.infer<typeof ClientPushResponse>;
