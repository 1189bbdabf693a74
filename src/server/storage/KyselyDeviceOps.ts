import type { Kysely, Selectable } from 'kysely';
import { DevicePublicKey } from '../../core/sync/devices';
import type { DeviceOps, DeviceRecord, DeviceReport } from './DeviceOps';
import type { ClientsTable, Database } from './schema';
import type { DatabaseKind } from './Storage';

function toDevice(row: Selectable<ClientsTable>): DeviceRecord {
  return {
    clientId: row.client_id,
    userId: row.user_id,
    lastSeq: Number(row.last_seq),
    publicKey: row.public_key === null ? null : DevicePublicKey.parse(JSON.parse(row.public_key)),
    keyRegisteredAt: row.key_registered_at,
    revokedAt: row.revoked_at,
    appVersion: row.app_version,
    lastPushAt: row.last_push_at,
    lastPullAt: row.last_pull_at,
    unsent: row.unsent === null || row.unsent === undefined ? null : Number(row.unsent),
  };
}

/** The device queries, written once for both dialects (see DeviceOps). */
export class KyselyDeviceOps implements DeviceOps {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
  ) {}

  async get(clientId: string): Promise<DeviceRecord | undefined> {
    const row = await this.db
      .selectFrom('clients')
      .selectAll()
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row && toDevice(row);
  }

  async list(userId?: string): Promise<DeviceRecord[]> {
    let query = this.db.selectFrom('clients').selectAll();
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const rows = await query.orderBy('user_id').orderBy('client_id').execute();
    return rows.map(toDevice);
  }

  async claim(clientId: string, userId: string): Promise<DeviceRecord> {
    await this.db
      .insertInto('clients')
      .values({ client_id: clientId, user_id: userId, last_seq: 0 })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .execute();
    let query = this.db.selectFrom('clients').selectAll().where('client_id', '=', clientId);
    if (this.kind === 'postgres') query = query.forUpdate();
    return toDevice(await query.executeTakeFirstOrThrow());
  }

  async setKey(clientId: string, publicKey: DevicePublicKey, at: string): Promise<void> {
    await this.db
      .updateTable('clients')
      .set({ public_key: JSON.stringify(DevicePublicKey.parse(publicKey)), key_registered_at: at })
      .where('client_id', '=', clientId)
      .where('public_key', 'is', null)
      .execute();
  }

  async setAppVersion(clientId: string, appVersion: string): Promise<void> {
    await this.db
      .updateTable('clients')
      .set({ app_version: appVersion })
      .where('client_id', '=', clientId)
      .execute();
  }

  async tokenDevice(tokenHash: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('tokens')
      .select('client_id')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row?.client_id ?? null;
  }

  async bindToken(tokenHash: string, clientId: string): Promise<boolean> {
    // Only an unbound token: two registrations racing with one token bind it to one device.
    const result = await this.db
      .updateTable('tokens')
      .set({ client_id: clientId })
      .where('token_hash', '=', tokenHash)
      .where((eb) => eb.or([eb('client_id', 'is', null), eb('client_id', '=', clientId)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async touchPush(clientId: string, at: string): Promise<void> {
    await this.db
      .updateTable('clients')
      .set({ last_push_at: at })
      .where('client_id', '=', clientId)
      .execute();
  }

  async touchPull(
    clientId: string,
    userId: string,
    at: string,
    report: DeviceReport,
    unlessAfter: string,
  ): Promise<void> {
    const { appVersion, unsent } = report;
    // One conditional UPDATE: when it matches nothing, SQLite writes (and syncs) nothing. A changed version
    // or unsent count is written at once, so the users page shows what the device said last.
    await this.db
      .updateTable('clients')
      .set({
        last_pull_at: at,
        ...(appVersion === undefined ? {} : { app_version: appVersion }),
        ...(unsent === undefined ? {} : { unsent }),
      })
      .where('client_id', '=', clientId)
      .where('user_id', '=', userId)
      .where((eb) => {
        const due = [eb('last_pull_at', 'is', null), eb('last_pull_at', '<', unlessAfter)];
        if (appVersion !== undefined)
          due.push(eb('app_version', 'is', null), eb('app_version', '!=', appVersion));
        if (unsent !== undefined) due.push(eb('unsent', 'is', null), eb('unsent', '!=', unsent));
        return eb.or(due);
      })
      .execute();
  }

  async revoke(clientId: string, at: string): Promise<number> {
    await this.db
      .updateTable('clients')
      .set({ revoked_at: at })
      .where('client_id', '=', clientId)
      .where('revoked_at', 'is', null)
      .execute();
    const ended = await this.db
      .updateTable('tokens')
      .set({ revoked_at: at })
      .where('client_id', '=', clientId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(ended.numUpdatedRows);
  }
}
