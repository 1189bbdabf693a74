import { sql, type Kysely, type Transaction } from 'kysely';
import type { LimitOps } from './LimitOps';
import type { Database } from './schema';
import type { DatabaseKind } from './Storage';

/** The limit queries, written once for both dialects (see LimitOps). */
export class KyselyLimitOps implements LimitOps {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
  ) {}

  async countRequest(key: string, windowStart: number): Promise<{ count: number; windowStart: number }> {
    if (this.kind === 'postgres' || this.db.isTransaction) return this.upsertCount(this.db, key, windowStart);
    // SQLite commits with an fsync (synchronous = FULL, so that a push survives a power cut); a count lost
    // in one costs nothing, so it commits without, on the connection held for the three statements (no
    // other query runs in between). The WAL keeps the database whole either way. A quarter of a push's time
    // otherwise.
    return this.db.connection().execute(async (conn) => {
      const [mode] = (await sql<{ synchronous: number }>`pragma synchronous`.execute(conn)).rows;
      await sql`pragma synchronous = normal`.execute(conn);
      try {
        return await this.upsertCount(conn, key, windowStart);
      } finally {
        await sql`pragma synchronous = ${sql.raw(String(Number(mode?.synchronous ?? 2)))}`.execute(conn);
      }
    });
  }

  private async upsertCount(
    db: Kysely<Database>,
    key: string,
    windowStart: number,
  ): Promise<{ count: number; windowStart: number }> {
    // Both SQLite (3.35+) and PostgreSQL take ON CONFLICT … DO UPDATE … RETURNING: one statement, one row.
    const row = await db
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql<number>`case when excluded.window_start > rate_limits.window_start then 1
            else rate_limits.count + 1 end`,
          window_start: sql<number>`case when excluded.window_start > rate_limits.window_start
            then excluded.window_start else rate_limits.window_start end`,
        }),
      )
      .returning(['count', 'window_start'])
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), windowStart: Number(row.window_start) };
  }

  async countRejected(userId: string, clientId: string): Promise<{ user: number; device: number }> {
    const row = await this.db
      .selectFrom('rejected_mutations')
      .select((eb) => [
        eb.fn.countAll<number>().as('user'),
        eb.fn.sum<number>(eb.case().when('client_id', '=', clientId).then(1).else(0).end()).as('device'),
      ])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return { user: Number(row.user), device: Number(row.device ?? 0) };
  }

  /** Unfinished uploads last written before `before`: what sweepUploads deletes. */
  private staleUploads(db: Kysely<Database>, before: string) {
    return db.selectFrom('media_uploads').where('completed_at', 'is', null).where('updated_at', '<', before);
  }

  /**
   * Complete files stored before `before` that no submission and no project's documents name: what
   * sweepBlobs deletes.
   */
  private unnamedBlobs(db: Kysely<Database>, before: string) {
    return db
      .selectFrom('media_blobs')
      .where('created_at', '<', before)
      .where((eb) =>
        eb.not(
          eb.or([
            eb.exists(
              eb
                .selectFrom('media_refs')
                .select('media_refs.sha256')
                .whereRef('media_refs.sha256', '=', 'media_blobs.sha256'),
            ),
            eb.exists(
              eb
                .selectFrom('project_document_refs')
                .select('project_document_refs.sha256')
                .whereRef('project_document_refs.sha256', '=', 'media_blobs.sha256'),
            ),
          ]),
        ),
      );
  }

  async countStaleUploads(before: string): Promise<number> {
    const row = await this.staleUploads(this.db, before)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countUnnamedBlobs(before: string): Promise<number> {
    const row = await this.unnamedBlobs(this.db, before)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  sweepUploads(before: string, limit: number): Promise<number> {
    return this.inTransaction(async (db) => {
      const stale = await this.staleUploads(db, before).select(['sha256', 'user_id']).limit(limit).execute();
      let swept = 0;
      for (const { sha256, user_id } of stale) {
        // Checked again as it is deleted: a chunk that arrived meanwhile keeps the upload.
        const gone = await db
          .deleteFrom('media_uploads')
          .where('sha256', '=', sha256)
          .where('user_id', '=', user_id)
          .where('completed_at', 'is', null)
          .where('updated_at', '<', before)
          .executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) continue;
        await db
          .deleteFrom('media_chunks')
          .where('sha256', '=', sha256)
          .where('user_id', '=', user_id)
          .execute();
        swept += 1;
      }
      return swept;
    });
  }

  sweepBlobs(before: string, limit: number): Promise<number> {
    return this.inTransaction(async (db) => {
      const named = (sha256: string) =>
        db
          .selectFrom('media_refs')
          .select('media_refs.sha256')
          .where('media_refs.sha256', '=', sha256)
          .union(
            db
              .selectFrom('project_document_refs')
              .select('project_document_refs.sha256')
              .where('project_document_refs.sha256', '=', sha256),
          );
      const orphans = await this.unnamedBlobs(db, before).select('sha256').limit(limit).execute();
      let swept = 0;
      for (const { sha256 } of orphans) {
        // Checked again as it is deleted: a submission naming the file since keeps it.
        const gone = await db
          .deleteFrom('media_blobs')
          .where('sha256', '=', sha256)
          .where((eb) => eb.not(eb.exists(named(sha256))))
          .returning('user_id')
          .executeTakeFirst();
        if (!gone) continue;
        await db
          .deleteFrom('media_chunks')
          .where('sha256', '=', sha256)
          .where('user_id', '=', gone.user_id)
          .execute();
        // The finished uploads of the file (its uploader's, and those of others who completed it too).
        await db
          .deleteFrom('media_uploads')
          .where('sha256', '=', sha256)
          .where('completed_at', 'is not', null)
          .execute();
        swept += 1;
      }
      return swept;
    });
  }

  private inTransaction<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this.db);
    return this.db.transaction().execute((trx: Transaction<Database>) => fn(trx));
  }
}
