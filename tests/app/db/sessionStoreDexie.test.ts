import { Dexie } from 'dexie';
import { expect, it } from 'vitest';
import { loadSession } from '../../../src/app/db/sessionStore';

it('opens a session an app of before saved through Dexie (the same database, store and key)', async () => {
  const session = {
    token: 'opaque',
    expiresAt: '2024-04-01T00:00:00.000Z',
    user: { id: 'u1', username: 'awa', displayName: 'Awa', role: 'agent' as const, organisationId: null },
  };
  const before = new Dexie('terrain-session');
  before.version(1).stores({ session: 'key' });
  await before.table('session').put({ key: 'current', session });
  before.close();
  expect(await loadSession()).toEqual(session);
});
