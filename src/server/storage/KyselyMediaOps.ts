import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import { memberProjects, versionsOfOwn } from './agentScope';
import type {
  DocumentRefProject,
  DocumentRefRecord,
  MediaBlobRecord,
  MediaChunk,
  MediaOps,
  MediaRefRecord,
  MediaUploadRecord,
  RefAccess,
} from './MediaOps';
import type { MediaBlobsTable, MediaUploadsTable } from './mediaSchema';
import { chunks } from './rows';
import type { Database } from './schema';
import type { DatabaseKind, PullScope } from './Storage';

/** Refs per multi-row INSERT (3 parameters each), and hashes per IN list. */
const REFS_PER_INSERT = 500;

/** The tables a query on references joins. */
type RefsJoin = Pick<
  Database,
  'media_refs' | 'entities' | 'media_uploads' | 'project_members' | 'submission_versions'
>;

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
/** Whether the one who added a project document completed an upload of its bytes (what proves it). */
function adderUploaded(eb: ExpressionBuilder<Database, 'project_document_refs'>) {
  return eb.exists(
    eb
      .selectFrom('media_uploads')
      .select('media_uploads.sha256')
      .whereRef('media_uploads.sha256', '=', 'project_document_refs.sha256')
      .whereRef('media_uploads.user_id', '=', 'project_document_refs.added_by')
      .where('media_uploads.completed_at', 'is not', null),
  );
}

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

  async dropUpload(sha256: string, userId: string): Promise<boolean> {
    const upload = await this.getUpload(sha256, userId);
    if (!upload) return false;
    const others = await this.db
      .selectFrom('media_uploads')
      .select('user_id')
      .where('sha256', '=', sha256)
      .where('user_id', '<>', userId)
      .where('completed_at', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    // Their completed upload proves they hold the file, and may point at these very chunks (the blob's).
    if (others) return false;
    await this.db
      .deleteFrom('media_blobs')
      .where('sha256', '=', sha256)
      .where('user_id', '=', userId)
      .execute();
    await this.discardUpload(sha256, userId, { keepRow: false });
    return true;
  }

  async insertRefs(refs: readonly MediaRefRecord[]): Promise<void> {
    // A submission is immutable, so a reference is recorded once; should it come again, a proof is kept.
    for (const grants of [true, false]) {
      for (const part of chunks(
        refs.filter((r) => r.grants === grants),
        REFS_PER_INSERT,
      )) {
        await this.db
          .insertInto('media_refs')
          .values(
            part.map((r) => ({ sha256: r.sha256, submission_id: r.submissionId, grants: grants ? 1 : 0 })),
          )
          .onConflict((oc) => {
            const target = oc.columns(['sha256', 'submission_id']);
            return grants ? target.doUpdateSet({ grants: 1 }) : target.doNothing();
          })
          .execute();
      }
    }
  }

  async refAccess(sha256: string, scope: PullScope): Promise<RefAccess> {
    const granted = await this.refsInScope(scope)
      .where('media_refs.sha256', '=', sha256)
      .where((eb) => this.granting(eb))
      .limit(1)
      .executeTakeFirst();
    if (granted) return 'granted';
    // Only others' unproven references: "not received yet", whether or not the server holds the bytes.
    const pending = await this.refsInScope(scope)
      .where('media_refs.sha256', '=', sha256)
      .where('entities.created_by', '<>', scope.userId)
      .limit(1)
      .executeTakeFirst();
    return pending ? 'pending' : 'none';
  }

  async downloadable(scope: PullScope, sha256s: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks([...new Set(sha256s)], REFS_PER_INSERT)) {
      const uploaded = await this.db
        .selectFrom('media_uploads')
        .select('sha256')
        .where('user_id', '=', scope.userId)
        .where('completed_at', 'is not', null)
        .where('sha256', 'in', part)
        .execute();
      for (const row of uploaded) found.add(row.sha256);
      const rest = part.filter((sha256) => !found.has(sha256));
      if (rest.length === 0) continue;
      const referenced = await this.refsInScope(scope)
        .where('media_refs.sha256', 'in', rest)
        .where((eb) => this.granting(eb))
        .distinct()
        .execute();
      for (const row of referenced) found.add(row.sha256);
    }
    return found;
  }

  async grantRefs(sha256: string, userId: string): Promise<void> {
    await this.db
      .updateTable('media_refs')
      .set({ grants: 1 })
      .where('sha256', '=', sha256)
      .where('grants', '=', 0)
      .where('submission_id', 'in', (eb) =>
        eb
          .selectFrom('entities')
          .select('id')
          .where('tbl', '=', 'submissions')
          .where('created_by', '=', userId),
      )
      .execute();
  }

  async insertDocumentRefs(refs: readonly DocumentRefRecord[]): Promise<void> {
    // 4 parameters a row: well under both drivers' limits.
    for (const part of chunks(refs, REFS_PER_INSERT)) {
      await this.db
        .insertInto('project_document_refs')
        .values(
          part.map((r) => ({
            project_id: r.projectId,
            sha256: r.sha256,
            added_by: r.addedBy,
            added_at: r.addedAt,
          })),
        )
        .onConflict((oc) => oc.columns(['project_id', 'sha256', 'added_by']).doNothing())
        .execute();
    }
  }

  async documentRefProjects(
    sha256: string,
    scope: PullScope | null,
    projectId?: string,
  ): Promise<DocumentRefProject[]> {
    let query = this.db
      .selectFrom('project_document_refs')
      .innerJoin('entities', (join) =>
        join
          .onRef('entities.id', '=', 'project_document_refs.project_id')
          .on('entities.tbl', '=', 'projects'),
      )
      .select((eb) => [
        'project_document_refs.project_id as projectId',
        'entities.data as data',
        adderUploaded(eb).as('proven'),
      ])
      .where('project_document_refs.sha256', '=', sha256)
      .where('entities.deleted', '=', 0);
    if (projectId !== undefined) query = query.where('project_document_refs.project_id', '=', projectId);
    if (scope && !scope.allProjects)
      query = query.where('project_document_refs.project_id', 'in', memberProjects(this.db, scope.userId));
    const rows = await query.execute();
    // One row per adder: a project is proven when any of its adders is.
    const byProject = new Map<string, DocumentRefProject>();
    for (const row of rows) {
      const proven = row.proven === true || Number(row.proven) === 1;
      const known = byProject.get(row.projectId);
      if (known) known.proven ||= proven;
      else byProject.set(row.projectId, { projectId: row.projectId, data: row.data, proven });
    }
    return [...byProject.values()];
  }

  async provenDocuments(projectIds: readonly string[]): Promise<Set<string>> {
    const proven = new Set<string>();
    for (const part of chunks([...new Set(projectIds)], REFS_PER_INSERT)) {
      const rows = await this.db
        .selectFrom('project_document_refs')
        .select(['project_id', 'sha256'])
        .where('project_id', 'in', part)
        .where(adderUploaded)
        .execute();
      for (const row of rows) proven.add(`${row.project_id} ${row.sha256}`);
    }
    return proven;
  }

  async provenDocumentRefs(): Promise<number> {
    const row = await this.db
      .selectFrom('project_document_refs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(adderUploaded)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async refsOf(sha256: string): Promise<MediaRefRecord[]> {
    const rows = await this.db
      .selectFrom('media_refs')
      .selectAll()
      .where('sha256', '=', sha256)
      .orderBy('submission_id')
      .execute();
    return rows.map((r) => ({
      sha256: r.sha256,
      submissionId: r.submission_id,
      grants: Number(r.grants) === 1,
    }));
  }

  /** References from the live submissions `scope` may pull (the rules of pull), as a query to refine. */
  private refsInScope(scope: PullScope) {
    let query = this.db
      .selectFrom('media_refs')
      .innerJoin('entities', (join) =>
        join.onRef('entities.id', '=', 'media_refs.submission_id').on('entities.tbl', '=', 'submissions'),
      )
      .select('media_refs.sha256')
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
    return query;
  }

  /**
   * A reference grants when its flag says so, or when its submission's author has completed an upload of
   * the file: a push and the upload that proves it, committing at the same moment on PostgreSQL, may each
   * miss the other's write, and the flag with them.
   */
  private granting(eb: ExpressionBuilder<RefsJoin, 'media_refs' | 'entities'>) {
    return eb.or([
      eb('media_refs.grants', '=', 1),
      eb.exists(
        eb
          .selectFrom('media_uploads')
          .select('media_uploads.sha256')
          .whereRef('media_uploads.sha256', '=', 'media_refs.sha256')
          .whereRef('media_uploads.user_id', '=', 'entities.created_by')
          .where('media_uploads.completed_at', 'is not', null),
      ),
    ]);
  }
}
