import type { ErrorCode } from '../../core/sync/errors';
import type { ClientInfo } from '../http/clientInfo';
import { HttpError } from '../http/errors';
import type { StorageOps } from '../storage/Storage';

/**
 * Why a device was refused: its clientId belongs to another account (`owner`), an operator revoked it
 * (`revoked`), the session registered for another device (`session`), or it came with a key other than the
 * one registered (`key`).
 */
export type DeviceRefusalReason = 'owner' | 'revoked' | 'session' | 'key';

const MESSAGES: Record<DeviceRefusalReason, string> = {
  owner: 'This device id belongs to another account',
  revoked: 'This device was revoked by an operator: it can no longer send or register anything',
  session: 'This session belongs to another device: sign in again on this one',
  key: 'This device already registered another key',
};

/**
 * A device refused for push, registration or pull. Thrown inside the transaction (which it rolls back), and
 * audited by `auditedDevice` after it, so the entry survives. The answer tells the device why, but never
 * whose the device is.
 */
export class DeviceRefusal extends HttpError {
  constructor(
    readonly refusal: {
      clientId: string;
      reason: DeviceRefusalReason;
      /** The account that owns the clientId (null when it has none yet). */
      owner: string | null;
      /** The account that tried. */
      tried: string;
      via: 'push' | 'register' | 'pull' | 'import' | 'media';
    },
    code: ErrorCode = refusal.reason === 'key' ? 'conflict' : 'forbidden',
  ) {
    super(code, MESSAGES[refusal.reason], { reason: refusal.reason, clientId: refusal.clientId });
  }
}

/** Runs `fn`; a device it refuses is audited (`device.refused`, outside any transaction) and rethrown. */
export async function auditedDevice<T>(
  storage: StorageOps,
  at: () => Date,
  client: ClientInfo,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DeviceRefusal) {
      const { clientId, reason, owner, tried, via } = err.refusal;
      await storage.audit({
        at: at().toISOString(),
        userId: tried,
        action: 'device.refused',
        tbl: 'clients',
        recordId: clientId,
        ...client,
        details: { clientId, reason, owner, tried, via },
      });
    }
    throw err;
  }
}
