import type { Kysely, Selectable } from 'kysely';
import { memberProjects, versionsOfOwn } from './agentScope';
import type { MediaBlobRecord, MediaChunk, MediaOps, MediaRefRecord, MediaUploadRecord } from './MediaOps';
import type { MediaBlobsTable, MediaUploadsTable } from './mediaSchema';
import { chunks } from './rows';
import type { Database } from './schema';
import type { DatabaseKind, PullScope } from './Storage';

/** Refs per multi-row INSERT (2 parameters each). */
const REFS_PER_INSERT = 500;

function toUpload(row: Selectable<MediaUploadsTable>): MediaUploadRecord {
  return {
    sha256: row.sha256,
    userId: row.user_id,
    length: Number(row.length),
    type: row.type,
    received: Number(row.received),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

function toBlob(row: Selectable<MediaBlobsTable>): MediaBlobRecord {
  return {
    sha256: row.sha256,
    userId: row.user_id,
    size: Number(row.size),
    type: row.type,
    createdAt: row.created_at,
  };
}

/** The media queries, written once for both dialects (bytes are Buffers with either driver). */
export class KyselyMediaOps implements MediaOps {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
  ) {}

  async getBlob(sha256: string): Promise<MediaBlobRecord | undefined> {
    const row = await this.db
      .selectFrom('media_blobs')
      .selectAll()
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row && toBlob(row);
  }

  async insertBlob(blob: MediaBlobRecord): Promise<boolean> {
    const inserted = await this.db
      .insertInto('media_blobs')
      .values({
        sha256: blob.sha256,
        user_id: blob.userId,
        size: blob.size,
        type: blob.type,
        created_at: blob.createdAt,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .returning('sha256')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async getUpload(sha256: string, userId: string): Promise<MediaUploadRecord | undefined> {
    const row = await this.db
      .selectFrom('media_uploads')
      .selectAll()
      .where('sha256', '=', sha256)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && toUpload(row);
  }

  async lockUpload(fresh: MediaUploadRecord): Promise<MediaUploadRecord> {
    await this.db
      .insertInto('media_uploads')
      .values({
        sha256: fresh.sha256,
        user_id: fresh.userId,
        length: fresh.length,
        type: fresh.type,
        received: fresh.received,
        created_at: fresh.createdAt,
        updated_at: fresh.updatedAt,
        completed_at: fresh.completedAt,
      })
      .onConflict((oc) => oc.columns(['sha256', 'user_id']).doNothing())
      .execute();
    let query = this.db
      .selectFrom('media_uploads')
      .selectAll()
      .where('sha256', '=', fresh.sha256)
      .where('user_id', '=', fresh.userId);
    // SQLite runs one write transaction at a time; PostgreSQL needs the row lock.
    if (this.kind === 'postgres') query = query.forUpdate();
    return toUpload(await query.executeTakeFirstOrThrow());
  }

  async resetUpload(upload: MediaUploadRecord): Promise<void> {
    await this.discardUpload(upload.sha256, upload.userId, { keepRow: true });
    await this.db
      .updateTable('media_uploads')
      .set({
        length: upload.length,
        type: upload.type,
        received: 0,
        updated_at: upload.updatedAt,
        completed_at: null,
      })
      .where('sha256', '=', upload.sha256)
      .where('user_id', '=', upload.userId)
      .execute();
  }

  async appendChunk(
    sha256: string,
    userId: string,
    position: number,
    data: Uint8Array,
    at: string,
  ): Promise<void> {
    await this.db
      .insertInto('media_chunks')
      .values({
        sha256,
        user_id: userId,
        position,
        data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      })
      .execute();
    await this.db
      .updateTable('media_uploads')
      .set({ received: position + data.byteLength, updated_at: at })
      .where('sha256', '=', sha256)
      .where('user_id', '=', userId)
      .execute();
  }

  async readChunks(sha256: string, userId: string, from: number, limit: number): Promise<MediaChunk[]> {
    const rows = await this.db
      .selectFrom('media_chunks')
      .select(['position', 'data'])
      .where('sha256', '=', sha256)
      .where('user_id', '=', userId)
      .where('position', '>=', from)
      .orderBy('position')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ position: Number(r.position), data: r.data }));
  }

  async completeUpload(sha256: string, userId: string, at: string): Promise<void> {
    await this.db
      .updateTable('media_uploads')
      .set({ completed_at: at, updated_at: at })
      .where('sha256', '=', sha256)
      .where('user_id', '=', userId)
      .execute();
  }

  async discardUpload(sha256: string, userId: string, options: { keepRow: boolean }): Promise<void> {
    await this.db
      .deleteFrom('media_chunks')
      .where('sha256', '=', sha256)
      .where('user_id', '=', userId)
      .execute();
    if (options.keepRow) return;
    await this.db
      .deleteFrom('media_uploads')
      .where('sha256', '=', sha256)
      .where('user_id', '=', userId)
      .execute();
  }

  async insertRefs(refs: readonly MediaRefRecord[]): Promise<void> {
    for (const part of chunks(refs, REFS_PER_INSERT)) {
      await this.db
        .insertInto('media_refs')
        .values(part.map((r) => ({ sha256: r.sha256, submission_id: r.submissionId })))
        .onConflict((oc) => oc.columns(['sha256', 'submission_id']).doNothing())
        .execute();
    }
  }

  async referencedInScope(sha256: string, scope: PullScope): Promise<boolean> {
    let query = this.db
      .selectFrom('media_refs')
      .innerJoin('entities', (join) =>
        join.onRef('entities.id', '=', 'media_refs.submission_id').on('entities.tbl', '=', 'submissions'),
      )
      .select('media_refs.sha256')
      .where('media_refs.sha256', '=', sha256)
      .where('entities.deleted', '=', 0);
    if (!scope.allProjects)
      query = query.where('entities.project_id', 'in', memberProjects(this.db, scope.userId));
    if (scope.ownSubmissionsOnly) {
      query = query.where((eb) =>
        eb.or([
          eb('entities.created_by', '=', scope.userId),
          eb('entities.id', 'in', versionsOfOwn(this.db, scope.userId)),
        ]),
      );
    }
    return (await query.limit(1).executeTakeFirst()) !== undefined;
  }
}
