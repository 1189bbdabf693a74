import { z } from 'zod/mini';
import { HLC_PATTERN } from '../hlc';

/**
 * Every message of the sync protocol. The client and the server both validate with these schemas, so a
 * change here is a protocol change: keep it backward compatible or bump PROTOCOL_VERSION.
 * docs/sync-protocol.md explains the rules around them.
 */
export const PROTOCOL_VERSION = 1;

/** Tables a device may write to. Others arrive by pull only (projects and forms are managed on the server). */
export const PUSH_TABLES = ['submissions'] as const;
/** Tables the server sends to devices. */
export const PULL_TABLES = ['projects', 'forms', 'submissions'] as const;
export type PullTable = (typeof PULL_TABLES)[number];

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
});
export type Mutation = z.infer<typeof Mutation>;

export const MAX_PUSH_MUTATIONS = 500;
/** Largest accepted request body, after decompression. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const PushRequest = z
  .object({
    protocol: z._default(z.literal(PROTOCOL_VERSION), PROTOCOL_VERSION),
    clientId: ClientId,
    mutations: z.array(Mutation).check(z.minLength(1), z.maxLength(MAX_PUSH_MUTATIONS)),
  })
  .check(
    z.superRefine((req, ctx) => {
      req.mutations.forEach((m, i) => {
        if (m.clientId !== req.clientId) {
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
] as const;
export const RejectCode = z.enum(REJECT_CODES);
export type RejectCode = z.infer<typeof RejectCode>;

export const MutationResult = z.discriminatedUnion('status', [
  z.object({ mutationId: z.uuid(), seq: z.int(), status: z.literal('applied'), serverSeq: z.int() }),
  z.object({ mutationId: z.uuid(), seq: z.int(), status: z.literal('duplicate') }),
  z.object({ mutationId: z.uuid(), seq: z.int(), status: z.literal('conflict'), message: z.string() }),
  z.object({
    mutationId: z.uuid(),
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

export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 1000;

export const PullQuery = z.object({
  cursor: z._default(z.coerce.number().check(z.int(), z.nonnegative()), 0),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_PULL_LIMIT)), DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullChange = z.object({
  table: z.enum(PULL_TABLES),
  id: z.string(),
  serverSeq: z.int().check(z.positive()),
  op: z.enum(['put', 'delete']),
  /** The whole record for a put (validated by the record's schema on arrival), null for a delete. */
  data: z.nullable(z.record(z.string(), z.unknown())),
});
export type PullChange = z.infer<typeof PullChange>;

export const PullResponse = z.object({
  changes: z.array(PullChange),
  /** Pass back as `cursor` on the next pull. Store it in the same transaction as the changes. */
  cursor: z.int().check(z.nonnegative()),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;
