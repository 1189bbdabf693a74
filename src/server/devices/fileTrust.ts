import { verifyExportSignature } from '../../core/sync/devices';
import type { UnsyncedExport } from '../../core/sync/unsyncedExport';
import type { ClientInfo } from '../http/clientInfo';
import { HttpError } from '../http/errors';
import type { StorageOps, UserRecord } from '../storage/Storage';

/**
 * How an export file was let in: `signed` by its device's registered key, or taken by the operator at the
 * console (`--trust-unsigned`) although it is `unsigned` or its device has `unregistered` its key.
 */
export type FileTrust = 'signed' | 'unsigned' | 'unregistered';

/** Why a file is refused whole; `details.reason` of the 403. */
export type FileRefusalReason = 'owner' | 'revoked' | 'unsigned' | 'unregistered' | 'signature';

const MESSAGES: Record<FileRefusalReason, string> = {
  owner:
    "This file's device belongs to another account than the file's user: it was not written by that user's device",
  revoked: "This file's device was revoked by an operator: its files are not imported",
  unsigned:
    'This file is not signed by its device (an app older than device keys): an operator can import it on the ' +
    'server with "npm run cli -- import FILE --trust-unsigned"',
  unregistered:
    "This file's device has not registered its key yet: it can be imported once the device has been online " +
    'once, or by an operator on the server with "npm run cli -- import FILE --trust-unsigned"',
  signature: "This file's signature does not match its device's key: it was altered or forged",
};

export class FileRefusal extends HttpError {
  constructor(
    readonly reason: FileRefusalReason,
    readonly owner: string | null,
  ) {
    super('forbidden', `${MESSAGES[reason]}. Nothing was imported.`, { reason });
  }
}

/**
 * Checks that an export file is its device's own before anything of it is applied (docs/sync-protocol.md,
 * "Import"): its user owns its clientId, the device is not revoked, and the file's signature verifies
 * against the key the device registered. `trustUnsigned` (the CLI's flag) lets an unsigned or unregistered
 * file in, never a revoked device's, another account's, or one whose signature fails.
 */
export async function checkFileDevice(
  storage: StorageOps,
  file: UnsyncedExport,
  trustUnsigned: boolean,
): Promise<FileTrust> {
  const device = await storage.devices.get(file.clientId);
  const owner = device?.userId ?? null;
  const refuse = (reason: FileRefusalReason) => new FileRefusal(reason, owner);
  if (device && device.userId !== file.userId) throw refuse('owner');
  if (device?.revokedAt) throw refuse('revoked');
  if (file.signature === undefined) {
    if (trustUnsigned) return 'unsigned';
    throw refuse('unsigned');
  }
  if (!device?.publicKey) {
    if (trustUnsigned) return 'unregistered';
    throw refuse('unregistered');
  }
  if (!(await verifyExportSignature(device.publicKey, file.checksum, file.signature)))
    throw refuse('signature');
  return 'signed';
}

/** Audits a refused file (`import.refused`, outside any transaction, so it stays). */
export async function auditFileRefusal(
  storage: StorageOps,
  refusal: FileRefusal,
  file: UnsyncedExport,
  importer: UserRecord | null,
  at: Date,
  client: ClientInfo | undefined,
): Promise<void> {
  await storage.audit({
    at: at.toISOString(),
    userId: importer?.id ?? null,
    action: 'import.refused',
    tbl: 'clients',
    recordId: file.clientId,
    onBehalfOf: file.userId,
    ...client,
    details: {
      reason: refusal.reason,
      clientId: file.clientId,
      owner: refusal.owner,
      version: file.version,
      changes: file.mutations.length,
    },
  });
}
