import { randomUUID } from 'node:crypto';
import { Role, Username } from '../core/records/user';
import { passwordProblem } from './auth/passwordPolicy';
import { DEFAULT_PASSWORD_COST, hashPassword, type PasswordCost } from './auth/passwords';
import type { StorageOps, UserRecord } from './storage/Storage';
import { actedBy, type Actor } from './users/actor';
import './zodLocale';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  organisationId?: string | null;
  /** Projects the user joins. */
  projectIds?: string[];
}

/** The password policy (src/server/auth/passwordPolicy.ts). */
export { MIN_PASSWORD_LENGTH } from './auth/passwordPolicy';

/**
 * Why an account operation was refused, for the users page to say in the UI's language (the message stays
 * English, for the console).
 */
export type AccountRefusal = 'invalid_username' | 'weak_password' | 'username_taken' | 'unknown_project';

/** Bad input for a new account: the message is meant for the person who typed it. */
export class AccountError extends Error {
  constructor(
    message: string,
    readonly reason?: AccountRefusal,
  ) {
    super(message);
  }
}

/** Creates a user with an argon2id password hash. Throws an AccountError on bad input or a taken username. */
export async function createAccount(
  storage: StorageOps,
  account: NewAccount,
  at: Date,
  cost: PasswordCost = DEFAULT_PASSWORD_COST,
  /** Who creates it through the API; the operator at the console when absent. */
  by?: Actor,
): Promise<UserRecord> {
  const username = Username.safeParse(account.username);
  if (!username.success)
    throw new AccountError(
      `Invalid username: ${username.error.issues[0]?.message ?? ''}`,
      'invalid_username',
    );
  const role = Role.safeParse(account.role);
  if (!role.success) throw new AccountError(`Invalid role: choose one of ${Role.options.join(', ')}`);
  const weak = passwordProblem(account.password, username.data);
  if (weak) throw new AccountError(weak, 'weak_password');
  if (await storage.userByUsername(username.data))
    throw new AccountError(`Username ${username.data} is taken`, 'username_taken');
  const projects = account.projectIds ?? [];
  const known = new Set(await storage.allProjectIds());
  const missing = projects.find((p) => !known.has(p));
  if (missing) throw new AccountError(`Unknown project ${missing}`, 'unknown_project');

  const user: UserRecord = {
    id: randomUUID(),
    username: username.data,
    displayName: account.displayName.trim() || username.data,
    role: role.data,
    organisationId: account.organisationId ?? null,
    passwordHash: await hashPassword(account.password, cost),
    createdAt: at.toISOString(),
    disabled: false,
  };
  await storage.insertUser(user);
  for (const projectId of projects) await storage.addProjectMember(projectId, user.id);
  await storage.audit({
    at: user.createdAt,
    ...actedBy(by),
    action: 'user.create',
    tbl: 'users',
    recordId: user.id,
    details: { username: user.username, role: user.role, projects },
  });
  return user;
}

/**
 * Makes an existing account a member of projects (a project created in the app has no members but its
 * creator's admins). Their devices pull the projects' earlier records on their next sync (the pull's scope).
 * Returns the projects they newly joined; throws an AccountError for an unknown user or project.
 */
export async function joinProjects(
  storage: StorageOps,
  username: string,
  projectIds: readonly string[],
  at: Date,
  by?: Actor,
): Promise<string[]> {
  const user = await storage.userByUsername(username);
  if (!user) throw new AccountError(`No account named ${username}`);
  if (projectIds.length === 0) throw new AccountError('Name at least one --project');
  const known = new Set(await storage.allProjectIds());
  const missing = projectIds.find((p) => !known.has(p));
  if (missing) throw new AccountError(`Unknown project ${missing}`, 'unknown_project');
  const joined: string[] = [];
  for (const projectId of projectIds) {
    if (!(await storage.addProjectMember(projectId, user.id))) continue;
    joined.push(projectId);
    await storage.audit({
      at: at.toISOString(),
      ...actedBy(by),
      action: 'project.member.add',
      tbl: 'users',
      recordId: user.id,
      details: { projectId },
    });
  }
  return joined;
}
