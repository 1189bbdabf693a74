import { createAccount } from '../../../src/server/accounts';
import { DEFAULT_PASSWORD_COST, TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { DEMO_ORGANISATION, DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { seedDemo } from '../../../src/server/seed/demoSeed';
import type { Storage } from '../../../src/server/storage/Storage';
import { publishDefinition } from '../../server/harness';
import { PHOTO_FORM } from '../../server/media/photoForm';
import type { Account } from './scenario';

export const LOAD_PASSWORD = 'load-bench-field-2026';

/**
 * Fills a migrated, empty database for a load run: the demo organisation, project and household survey, a
 * form with a photo question, and `count` agents of the demo project (agent001…), each with their own
 * tablet. Their passwords are hashed at the production cost, so sign-ins cost what they cost in the field.
 */
export async function prepareLoadDatabase(
  storage: Storage,
  count: number,
  options: { cheapHashes?: boolean } = {},
): Promise<Account[]> {
  const at = new Date();
  await seedDemo(storage, { password: LOAD_PASSWORD, passwordCost: TEST_PASSWORD_COST, now: at });
  await publishDefinition(storage, PHOTO_FORM, at);
  const cost = options.cheapHashes ? TEST_PASSWORD_COST : DEFAULT_PASSWORD_COST;
  const accounts: Account[] = [];
  for (let n = 1; n <= count; n += 1) {
    const username = `agent${String(n).padStart(3, '0')}`;
    await createAccount(
      storage,
      {
        username,
        displayName: `Agent ${n}`,
        role: 'agent',
        password: LOAD_PASSWORD,
        organisationId: DEMO_ORGANISATION.id,
        projectIds: [DEMO_PROJECT.id],
      },
      at,
      cost,
    );
    accounts.push({ username, password: LOAD_PASSWORD });
  }
  return accounts;
}
