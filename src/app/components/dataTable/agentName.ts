import type { PublicUser } from '../../../core/records/user';

/**
 * The name the data table shows for the agent who sent a submission: the signed-in user's own name, else
 * the account id the submission carries. The one place to change when the names of the project's members
 * reach the device (issue 14, "who did what").
 */
export function agentName(createdBy: string, me: Pick<PublicUser, 'id' | 'displayName'>): string {
  return createdBy === me.id ? me.displayName : createdBy;
}
