import { z } from 'zod/mini';
import { Role, Username } from '../records/user';
import { ClientId } from './protocol';

/**
 * The users and devices page's API (`/api/users…`, src/server/routes/users.ts): the account operations of
 * the console (`npm run cli -- users …`) for admins, and for supervisors over their projects' members.
 * docs/security.md, "Who may do what", says who may do which.
 */

const ProjectIdList = z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(200));
const Stamp = z.nullable(z.string());

export const ManagedUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  disabled: z.boolean(),
  projectIds: z.array(z.string()),
  /** Whether the viewer may change this account (disable, reset, role, memberships, its devices). */
  manageable: z.boolean(),
});
export type ManagedUser = z.infer<typeof ManagedUser>;

export const ManagedDevice = z.object({
  clientId: z.string(),
  userId: z.string(),
  appVersion: z.nullable(z.string()),
  lastPushAt: Stamp,
  lastPullAt: Stamp,
  /** The device's pending outbox as it last reported it (null: it never did, an older app). */
  unsent: z.nullable(z.int()),
  revokedAt: Stamp,
  manageable: z.boolean(),
});
export type ManagedDevice = z.infer<typeof ManagedDevice>;

export const UsersResponse = z.object({
  users: z.array(ManagedUser),
  devices: z.array(ManagedDevice),
  /** The projects the viewer may give members to, and the roles they may give. */
  projectIds: z.array(z.string()),
  roles: z.array(Role),
});
export type UsersResponse = z.infer<typeof UsersResponse>;

export const CreateUserRequest = z.object({
  username: Username,
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  role: Role,
  /** Without one, the server generates a one-time password and answers it once. */
  password: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  projectIds: ProjectIdList,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const ResetPasswordRequest = z.object({
  password: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

export const RoleRequest = z.object({ role: Role });

export const MembershipRequest = z.object({ join: ProjectIdList, leave: ProjectIdList });
export type MembershipRequest = z.infer<typeof MembershipRequest>;

/** The answer of every operation; `password` only when the server generated one (shown once). */
export const UserActionResponse = z.object({
  ok: z.literal(true),
  userId: z.optional(z.string()),
  password: z.optional(z.string()),
});
export type UserActionResponse = z.infer<typeof UserActionResponse>;

export const DeviceIdParam = z.object({ clientId: ClientId });

/** A device is listed as silent after this many days without a push or a pull. */
export const SILENT_AFTER_DAYS = 7;

/** When the device last reached the server (push or pull), or null if never. */
export function lastSyncOf(device: Pick<ManagedDevice, 'lastPushAt' | 'lastPullAt'>): string | null {
  const { lastPushAt: push, lastPullAt: pull } = device;
  if (push === null || pull === null) return push ?? pull;
  return push > pull ? push : pull;
}

/**
 * The devices not revoked whose last sync is more than SILENT_AFTER_DAYS before `now` (or that never
 * synced), the longest silent first: the tablets someone should go and find.
 */
export function silentDevices<D extends Pick<ManagedDevice, 'lastPushAt' | 'lastPullAt' | 'revokedAt'>>(
  devices: readonly D[],
  now: Date,
): D[] {
  const limit = now.getTime() - SILENT_AFTER_DAYS * 86_400_000;
  const at = (d: D) => {
    const last = lastSyncOf(d);
    return last === null ? -Infinity : Date.parse(last);
  };
  return devices.filter((d) => d.revokedAt === null && at(d) < limit).sort((a, b) => at(a) - at(b));
}
