import { z } from 'zod/mini';
import { MediaRef } from '../forms/answersSchema';
import { canonicalJson } from './canonicalJson';
import { ExportSignature } from './devices';
import { ClientId, Mutation, MutationResult } from './protocol';

/**
 * The file a device writes when it cannot sync (the USB-stick path, GUIDE §3): everything not yet on the
 * server, which a supervisor imports at base (`POST /api/sync/import`). The server applies its mutations
 * exactly as a push from that device, so the file, the device and any copy of either can arrive in any
 * order and each change is stored once. docs/sync-protocol.md, "Export and import", describes it.
 */
export const EXPORT_FORMAT = 'terrain-unsynced';
/** 2 adds `signature` (the device's key); a server still reads 1, which it imports only when told to trust it. */
export const EXPORT_VERSION = 2;

/** An outbox entry as exported: the protocol mutation plus where it stood on the device. */
export const ExportedMutation = z.extend(Mutation, {
  state: z.enum(['pending', 'rejected']),
  /** Why the server refused it (rejected entries). */
  rejection: z.optional(
    z.object({
      code: z.string(),
      message: z.string(),
      details: z.optional(z.unknown()),
      at: z.string(),
    }),
  ),
});
export type ExportedMutation = z.infer<typeof ExportedMutation>;

/**
 * A file answer's bytes. `data` (base64) is absent when the device no longer holds the bytes. Not part of
 * the checksum: the bytes are checked against their own SHA-256.
 */
export const ExportedMedia = z.extend(MediaRef, { data: z.optional(z.string()) });
export type ExportedMedia = z.infer<typeof ExportedMedia>;

/** Local records are carried as the device had them (for people and later restores); the server reads ids. */
const LocalRecord = z.looseObject({ id: z.string() });

export const UnsyncedExport = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.union([z.literal(1), z.literal(EXPORT_VERSION)]),
    exportedAt: z.iso.datetime(),
    /** The signed-in user whose device this is; imported changes are attributed to them. */
    userId: z.string().check(z.minLength(1), z.maxLength(100)),
    /** For people reading the file; the server goes by `userId`. */
    username: z.optional(z.string()),
    clientId: ClientId,
    /** Pending and rejected outbox entries, in seq order. */
    mutations: z.array(ExportedMutation),
    /** The local submissions those mutations concern. */
    submissions: z.array(LocalRecord),
    /** Drafts, never imported (drafts do not sync): in the file so a lost tablet loses nothing. */
    drafts: z.array(LocalRecord),
    /** The file answers of those submissions and drafts. */
    media: z.array(ExportedMedia),
    /** `sha256:<hex>` of the canonical JSON of the file without `checksum` and without `media[].data`. */
    checksum: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)),
    /**
     * Version 2: the device's signature of the checksum (src/core/sync/devices.ts). Absent when the device
     * could make no key (a browser without Web Crypto): such a file is imported only by an operator who
     * trusts it.
     */
    signature: z.optional(ExportSignature),
  })
  .check(
    z.superRefine((file, ctx) => {
      file.mutations.forEach((m, i) => {
        if (m.clientId !== file.clientId)
          ctx.addIssue({ code: 'custom', path: ['mutations', i, 'clientId'], message: 'clientId differs' });
        const previous = file.mutations[i - 1];
        if (previous && m.seq <= previous.seq)
          ctx.addIssue({ code: 'custom', path: ['mutations', i, 'seq'], message: 'seqs must increase' });
      });
    }),
  );
export type UnsyncedExport = z.infer<typeof UnsyncedExport>;

/**
 * The checksum of a file, computed on the JSON as written (not on a parsed and re-shaped copy): it catches
 * a file cut short or damaged on the way. Anyone can recompute it: what makes a file the device's own is
 * the signature of this checksum by the device's key (version 2).
 */
export async function unsyncedExportChecksum(file: Record<string, unknown>): Promise<string> {
  const { checksum: _checksum, signature: _signature, ...rest } = file;
  const media = Array.isArray(rest.media) ? (rest.media as unknown[]) : [];
  const covered = {
    ...rest,
    media: media.map((entry) => {
      if (entry === null || typeof entry !== 'object') return entry;
      const { data: _data, ...ref } = entry as Record<string, unknown>;
      return ref;
    }),
  };
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(covered)));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** What an import did, per mutation and in total. `media.stored` counts files whose bytes matched their hash. */
export const ImportResponse = z.object({
  userId: z.string(),
  clientId: ClientId,
  total: z.int(),
  applied: z.int(),
  duplicate: z.int(),
  rejected: z.int(),
  conflict: z.int(),
  results: z.array(MutationResult),
  /** Drafts in the file: kept in it, never applied. */
  drafts: z.int(),
  media: z.object({ listed: z.int(), withBytes: z.int(), stored: z.int() }),
});
export type ImportResponse = z.infer<typeof ImportResponse>;
