import type { PublicUser } from '../../../core/records/user';
import type { Translate } from '../../i18n/types';
import type { Person } from '../../repositories/members';
import { personText } from '../personText';

/**
 * The name the data table shows for the agent who sent a submission: as every page names people
 * (personText: name and role from the synced members), and the signed-in user by their own name while the
 * members have not synced yet. Never an account id. The one place to change how the table names people.
 */
export function agentName(
  createdBy: string,
  me: Pick<PublicUser, 'id' | 'displayName'>,
  people: ReadonlyMap<string, Person>,
  t: Translate,
): string {
  if (!people.has(createdBy) && createdBy === me.id) return me.displayName;
  return personText(createdBy, people, t);
}
