import { randomUUID } from 'node:crypto';
import { createAccount } from '../../../src/server/accounts';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { newClientId, OTHER_PROJECT, PASSWORD } from '../harness';
import type { Act } from './acts';
import { httpOutcome, type RightsWorld } from './world';

/** A fresh agent who works in `projectIds` only, made behind the scenes; returns their id. */
async function agentOf(w: RightsWorld, projectIds: string[]): Promise<string> {
  const username = `m-${randomUUID().slice(0, 8)}`;
  const user = await w.server.storage.transaction((tx) =>
    createAccount(
      tx,
      { username, displayName: username, role: 'agent', password: PASSWORD, projectIds },
      w.server.clock.now,
      TEST_PASSWORD_COST,
    ),
  );
  return user.id;
}

/** The users and devices page's acts (src/server/routes/users.ts, src/server/users/managerRights.ts). */
export const USER_ACTS: Record<string, Act> = {
  async 'users-list'(w, column) {
    const p = await w.project();
    const id = await agentOf(w, [p]);
    const res = await w.request(column, '/api/users');
    const outcome = httpOutcome(res);
    if (outcome !== '✓') return outcome;
    const { users } = (await res.json()) as { users: { id: string }[] };
    return users.some((u) => u.id === id) ? '✓' : '✗';
  },

  async 'user-create'(w, column) {
    const p = await w.project();
    const json = {
      username: `n-${randomUUID().slice(0, 8)}`,
      displayName: 'Nouvel agent',
      role: 'agent',
      password: PASSWORD,
      projectIds: [p],
    };
    return httpOutcome(await w.request(column, '/api/users', { json }));
  },

  async 'user-manage'(w, column) {
    const id = await agentOf(w, [await w.project()]);
    return httpOutcome(await w.request(column, `/api/users/${id}/disable`, { json: {} }));
  },

  async 'user-shared'(w, column) {
    const id = await agentOf(w, [await w.project(), OTHER_PROJECT]);
    return httpOutcome(await w.request(column, `/api/users/${id}/disable`, { json: {} }));
  },

  async 'device-revoke'(w, column) {
    const id = await agentOf(w, [await w.project()]);
    const clientId = newClientId();
    await w.server.storage.transaction((tx) => tx.devices.claim(clientId, id));
    return httpOutcome(await w.request(column, `/api/users/devices/${clientId}/revoke`, { json: {} }));
  },
};
