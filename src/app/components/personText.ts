import type { Translate } from '../i18n/types';
import type { Person } from '../repositories/members';

/**
 * How a person is named on screen: "Awa Traoré (field agent)", from the synced `members` table (the project's
 * members and whoever acted on its records, admins included); never an
 * account id. Someone the device does not know yet (members not synced, or who left the project) is "a
 * member not synced yet". The strings are readingStrings.ts's: import it where this is used.
 */
export function personText(
  userId: string | null | undefined,
  people: ReadonlyMap<string, Person>,
  t: Translate,
) {
  const person = userId ? people.get(userId) : undefined;
  if (!person) return t('people.notSynced');
  return t('people.nameRole', { name: person.displayName, role: t(`people.role.${person.role}`) });
}
