import { parseArgs } from 'node:util';
import { AccountError } from '../accounts';
import type { DeviceRecord } from '../storage/DeviceOps';
import type { Storage } from '../storage/Storage';
import { actedBy, type Actor } from '../users/actor';

/** One line of `users devices`: a device and the username of its owner. */
export interface DeviceListing extends DeviceRecord {
  username: string;
}

/** Every device, or `username`'s. Throws an AccountError for an unknown username. */
export async function listDevices(storage: Storage, username?: string): Promise<DeviceListing[]> {
  const users = new Map((await storage.listUsers()).map((u) => [u.id, u.username]));
  let userId: string | undefined;
  if (username !== undefined) {
    userId = [...users].find(([, name]) => name === username)?.[0];
    if (userId === undefined) throw new AccountError(`No account named ${username}`);
  }
  const devices = await storage.devices.list(userId);
  return devices
    .map((d) => ({ ...d, username: users.get(d.userId) ?? d.userId }))
    .sort((a, b) => a.username.localeCompare(b.username) || a.clientId.localeCompare(b.clientId));
}

/** The key's state, as an operator reads it. */
export function keyState(device: DeviceRecord): string {
  if (device.revokedAt) return `revoked ${device.revokedAt}`;
  if (device.keyRegisteredAt) return `key registered ${device.keyRegisteredAt}`;
  return 'no key (never registered)';
}

export function formatDevices(devices: readonly DeviceListing[]): string {
  if (devices.length === 0) return 'No devices.';
  const rows = [
    ['device (clientId)', 'user', 'last push', 'last pull', 'app', 'key'],
    ...devices.map((d) => [
      d.clientId,
      d.username,
      d.lastPushAt ?? '-',
      d.lastPullAt ?? '-',
      d.appVersion ?? '-',
      keyState(d),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * Revokes a device (a lost or stolen tablet): its sessions end at once (401 on the next request), and its
 * pushes, registrations and the import of its files are refused from now on. Audited `device.revoke`, by
 * the operator at the console. Revoking a revoked device changes nothing.
 */
export async function revokeDevice(
  storage: Storage,
  clientId: string,
  now: Date,
  /** An admin or supervisor through the API (src/server/routes/users.ts); the operator when absent. */
  by?: Actor,
): Promise<{ device: DeviceRecord; tokens: number; already: boolean }> {
  return storage.transaction(async (tx) => {
    const device = await tx.devices.get(clientId);
    if (!device) throw new AccountError(`No device ${clientId}: see "users devices"`);
    const at = now.toISOString();
    const tokens = await tx.devices.revoke(clientId, at);
    if (device.revokedAt === null || tokens > 0)
      await tx.audit({
        at,
        ...actedBy(by),
        action: 'device.revoke',
        tbl: 'clients',
        recordId: clientId,
        onBehalfOf: device.userId,
        details: { clientId, tokens },
      });
    return { device, tokens, already: device.revokedAt !== null };
  });
}

/** `users devices [username]` and `users devices revoke <clientId>`. */
export async function devicesCommand(storage: Storage, args: string[], print: (line: string) => void) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals[0] === 'revoke') {
    const [, clientId, ...extra] = positionals;
    if (!clientId || extra.length > 0) throw new AccountError('users devices revoke takes one <clientId>');
    const { device, tokens, already } = await revokeDevice(storage, clientId, new Date());
    const owner = (await storage.userById(device.userId))?.username ?? device.userId;
    print(
      already
        ? `Device ${clientId} of ${owner} was already revoked (${device.revokedAt}); ${tokens} session(s) ended.`
        : `Revoked device ${clientId} of ${owner}: ${tokens} session(s) ended; its pushes, registrations ` +
            'and files are refused from now on.',
    );
    return;
  }
  if (positionals.length > 1) throw new AccountError('users devices takes at most one [username]');
  print(formatDevices(await listDevices(storage, positionals[0])));
}
