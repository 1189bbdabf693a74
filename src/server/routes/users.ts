import { Hono, type Context } from 'hono';
import {
  CreateUserRequest,
  DeviceIdParam,
  MembershipRequest,
  ResetPasswordRequest,
  RoleRequest,
  type ManagedDevice,
  type ManagedUser,
  type UserActionResponse,
} from '../../core/sync/userAdmin';
import { AccountError, createAccount, joinProjects } from '../accounts';
import { requireUser } from '../auth/session';
import { revokeDevice } from '../devices/commands';
import { readJson } from '../http/body';
import type { AppEnv, Clock } from '../http/env';
import { HttpError } from '../http/errors';
import { randomPassword } from '../seed/randomPassword';
import type { Storage } from '../storage/Storage';
import type { Actor } from '../users/actor';
import { disableUser, enableUser, leaveProjects, resetPassword, setUserRole } from '../users/commands';
import {
  assignableRoles,
  checkGrant,
  managedTarget,
  managerView,
  mayManage,
  maySee,
  type ManagerView,
} from '../users/managerRights';

/** The console's account messages (wrong password policy, taken username…) are the user's to fix: 400. */
async function asValidation<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AccountError)
      throw new HttpError('validation', err.message, err.reason ? { reason: err.reason } : undefined);
    throw err;
  }
}

const actorOf = (c: Context<AppEnv>): Actor => ({ userId: c.var.user.id, client: c.var.client });
const ok = (extra: Omit<UserActionResponse, 'ok'> = {}): UserActionResponse => ({ ok: true, ...extra });

/**
 * The users and devices page (`#/users`): the console's account operations (src/server/users/commands.ts,
 * accounts.ts, devices/commands.ts) over HTTP, for admins and, over their projects' members, supervisors
 * (src/server/users/managerRights.ts). Each is audited with its actor, as at the console but with a name.
 */
export function userRoutes(storage: Storage, now: Clock): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const session = requireUser(storage, now);
  routes.use('/users', session);
  routes.use('/users/*', session);

  /** The accounts the viewer sees, their devices (last sync, version, unsent), what the viewer may give. */
  routes.get('/users', async (c) => {
    const view = await managerView(storage, c.var.user);
    const users: ManagedUser[] = [];
    // One query per account: the page lists tens or hundreds of accounts, not more.
    for (const user of await storage.listUsers()) {
      const projectIds = await storage.memberProjectIds(user.id);
      if (!maySee(view, projectIds)) continue;
      const { id, username, displayName, role, disabled } = user;
      const manageable = mayManage(view, user, projectIds);
      // A supervisor sees only the memberships of their own projects.
      const shownProjects = view.all ? projectIds : projectIds.filter((p) => view.projects.has(p));
      users.push({ id, username, displayName, role, disabled, projectIds: shownProjects, manageable });
    }
    users.sort((a, b) => a.username.localeCompare(b.username));
    const byId = new Map(users.map((u) => [u.id, u]));
    const devices: ManagedDevice[] = (await storage.devices.list())
      .filter((d) => byId.has(d.userId))
      .map((d) => ({
        clientId: d.clientId,
        userId: d.userId,
        appVersion: d.appVersion,
        lastPushAt: d.lastPushAt,
        lastPullAt: d.lastPullAt,
        unsent: d.unsent,
        revokedAt: d.revokedAt,
        manageable: byId.get(d.userId)?.manageable ?? false,
      }));
    return c.json({ users, devices, projectIds: [...view.projects].sort(), roles: assignableRoles(view) });
  });

  routes.post('/users', async (c) => {
    const view = await managerView(storage, c.var.user);
    const request = await readJson(c, CreateUserRequest);
    checkGrant(view, request);
    // A supervisor's account belongs to a project of theirs, or they could not see it afterwards.
    if (!view.all && request.projectIds.length === 0)
      throw new HttpError('validation', 'Choose at least one project');
    const password = request.password ?? randomPassword();
    const user = await asValidation(() =>
      storage.transaction((tx) => createAccount(tx, { ...request, password }, now(), undefined, actorOf(c))),
    );
    return c.json(ok({ userId: user.id, ...(request.password ? {} : { password }) }), 201);
  });

  /** The account of `:id` that the viewer may manage (404 if they do not see it, 403 if not theirs). */
  async function target(c: Context<AppEnv>): Promise<{ view: ManagerView; username: string }> {
    const view = await managerView(storage, c.var.user);
    const { user } = await managedTarget(storage, view, c.req.param('id') ?? '');
    return { view, username: user.username };
  }

  routes.post('/users/:id/disable', async (c) => {
    const { username } = await target(c);
    await disableUser(storage, username, now(), actorOf(c));
    return c.json(ok());
  });

  routes.post('/users/:id/enable', async (c) => {
    const { username } = await target(c);
    await enableUser(storage, username, now(), actorOf(c));
    return c.json(ok());
  });

  routes.post('/users/:id/password', async (c) => {
    const { username } = await target(c);
    const request = await readJson(c, ResetPasswordRequest);
    const reset = await asValidation(() =>
      resetPassword(storage, username, now(), { password: request.password }, actorOf(c)),
    );
    return c.json(ok(reset.generated ? { password: reset.password } : {}));
  });

  routes.post('/users/:id/role', async (c) => {
    const { view, username } = await target(c);
    const { role } = await readJson(c, RoleRequest);
    checkGrant(view, { role });
    await setUserRole(storage, username, role, now(), actorOf(c));
    return c.json(ok());
  });

  routes.post('/users/:id/projects', async (c) => {
    const { view, username } = await target(c);
    const { join, leave } = await readJson(c, MembershipRequest);
    checkGrant(view, { projectIds: [...join, ...leave] });
    await asValidation(async () => {
      if (join.length > 0)
        await storage.transaction((tx) => joinProjects(tx, username, join, now(), actorOf(c)));
      if (leave.length > 0) await leaveProjects(storage, username, leave, now(), actorOf(c));
    });
    return c.json(ok());
  });

  /** Revokes a lost or stolen device of an account the viewer manages (devices/commands.ts). */
  routes.post('/users/devices/:clientId/revoke', async (c) => {
    const view = await managerView(storage, c.var.user);
    const param = DeviceIdParam.safeParse({ clientId: c.req.param('clientId') });
    const device = param.success ? await storage.devices.get(param.data.clientId) : undefined;
    if (!device) throw new HttpError('not_found', 'No such device');
    await managedTarget(storage, view, device.userId);
    await revokeDevice(storage, device.clientId, now(), actorOf(c));
    return c.json(ok());
  });

  return routes;
}
