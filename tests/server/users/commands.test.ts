import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoginResponse, MeResponse } from '../../../src/core/sync/auth';
import { AccountError } from '../../../src/server/accounts';
import { passwordProblem } from '../../../src/server/auth/passwordPolicy';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { hashToken } from '../../../src/server/auth/tokens';
import {
  disableUser,
  enableUser,
  leaveProjects,
  resetPassword,
  revokeTokens,
  setUserRole,
} from '../../../src/server/users/commands';
import { usersAdminCommand } from '../../../src/server/users/cli';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import { backends } from '../backends';
import { OTHER_PROJECT, PASSWORD, setupServer, type TestServer } from '../harness';

/** The account commands of `npm run cli -- users …`, called directly on a real storage. */
describe.each(backends)('users commands on $name', (backend) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await setupServer(backend);
  });
  afterEach(async () => {
    await server?.close();
  });

  const signIn = (username: string, password = PASSWORD) =>
    server.request('/api/auth/login', { json: { username, password } });
  async function token(username: string, password = PASSWORD): Promise<string> {
    const res = await signIn(username, password);
    expect(res.status).toBe(200);
    return LoginResponse.parse(await res.json()).token;
  }
  const me = (t: string) => server.request('/api/me', { token: t });
  const lastAudit = async (action: string) => (await server.storage.listAudit(1, { action }))[0];

  it('disable ends every session at once and refuses sign-in; enable lets the user sign in again', async () => {
    const sessions = [await token('agent'), await token('agent')];
    const result = await disableUser(server.storage, 'agent', server.clock.now);
    expect(result).toEqual({ changed: true, revokedTokens: 2 });
    for (const t of sessions) {
      expect((await me(t)).status).toBe(401);
      expect((await server.storage.tokenByHash(hashToken(t)))?.revokedAt).not.toBeNull();
    }
    expect((await signIn('agent')).status).toBe(401);
    const agent = await server.storage.userByUsername('agent');
    expect(await lastAudit('user.disable')).toMatchObject({
      userId: null,
      tbl: 'users',
      recordId: agent?.id,
      details: { username: 'agent', revokedTokens: 2 },
    });
    expect(await disableUser(server.storage, 'agent', server.clock.now)).toEqual({
      changed: false,
      revokedTokens: 0,
    });

    expect(await enableUser(server.storage, 'agent', server.clock.now)).toEqual({ changed: true });
    expect(await lastAudit('user.enable')).toMatchObject({
      recordId: agent?.id,
      details: { username: 'agent' },
    });
    expect((await me(await token('agent'))).status).toBe(200);
    // The sessions ended by the disable stay ended.
    expect((await me(sessions[0]!)).status).toBe(401);
  });

  it('reset-password generates a password that follows the policy, ends sessions and lifts a lock', async () => {
    const old = await token('focal');
    for (let i = 0; i < 5; i += 1) await signIn('focal', 'wrong-password-x');
    expect((await signIn('focal')).status).toBe(429);

    const reset = await resetPassword(server.storage, 'focal', server.clock.now, {
      cost: TEST_PASSWORD_COST,
    });
    expect(reset).toMatchObject({ generated: true, revokedTokens: 1 });
    expect(passwordProblem(reset.password, 'focal')).toBeNull();
    expect((await me(old)).status).toBe(401);
    expect((await signIn('focal')).status).toBe(401);
    expect((await me(await token('focal', reset.password))).status).toBe(200);
    const audit = await lastAudit('user.password_reset');
    expect(audit?.details).toEqual({ username: 'focal', generated: true, revokedTokens: 1 });
    expect(audit?.detailsJson).not.toContain(reset.password);
  });

  it('reset-password takes a chosen password, if the policy allows it', async () => {
    await expect(
      resetPassword(server.storage, 'agent2', server.clock.now, { password: 'password1234' }),
    ).rejects.toThrow(/too common/);
    await expect(
      resetPassword(server.storage, 'agent2', server.clock.now, { password: 'agent2-agent2' }),
    ).rejects.toThrow(/username/);
    expect((await signIn('agent2')).status).toBe(200);
    const chosen = 'baobab-pres-du-puits-7';
    const reset = await resetPassword(server.storage, 'agent2', server.clock.now, {
      password: chosen,
      cost: TEST_PASSWORD_COST,
    });
    expect(reset).toMatchObject({ password: chosen, generated: false });
    expect((await signIn('agent2', chosen)).status).toBe(200);
  });

  it('role takes effect on the next request of an open session, with before and after audited', async () => {
    const session = await token('agent');
    expect(MeResponse.parse(await (await me(session)).json()).user.role).toBe('agent');
    expect((await server.request('/api/export/iati', { token: session })).status).toBe(403);

    expect(await setUserRole(server.storage, 'agent', 'supervisor', server.clock.now)).toEqual({
      before: 'agent',
      after: 'supervisor',
    });
    expect(MeResponse.parse(await (await me(session)).json()).user.role).toBe('supervisor');
    // Allowed now: the 409 says no project of the demo can be published to IATI yet.
    expect((await server.request('/api/export/iati', { token: session })).status).toBe(409);
    expect((await lastAudit('user.role'))?.details).toEqual({
      username: 'agent',
      before: 'agent',
      after: 'supervisor',
    });

    await setUserRole(server.storage, 'agent', 'agent', server.clock.now);
    expect((await server.request('/api/export/iati', { token: session })).status).toBe(403);
    await expect(setUserRole(server.storage, 'agent', 'king', server.clock.now)).rejects.toThrow(
      /Invalid role: choose one of agent, focal_point, supervisor, admin/,
    );
  });

  it('leave removes memberships, audited per project; unknown projects and non-memberships are said', async () => {
    expect(await leaveProjects(server.storage, 'agent2', [DEMO_PROJECT.id], server.clock.now)).toEqual({
      left: [DEMO_PROJECT.id],
      notMember: [],
    });
    expect(
      await server.storage.memberProjectIds((await server.storage.userByUsername('agent2'))!.id),
    ).toEqual([]);
    expect((await lastAudit('project.member.remove'))?.details).toEqual({
      username: 'agent2',
      projectId: DEMO_PROJECT.id,
    });
    expect(await leaveProjects(server.storage, 'agent2', [DEMO_PROJECT.id], server.clock.now)).toEqual({
      left: [],
      notMember: [DEMO_PROJECT.id],
    });
    await expect(leaveProjects(server.storage, 'agent2', ['nulle-part'], server.clock.now)).rejects.toThrow(
      'Unknown project nulle-part',
    );
    await expect(leaveProjects(server.storage, 'agent2', [], server.clock.now)).rejects.toThrow(/--project/);
  });

  it('tokens revoke ends every session of the user, and only theirs', async () => {
    const sessions = [await token('supervisor'), await token('supervisor')];
    const other = await token('outsider');
    expect(await revokeTokens(server.storage, 'supervisor', server.clock.now)).toBe(2);
    for (const t of sessions) expect((await me(t)).status).toBe(401);
    expect((await me(other)).status).toBe(200);
    expect((await lastAudit('token.revoke'))?.details).toEqual({ username: 'supervisor', revokedTokens: 2 });
    // A new sign-in works: revoking is not disabling.
    expect((await me(await token('supervisor'))).status).toBe(200);
    expect(await revokeTokens(server.storage, 'supervisor', server.clock.now)).toBe(1);
  });

  it('refuses an unknown account with a clear message, and audits nothing', async () => {
    const before = (await server.storage.listAudit(1000)).length;
    const now = server.clock.now;
    const attempts = [
      () => disableUser(server.storage, 'personne', now),
      () => enableUser(server.storage, 'personne', now),
      () => resetPassword(server.storage, 'personne', now, {}),
      () => setUserRole(server.storage, 'personne', 'agent', now),
      () => leaveProjects(server.storage, 'personne', [OTHER_PROJECT], now),
      () => revokeTokens(server.storage, 'personne', now),
    ];
    for (const attempt of attempts)
      await expect(attempt()).rejects.toThrow(new AccountError('No account named personne'));
    expect((await server.storage.listAudit(1000)).length).toBe(before);
  });

  it('prints what each command did through the CLI, a generated password once', async () => {
    const out: string[] = [];
    const run = (args: string[]) =>
      usersAdminCommand(args, server.storage, { out: (line) => out.push(line), now: () => server.clock.now });
    await run(['disable', 'agent']);
    await run(['enable', 'agent']);
    await run(['role', 'agent', 'focal_point']);
    await run(['leave', 'agent', '--project', DEMO_PROJECT.id]);
    await run(['tokens', 'revoke', 'agent']);
    await run(['reset-password', 'agent']);
    const printed = out.join('\n');
    expect(printed).toMatch(/agent is disabled; 0 sessions ended/);
    expect(printed).toMatch(/agent is enabled/);
    expect(printed).toMatch(/agent: role agent → focal_point/);
    expect(printed).toMatch(new RegExp(`agent left ${DEMO_PROJECT.id}`));
    expect(printed).toMatch(/agent: 0 sessions ended/);
    const password = /One-time password for agent \(shown once\): (\S+)/.exec(printed)?.[1];
    expect(password && passwordProblem(password, 'agent')).toBeNull();
    await expect(run(['role', 'agent'])).rejects.toThrow(AccountError);
    await expect(run(['tokens', 'agent'])).rejects.toThrow(AccountError);
    await expect(run(['disable'])).rejects.toThrow(AccountError);
  });
});
