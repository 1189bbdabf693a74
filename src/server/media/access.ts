import type { Storage, UserRecord } from '../storage/Storage';
import { pullScope } from '../sync/pull';

/**
 * Whether `user` may download the file: they uploaded it, or they may pull a submission that names it.
 * Checked before looking for the bytes, so a reviewer learns "not received yet" and nobody else learns more.
 */
export async function mayDownload(storage: Storage, user: UserRecord, sha256: string): Promise<boolean> {
  const upload = await storage.media.getUpload(sha256, user.id);
  if (upload?.completedAt) return true;
  return storage.media.referencedInScope(sha256, pullScope(user));
}
