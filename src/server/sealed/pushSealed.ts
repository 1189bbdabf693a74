import { PushRequest, WireMutation, type PushResponse } from '../../core/sync/protocol';
import { openSealed, verifySealed, type SealedPushRequest } from '../../core/sync/sealed';
import type { ClientInfo } from '../http/clientInfo';
import { HttpError, issuesOf } from '../http/errors';
import type { RejectedCaps } from '../limits/config';
import type { Storage, UserRecord } from '../storage/Storage';
import { pushInTx } from '../sync/push';
import { sealedRefusal, sealingDevice } from './sealingDevice';
import { serverKey } from './serverKey';

/**
 * Applies one device's sealed changes (docs/sync-protocol.md, "Sealed push"), sent by `sender`: the device's
 * own user, or another user signed in on the same tablet. Every change must carry the device's signature
 * and open with the server's key before anything is applied; then the batch is the device's push, with
 * the rules of an import when someone else sends it: each change is applied only if both its author (the
 * device's owner) and the sender may make it, and a change the sender may not bring in refuses the batch
 * (it would otherwise use up the device's seq).
 */
export async function pushSealed(
  storage: Storage,
  sender: UserRecord,
  request: SealedPushRequest,
  now: Date,
  context: { client: ClientInfo | null; caps?: RejectedCaps },
): Promise<PushResponse> {
  const { publicKey, author } = await sealingDevice(storage, request.clientId, sender, 'changes');

  const mutations: WireMutation[] = [];
  for (const change of request.changes) {
    if (!(await verifySealed(publicKey, request.clientId, change)))
      throw sealedRefusal('changes', 'signature', { seq: change.seq });
    const key = await serverKey(storage, change.box.keyId);
    if (!key) throw sealedRefusal('changes', 'unknown_key', { seq: change.seq });
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(await openSealed(key.privateKey, change.box)));
    } catch {
      throw sealedRefusal('changes', 'unreadable', { seq: change.seq });
    }
    const mutation = WireMutation.safeParse(json);
    // The signature binds the seq: the box must hold the change of that very seq, of that device.
    if (
      !mutation.success ||
      mutation.data.seq !== change.seq ||
      (mutation.data.clientId !== undefined && mutation.data.clientId !== request.clientId)
    )
      throw sealedRefusal('changes', 'unreadable', { seq: change.seq });
    mutations.push(mutation.data);
  }
  const push = PushRequest.safeParse({ protocol: request.protocol, clientId: request.clientId, mutations });
  if (!push.success) throw new HttpError('validation', 'Invalid sealed changes', issuesOf(push.error));

  const importedBy = sender.id === author.id ? null : { id: sender.id, user: sender };
  return storage.transaction(async (tx) => {
    const response = await pushInTx(storage, tx, author, push.data, now, { importedBy, ...context });
    await tx.devices.touchPush(request.clientId, now.toISOString());
    return response;
  });
}
