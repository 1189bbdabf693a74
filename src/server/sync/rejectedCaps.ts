import { createHash } from 'node:crypto';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../core/sync/jsonDepth';
import type { Mutation } from '../../core/sync/protocol';
import type { RejectedCaps } from '../limits/config';
import type { RejectedMutationRecord, StorageTx } from '../storage/Storage';
import { jsonDigest } from './jsonDigest';

/**
 * Why the server did not keep a refused change's payload whole: the caps below, or later, the retention
 * period (`expired`, src/server/retention) or the erasure of the submission it was about (`erased`).
 */
export type OmittedReason = 'too_deep' | 'too_large' | 'device_cap' | 'user_cap' | 'expired' | 'erased';

/**
 * What the server keeps of a refused change instead of its payload: what names the change, and the size
 * and SHA-256 of the JSON it would have kept (`JSON.stringify` of the mutation), to check a copy against.
 */
export interface PayloadSummary {
  omitted: OmittedReason;
  table: string;
  id: string;
  op: string;
  seq: number;
  hlc: string;
  bytes: number;
  sha256: string;
}

/** Longer messages are cut: they are the server's own words around ids the schema bounds. */
const MAX_MESSAGE_CHARS = 2000;
/** Reasons (zod issues) larger than this are not stored; the first answer carried them whole. */
const MAX_DETAILS_BYTES = 16 * 1024;

/**
 * The rejections of a push as the server stores them, within the caps: a payload nested too deep to
 * serialize, larger than `maxPayloadBytes`, or of a device or user past their count of stored rejections is
 * kept as a PayloadSummary. The row itself, with its code and message, is always kept: a replayed seq is
 * answered `rejected` again from it (docs/sync-protocol.md, "Push"). Nothing is lost: the device keeps the
 * change in its "needs attention" list, whole, and can resend or export it.
 */
export async function capRejected(
  tx: StorageTx,
  records: readonly RejectedMutationRecord[],
  caps: RejectedCaps,
): Promise<RejectedMutationRecord[]> {
  const stored = new Map<string, { user: number; device: number }>();
  const addedByUser = new Map<string, number>();
  const addedByDevice = new Map<string, number>();
  const out: RejectedMutationRecord[] = [];
  for (const r of records) {
    const deviceKey = `${r.userId}\u0000${r.clientId}`;
    let before = stored.get(deviceKey);
    if (!before) {
      before = await tx.limits.countRejected(r.userId, r.clientId);
      stored.set(deviceKey, before);
    }
    const device = before.device + (addedByDevice.get(deviceKey) ?? 0);
    const user = before.user + (addedByUser.get(r.userId) ?? 0);
    addedByDevice.set(deviceKey, (addedByDevice.get(deviceKey) ?? 0) + 1);
    addedByUser.set(r.userId, (addedByUser.get(r.userId) ?? 0) + 1);
    const capped = device >= caps.perDevice ? 'device_cap' : user >= caps.perUser ? 'user_cap' : null;
    const { details, ...rest } = r;
    const kept = keptDetails(details);
    out.push({
      ...rest,
      payload: keptPayload(r.payload, capped, caps.maxPayloadBytes),
      message: r.message.length > MAX_MESSAGE_CHARS ? `${r.message.slice(0, MAX_MESSAGE_CHARS)}…` : r.message,
      ...(kept === undefined ? {} : { details: kept }),
    });
  }
  return out;
}

function keptPayload(payload: unknown, capped: OmittedReason | null, maxBytes: number): unknown {
  // The mutation wraps its fields in one more level.
  if (nestsDeeperThan(payload, MAX_JSON_DEPTH + 1)) return summary(payload, 'too_deep', jsonDigest(payload));
  if (capped) return summary(payload, capped, jsonDigest(payload));
  const text = JSON.stringify(payload);
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return payload;
  return summary(payload, 'too_large', { bytes, sha256: createHash('sha256').update(text).digest('hex') });
}

function summary(
  payload: unknown,
  omitted: OmittedReason,
  digest: { bytes: number; sha256: string },
): PayloadSummary {
  const m = payload as Partial<Mutation>;
  return {
    omitted,
    table: String(m.table),
    id: String(m.id),
    op: String(m.op),
    seq: Number(m.seq),
    hlc: String(m.hlc),
    ...digest,
  };
}

function keptDetails(details: unknown): unknown {
  if (details === undefined || nestsDeeperThan(details, MAX_JSON_DEPTH)) return undefined;
  return Buffer.byteLength(JSON.stringify(details)) <= MAX_DETAILS_BYTES ? details : undefined;
}

/** The summary that replaces a stored payload once it expires or its submission is erased. */
export function payloadSummary(payload: unknown, omitted: 'expired' | 'erased'): PayloadSummary {
  return summary(payload, omitted, jsonDigest(payload));
}
