import { hasRole, type Role } from '../../core/records/user';
import type { VersionEntry } from '../repositories/submissionVersions';

/**
 * Whether the "Edit" action shows on `shown`, by the server's rule (src/server/sync/submissionVersions.ts):
 * the person who made the first version, the author of this one, focal points, supervisors and admins.
 * Only the current version or a conflicting one is edited (correcting an earlier version would fork the
 * history for nothing), and never a submission the server refused or the user discarded.
 */
export function canCorrect(
  user: { id: string; role: Role },
  shown: VersionEntry,
  chain: VersionEntry[],
): boolean {
  const { record, state } = shown;
  if (state === 'superseded' || record.discardedAt || record.syncState === 'rejected') return false;
  if (hasRole(user.role, 'focal_point') || record.createdBy === user.id) return true;
  const ids = new Set(chain.map((v) => v.record.id));
  const first = chain.find((v) => v.record.replaces === null || !ids.has(v.record.replaces));
  return first?.record.createdBy === user.id;
}
