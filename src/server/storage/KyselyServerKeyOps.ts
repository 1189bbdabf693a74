import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { ServerKeyOps, ServerKeyRecord } from './ServerKeyOps';

export class KyselyServerKeyOps implements ServerKeyOps {
  constructor(private readonly db: Kysely<Database>) {}

  async insertIfMissing(key: ServerKeyRecord): Promise<void> {
    await this.db
      .insertInto('server_keys')
      .values({
        id: key.id,
        public_key: key.publicKey,
        private_key: key.privateKey,
        created_at: key.createdAt,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async get(id: string): Promise<ServerKeyRecord | undefined> {
    const row = await this.db.selectFrom('server_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return (
      row && { id: row.id, publicKey: row.public_key, privateKey: row.private_key, createdAt: row.created_at }
    );
  }
}
