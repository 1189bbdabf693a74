import type { ClientInfo } from '../http/clientInfo';
import type { AuditEntry } from '../storage/Storage';

/**
 * Who does an account operation: an admin or supervisor through the API (src/server/routes/users.ts), with
 * the address and user agent of their request; absent for the operator at the server's console (`userId`
 * null in the audit log).
 */
export interface Actor {
  userId: string;
  client: ClientInfo;
}

/** The actor's columns of an audit entry. */
export function actedBy(by: Actor | undefined): Pick<AuditEntry, 'userId' | 'address' | 'userAgent'> {
  return by ? { userId: by.userId, ...by.client } : { userId: null };
}
