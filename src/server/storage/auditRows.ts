import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { chainHash } from '../audit/chain';
import { chunks } from './rows';
import type { AuditLogTable, Database } from './schema';
import type { AuditEntry, AuditRecord } from './Storage';

/** Rows per multi-row INSERT: 13 columns × 100 stays far below either dialect's parameter limit. */
const ROWS_PER_INSERT = 100;
/** The longest user agent kept: enough to tell a browser and its version. */
const MAX_USER_AGENT = 300;

/**
 * Appends entries to the chain. `db` must be a transaction: the head row's UPDATE comes first, taking its
 * lock (PostgreSQL) or the write lock (SQLite) until commit, so no other writer can chain from the same
 * head; the new hashes follow from it, then the head moves to the last one.
 */
export async function appendAuditRows(db: Kysely<Database>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', entries.length) }))
    .where('id', '=', 'head')
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let seq = Number(head.seq) - entries.length;
  let previous = head.hash;
  const rows = entries.map((e) => {
    seq += 1;
    const fields = {
      seq,
      at: e.at,
      userId: e.userId,
      onBehalfOf: e.onBehalfOf ?? null,
      action: e.action,
      tbl: e.tbl,
      recordId: e.recordId,
      address: e.address ?? null,
      userAgent: e.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
      details: e.details === undefined ? null : JSON.stringify(e.details),
    };
    const hash = chainHash(previous, fields);
    const row = {
      id: randomUUID(),
      seq,
      at: fields.at,
      user_id: fields.userId,
      on_behalf_of: fields.onBehalfOf,
      action: fields.action,
      tbl: fields.tbl,
      record_id: fields.recordId,
      address: fields.address,
      user_agent: fields.userAgent,
      details: fields.details,
      prev_hash: previous,
      hash,
    };
    previous = hash;
    return row;
  });
  for (const part of chunks(rows, ROWS_PER_INSERT)) await db.insertInto('audit_log').values(part).execute();
  await db.updateTable('audit_head').set({ hash: previous }).where('id', '=', 'head').execute();
}

export function toAuditRecord(row: Selectable<AuditLogTable>): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at,
    userId: row.user_id,
    onBehalfOf: row.on_behalf_of,
    action: row.action,
    tbl: row.tbl,
    recordId: row.record_id,
    address: row.address,
    userAgent: row.user_agent,
    details: row.details === null ? undefined : (JSON.parse(row.details) as unknown),
    detailsJson: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
