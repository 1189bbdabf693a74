import type { Storage, UserRecord } from '../storage/Storage';
import { pullScope } from '../sync/pull';
import { documentAccess } from './projectDocuments';

/** What a download request may learn: the file, that it has not come yet, or nothing. */
export type DownloadAccess = 'allowed' | 'pending' | 'forbidden';

/**
 * Whether `user` may download the file (docs/sync-protocol.md, "Media"): they completed an upload of it
 * (they hold the bytes), or they may pull a submission whose reference to it grants access, i.e. whose
 * author proved they hold the bytes. Knowing a hash is not enough: a submission naming someone else's file
 * grants its author and its reviewers nothing.
 *
 * `pending`: the user may pull others' submissions naming the file whose authors have not sent it yet; the
 * answer is "not received yet" whether or not the server holds those bytes from someone else, so it tells
 * nobody what the server holds. Checked before looking for the bytes.
 *
 * A project's documents grant the same way to those who may pull the project: only when one who added the
 * file to the project completed an upload of it (projectDocuments.ts).
 */
export async function downloadAccess(
  storage: Storage,
  user: UserRecord,
  sha256: string,
): Promise<DownloadAccess> {
  const upload = await storage.media.getUpload(sha256, user.id);
  if (upload?.completedAt) return 'allowed';
  const scope = pullScope(user);
  const access = await storage.media.refAccess(sha256, scope);
  if (access === 'granted') return 'allowed';
  const document = await documentAccess(storage.media, sha256, scope);
  if (document === 'granted') return 'allowed';
  return access === 'pending' || document === 'pending' ? 'pending' : 'forbidden';
}
