import { sql, type Kysely, type Migration } from 'kysely';
import { chainHash, GENESIS_HASH } from '../audit/chain';

interface OldRow {
  id: string;
  at: string;
  user_id: string | null;
  action: string;
  tbl: string | null;
  record_id: string | null;
}

/**
 * The audit log becomes a hash chain (src/server/audit/chain.ts): each entry gets its place (`seq`), who it
 * acted for (`on_behalf_of`), the client's address and user agent, details as JSON, and the hashes that link
 * it to the previous entry. `audit_head` holds the chain's last seq and hash; appending updates it under its
 * row lock, so entries of concurrent transactions on PostgreSQL take their places one after the other.
 * Entries written before are chained in the order they were written (`at`, then id). Shipped: never edit.
 */
export const auditChainMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const [name, type] of [
      ['seq', 'bigint'],
      ['on_behalf_of', 'text'],
      ['address', 'text'],
      ['user_agent', 'text'],
      ['details', 'text'],
      ['prev_hash', 'text'],
      ['hash', 'text'],
    ] as const)
      await db.schema.alterTable('audit_log').addColumn(name, type).execute();

    const rows =
      await sql<OldRow>`select id, at, user_id, action, tbl, record_id from audit_log order by at, id`
        .execute(db)
        .then((r) => r.rows);
    let previous = GENESIS_HASH;
    let seq = 0;
    for (const row of rows) {
      seq += 1;
      const hash = chainHash(previous, {
        seq,
        at: row.at,
        userId: row.user_id,
        onBehalfOf: null,
        action: row.action,
        tbl: row.tbl,
        recordId: row.record_id,
        address: null,
        userAgent: null,
        details: null,
      });
      await sql`update audit_log set seq = ${seq}, prev_hash = ${previous}, hash = ${hash} where id = ${row.id}`.execute(
        db,
      );
      previous = hash;
    }
    await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();
    await db.schema.createIndex('audit_log_user').on('audit_log').columns(['user_id', 'seq']).execute();
    await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();

    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into audit_head (id, seq, hash) values ('head', ${seq}, ${previous})`.execute(db);
  },
};
