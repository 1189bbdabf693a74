import type { DevicePublicKey } from '../../core/sync/devices';
import { DeviceRefusal } from '../devices/refusal';
import { HttpError } from '../http/errors';
import type { StorageOps, UserRecord } from '../storage/Storage';

/** What was sealed: one device's batch of changes (pushSealed), or a file (finishSealedMedia). */
export type Sealed = 'changes' | 'file';

/** Why sealed changes or a sealed file are refused whole (`details.reason`). */
export type SealedRefusalReason = 'unregistered' | 'signature' | 'unknown_key' | 'unreadable';

const MESSAGES: Record<Sealed, Record<SealedRefusalReason, string> & { noAuthor: string; nothing: string }> =
  {
    changes: {
      unregistered: "These changes' device has not registered its key: they cannot be checked",
      signature: "A sealed change's signature does not match its device's key: it was altered or forged",
      unknown_key: 'A change was sealed to a key this server does not hold',
      unreadable: 'A sealed change could not be opened, or is not a change',
      noAuthor: "These changes' author has no account on this server",
      nothing: 'Nothing was applied.',
    },
    file: {
      unregistered: "This file's device has not registered its key: it cannot be checked",
      signature: "The sealed file's signature does not match its device's key: it was altered or forged",
      unknown_key: 'The file was sealed to a key this server does not hold',
      unreadable: 'The sealed file could not be opened: it was altered, or is not a sealed file',
      noAuthor: "This file's author has no account on this server",
      nothing: 'Nothing was stored.',
    },
  };

/** A sealed batch or file refused whole: 403 when its device cannot vouch for it, 400 when it cannot be read. */
export function sealedRefusal(
  sealed: Sealed,
  reason: SealedRefusalReason,
  details: Record<string, unknown> = {},
): HttpError {
  const code = reason === 'signature' || reason === 'unregistered' ? 'forbidden' : 'bad_request';
  const messages = MESSAGES[sealed];
  return new HttpError(code, `${messages[reason]}. ${messages.nothing}`, { reason, ...details });
}

/**
 * The device that sealed changes or a file, checked before anything is opened: it registered its key and
 * is not revoked (a DeviceRefusal naming `sender`, audited by auditedDevice); and its owner, the author,
 * has an account.
 */
export async function sealingDevice(
  storage: StorageOps,
  clientId: string,
  sender: UserRecord,
  sealed: Sealed,
): Promise<{ publicKey: DevicePublicKey; author: UserRecord }> {
  const device = await storage.devices.get(clientId);
  if (!device?.publicKey)
    throw sealedRefusal(sealed, 'unregistered', sealed === 'changes' ? { seq: null } : {});
  if (device.revokedAt)
    throw new DeviceRefusal({
      clientId,
      reason: 'revoked',
      owner: device.userId,
      tried: sender.id,
      via: sealed === 'changes' ? 'push' : 'media',
    });
  const author = await storage.userById(device.userId);
  if (!author) throw new HttpError('not_found', MESSAGES[sealed].noAuthor);
  return { publicKey: device.publicKey, author };
}
