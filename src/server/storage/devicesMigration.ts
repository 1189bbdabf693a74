import type { Kysely, Migration } from 'kysely';

/**
 * Devices (docs/sync-protocol.md, "Devices"). A client row, made by a device's first push or registration,
 * is that device: it belongs to the account that first used it, and now also keeps the device's public key
 * (a JWK, as JSON) and when it was registered, whether an operator revoked it, the app version it last
 * reported and when it last pushed and pulled. A token may be bound to the device that registered with it
 * (`tokens.client_id`), so that revoking the device ends its sessions. Shipped: never edit.
 */
export const devicesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of [
      'public_key',
      'key_registered_at',
      'revoked_at',
      'app_version',
      'last_push_at',
      'last_pull_at',
    ])
      await db.schema.alterTable('clients').addColumn(column, 'text').execute();
    await db.schema.createIndex('clients_user').on('clients').column('user_id').execute();
    await db.schema.alterTable('tokens').addColumn('client_id', 'text').execute();
    await db.schema.createIndex('tokens_client').on('tokens').column('client_id').execute();
  },
};
