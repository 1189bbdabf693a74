import type { Kysely } from 'kysely';
import type { DroppedFile, ErasureOps, RecordAbout, SubmissionTombstone } from './ErasureOps';
import { toAuditRecord } from './auditRows';
import { chunks } from './rows';
import type { Database } from './schema';
import type { AuditRecord, DatabaseKind } from './Storage';

const IDS_PER_SELECT = 500;

/** The erasure queries, written once for both dialects (see ErasureOps). */
export class KyselyErasureOps implements ErasureOps {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
    /** Reserves consecutive server_seqs under the counter's lock (KyselyAccountOps.allocateServerSeqs). */
    private readonly allocate: (count: number) => Promise<number>,
  ) {}

  async lockSeqCounter(): Promise<void> {
    await this.allocate(0);
  }

  async lockRecordsAbout(submissionIds: readonly string[]): Promise<RecordAbout[]> {
    const out: RecordAbout[] = [];
    for (const part of chunks([...new Set(submissionIds)], IDS_PER_SELECT)) {
      // `submission_id` names the submission a review or review event is about (reviewEventsMigration.ts).
      let query = this.db
        .selectFrom('entities')
        .select(['tbl', 'id'])
        .where('tbl', 'in', ['reviews', 'reviewEvents'])
        .where('submission_id', 'in', part)
        .orderBy('tbl')
        .orderBy('id');
      if (this.kind === 'postgres') query = query.forUpdate();
      for (const row of await query.execute())
        out.push({ tbl: row.tbl === 'reviews' ? 'reviews' : 'reviewEvents', id: row.id });
    }
    return out;
  }

  async deleteRecords(records: readonly RecordAbout[]): Promise<void> {
    for (const [tbl, ids] of byTable(records))
      for (const part of chunks(ids, IDS_PER_SELECT))
        await this.db.deleteFrom('entities').where('tbl', '=', tbl).where('id', 'in', part).execute();
  }

  async deleteConflicts(records: readonly RecordAbout[]): Promise<number> {
    let deleted = 0;
    for (const [tbl, ids] of byTable(records))
      for (const part of chunks(ids, IDS_PER_SELECT)) {
        const result = await this.db
          .deleteFrom('conflicts')
          .where('tbl', '=', tbl)
          .where('record_id', 'in', part)
          .executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
    return deleted;
  }

  async deleteVersions(ids: readonly string[]): Promise<void> {
    for (const part of chunks([...new Set(ids)], IDS_PER_SELECT))
      await this.db.deleteFrom('submission_versions').where('id', 'in', part).execute();
  }

  async dropMediaRefs(submissionIds: readonly string[]): Promise<DroppedFile[]> {
    const named = new Set<string>();
    for (const part of chunks([...new Set(submissionIds)], IDS_PER_SELECT)) {
      const rows = await this.db
        .deleteFrom('media_refs')
        .where('submission_id', 'in', part)
        .returning('sha256')
        .execute();
      for (const row of rows) named.add(row.sha256);
    }
    // Who else names each file, read a chunk of files at a time (not one query per file).
    const sorted = [...named].sort();
    const namedBy = new Map<string, DroppedFile['namedBy']>(sorted.map((sha256) => [sha256, []]));
    for (const part of chunks(sorted, IDS_PER_SELECT)) {
      const others = await this.db
        .selectFrom('media_refs')
        .innerJoin('entities', (join) =>
          join.onRef('entities.id', '=', 'media_refs.submission_id').on('entities.tbl', '=', 'submissions'),
        )
        .select(['media_refs.sha256', 'entities.id', 'entities.project_id'])
        .where('media_refs.sha256', 'in', part)
        .where('entities.deleted', '=', 0)
        .orderBy('entities.id')
        .execute();
      for (const r of others) namedBy.get(r.sha256)?.push({ id: r.id, projectId: r.project_id });
    }
    return [...namedBy].map(([sha256, by]) => ({ sha256, namedBy: by }));
  }

  async deleteMediaFiles(sha256s: readonly string[]): Promise<void> {
    for (const part of chunks([...new Set(sha256s)], IDS_PER_SELECT)) {
      await this.db.deleteFrom('media_blobs').where('sha256', 'in', part).execute();
      await this.db.deleteFrom('media_chunks').where('sha256', 'in', part).execute();
      await this.db.deleteFrom('media_uploads').where('sha256', 'in', part).execute();
    }
  }

  async writeTombstones(tombstones: readonly SubmissionTombstone[], at: string): Promise<void> {
    if (tombstones.length === 0) return;
    const first = await this.allocate(tombstones.length);
    for (const [i, t] of tombstones.entries()) {
      // In place: the row keeps its id, project, author and clock (no content); the content goes.
      await this.db
        .updateTable('entities')
        .set({
          data: '{}',
          deleted: 1,
          field_state: null,
          submission_id: t.rootId,
          server_seq: first + i,
          updated_at: at,
        })
        .where('tbl', '=', 'submissions')
        .where('id', '=', t.id)
        .execute();
    }
  }

  async rejectedNaming(ids: readonly string[]): Promise<{ mutationId: string; payload: unknown }[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    const found = new Map<string, unknown>();
    for (const part of chunks(wanted, 50)) {
      // A text search of the stored JSON, confirmed below (the ids are quoted JSON strings in it): a `%` or
      // `_` in an id, which LIKE reads as a wildcard, can only find more rows, never fewer.
      const rows = await this.db
        .selectFrom('rejected_mutations')
        .select(['mutation_id', 'payload'])
        .where((eb) => eb.or(part.map((id) => eb('payload', 'like', `%${id}%`))))
        .where('payload', 'not like', '{"omitted":%')
        .execute();
      for (const row of rows) {
        if (part.some((id) => row.payload.includes(JSON.stringify(id))))
          found.set(row.mutation_id, JSON.parse(row.payload) as unknown);
      }
    }
    return [...found].map(([mutationId, payload]) => ({ mutationId, payload }));
  }

  async auditAbout(records: readonly RecordAbout[]): Promise<AuditRecord[]> {
    const out: AuditRecord[] = [];
    for (const [tbl, ids] of byTable(records))
      for (const part of chunks(ids, IDS_PER_SELECT)) {
        const rows = await this.db
          .selectFrom('audit_log')
          .selectAll()
          .where('tbl', '=', tbl)
          .where('record_id', 'in', part)
          .where('details', 'is not', null)
          .where('details', 'not like', '{"redacted":%')
          .orderBy('seq')
          .execute();
        out.push(...rows.map(toAuditRecord));
      }
    return out.sort((a, b) => a.seq - b.seq);
  }

  async redactAudit(seqs: readonly number[], detailsJson: string): Promise<void> {
    for (const part of chunks(seqs, IDS_PER_SELECT))
      await this.db.updateTable('audit_log').set({ details: detailsJson }).where('seq', 'in', part).execute();
  }
}

function byTable(records: readonly RecordAbout[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { tbl, id } of records) out.set(tbl, [...(out.get(tbl) ?? []), id]);
  return out;
}
