import type { ClientInfo } from '../http/clientInfo';
import type { AuditEntry } from '../storage/Storage';

/**
 * Who an act is by and for, and where it came from: the part of an audit entry that is the same for every
 * record a request touches. `userId` is the actor (an importer, for an imported file; null for the operator
 * at the server's console), `onBehalfOf` the account the changes are attributed to when it is not the actor.
 */
export type AuditContext = Pick<AuditEntry, 'userId' | 'onBehalfOf' | 'address' | 'userAgent'>;

/** The context of an act by `actorId` over HTTP (`client` from `c.var.client`), or at the console. */
export function auditContext(
  actorId: string | null,
  client: ClientInfo | null = null,
  onBehalfOf: string | null = null,
): AuditContext {
  return {
    userId: actorId,
    ...(onBehalfOf !== null && onBehalfOf !== actorId ? { onBehalfOf } : {}),
    ...(client ? { address: client.address, userAgent: client.userAgent } : {}),
  };
}
