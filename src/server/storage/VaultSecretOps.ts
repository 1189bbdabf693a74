import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The `vault_secrets` table (migration 2026-12-06-0017-vault). */
export interface VaultSecretOps {
  /**
   * The user's secret, stored as `made` at `at` if they had none. Two first sign-ins racing keep one: the
   * insert does nothing on conflict, and both read back the stored row.
   */
  getOrCreate(userId: string, made: string, at: string): Promise<string>;
}

export class KyselyVaultSecretOps implements VaultSecretOps {
  constructor(private readonly db: Kysely<Database>) {}

  async getOrCreate(userId: string, made: string, at: string): Promise<string> {
    const found = await this.read(userId);
    if (found !== undefined) return found;
    await this.db
      .insertInto('vault_secrets')
      .values({ user_id: userId, secret: made, created_at: at })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    const stored = await this.read(userId);
    if (stored === undefined) throw new Error('The vault secret was not stored');
    return stored;
  }

  private async read(userId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('vault_secrets')
      .select('secret')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.secret;
  }
}
