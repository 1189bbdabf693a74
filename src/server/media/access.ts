import type { Storage, UserRecord } from '../storage/Storage';

/**
 * Whether `user` may download the file: they uploaded it, or they may see a submission that names it (the
 * same rules as pull: admins every project, others their projects, agents only their own submissions).
 * Checked before looking for the bytes, so a reviewer learns "not received yet" and nobody else learns more.
 */
export async function mayDownload(storage: Storage, user: UserRecord, sha256: string): Promise<boolean> {
  const upload = await storage.media.getUpload(sha256, user.id);
  if (upload?.completedAt) return true;
  return storage.media.referencedInScope(sha256, {
    userId: user.id,
    allProjects: user.role === 'admin',
    ownSubmissionsOnly: user.role === 'agent',
  });
}
