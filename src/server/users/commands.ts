import { Role } from '../../core/records/user';
import { AccountError } from '../accounts';
import { passwordProblem } from '../auth/passwordPolicy';
import { DEFAULT_PASSWORD_COST, hashPassword, type PasswordCost } from '../auth/passwords';
import { signInKeys } from '../auth/signInThrottle';
import { randomPassword } from '../seed/randomPassword';
import type { AuditEntry, Storage, StorageOps, UserRecord } from '../storage/Storage';
import { actedBy, type Actor } from './actor';

/**
 * What an operator does to accounts from the server's console (`npm run cli -- users …`, see cli.ts here).
 * Each command changes the account and writes its audit entry in one transaction, acted by the operator
 * (`userId` null) or, through the API (src/server/routes/users.ts), by `by`. Every route reads the user, their role and their memberships per request, so each change
 * holds from the user's next request on, with the session they already have.
 */

async function userNamed(storage: StorageOps, username: string): Promise<UserRecord> {
  const user = await storage.userByUsername(username);
  if (!user) throw new AccountError(`No account named ${username}`);
  return user;
}

function entry(user: UserRecord, action: string, at: Date, details: object, by?: Actor): AuditEntry {
  return {
    at: at.toISOString(),
    ...actedBy(by),
    action,
    tbl: 'users',
    recordId: user.id,
    details: { username: user.username, ...details },
  };
}

/** Refuses the account's sign-ins and ends its sessions at once. */
export function disableUser(
  storage: Storage,
  username: string,
  at: Date,
  by?: Actor,
): Promise<{ changed: boolean; revokedTokens: number }> {
  return storage.transaction(async (tx) => {
    const user = await userNamed(tx, username);
    // Sessions are ended even when the account was disabled already: nothing of it may stay open.
    const revokedTokens = await tx.revokeUserTokens(user.id, at.toISOString());
    if (user.disabled) return { changed: false, revokedTokens };
    await tx.updateUser(user.id, { disabled: true });
    await tx.audit(entry(user, 'user.disable', at, { revokedTokens }, by));
    return { changed: true, revokedTokens };
  });
}

/** Lets a disabled account sign in again (its ended sessions stay ended). */
export function enableUser(
  storage: Storage,
  username: string,
  at: Date,
  by?: Actor,
): Promise<{ changed: boolean }> {
  return storage.transaction(async (tx) => {
    const user = await userNamed(tx, username);
    if (!user.disabled) return { changed: false };
    await tx.updateUser(user.id, { disabled: false });
    await tx.audit(entry(user, 'user.enable', at, {}, by));
    return { changed: true };
  });
}

/**
 * Gives the account a new password: `password` if given (it must follow the policy), else a generated one
 * for the operator to pass on. The account's sessions end (a reset often means the old password leaked),
 * and its sign-in lock is lifted so the new password works at once. The password is never audited.
 */
export async function resetPassword(
  storage: Storage,
  username: string,
  at: Date,
  options: { password?: string; cost?: PasswordCost },
  by?: Actor,
): Promise<{ password: string; generated: boolean; revokedTokens: number }> {
  const user = await userNamed(storage, username);
  const generated = options.password === undefined;
  const password = options.password ?? randomPassword();
  const weak = passwordProblem(password, user.username);
  if (weak) throw new AccountError(weak, 'weak_password');
  // Hashed before the transaction: argon2 takes tens of milliseconds, no lock need wait for it.
  const passwordHash = await hashPassword(password, options.cost ?? DEFAULT_PASSWORD_COST);
  const revokedTokens = await storage.transaction(async (tx) => {
    const current = await userNamed(tx, username);
    await tx.updateUser(current.id, { passwordHash });
    const revoked = await tx.revokeUserTokens(current.id, at.toISOString());
    await tx.signInThrottle.delete(signInKeys(current.username, null).account);
    await tx.audit(entry(current, 'user.password_reset', at, { generated, revokedTokens: revoked }, by));
    return revoked;
  });
  return { password, generated, revokedTokens };
}

/** Changes the account's role; it holds from the user's next request. */
export async function setUserRole(
  storage: Storage,
  username: string,
  role: string,
  at: Date,
  by?: Actor,
): Promise<{ before: Role; after: Role }> {
  const parsed = Role.safeParse(role);
  if (!parsed.success) throw new AccountError(`Invalid role: choose one of ${Role.options.join(', ')}`);
  const after = parsed.data;
  return storage.transaction(async (tx) => {
    const user = await userNamed(tx, username);
    const before = user.role;
    if (before !== after) {
      await tx.updateUser(user.id, { role: after });
      await tx.audit(entry(user, 'user.role', at, { before, after }, by));
    }
    return { before, after };
  });
}

/**
 * Ends the account's membership of projects: from its next request, the user no longer pulls, pushes,
 * downloads or exports anything of them. What their device holds already stays there.
 */
export async function leaveProjects(
  storage: Storage,
  username: string,
  projectIds: readonly string[],
  at: Date,
  by?: Actor,
): Promise<{ left: string[]; notMember: string[] }> {
  if (projectIds.length === 0) throw new AccountError('Name at least one --project');
  return storage.transaction(async (tx) => {
    const user = await userNamed(tx, username);
    const known = new Set(await tx.allProjectIds());
    const missing = projectIds.find((p) => !known.has(p));
    if (missing) throw new AccountError(`Unknown project ${missing}`, 'unknown_project');
    const left: string[] = [];
    const notMember: string[] = [];
    for (const projectId of new Set(projectIds)) {
      if (!(await tx.removeProjectMember(projectId, user.id))) {
        notMember.push(projectId);
        continue;
      }
      left.push(projectId);
      await tx.audit(entry(user, 'project.member.remove', at, { projectId }, by));
    }
    return { left, notMember };
  });
}

/** Ends every open session of the account (it may sign in again: see disableUser to prevent that). */
export function revokeTokens(storage: Storage, username: string, at: Date): Promise<number> {
  return storage.transaction(async (tx) => {
    const user = await userNamed(tx, username);
    const revokedTokens = await tx.revokeUserTokens(user.id, at.toISOString());
    await tx.audit(entry(user, 'token.revoke', at, { revokedTokens }));
    return revokedTokens;
  });
}
