import type { PublicUser } from '../../core/records/user';
import type { StorageOps, UserRecord } from '../storage/Storage';

export function toPublicUser(user: UserRecord): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    organisationId: user.organisationId,
  };
}

/** Ids of the projects a user works in; an admin works in all of them. */
export function visibleProjectIds(storage: StorageOps, user: UserRecord): Promise<string[]> {
  return user.role === 'admin' ? storage.allProjectIds() : storage.memberProjectIds(user.id);
}
