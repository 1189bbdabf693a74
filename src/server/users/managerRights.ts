import { hasRole, type Role } from '../../core/records/user';
import { HttpError } from '../http/errors';
import type { StorageOps, UserRecord } from '../storage/Storage';

/**
 * Who may manage which account through the users page (docs/security.md, rows `users-*`):
 * - an admin manages every account but their own (an admin cannot lock themselves out by mistake);
 * - a supervisor manages the agents and focal points whose every project is one of the supervisor's: an
 *   account that also works in another project is that project's business too, so only an admin changes
 *   it (least privilege, as for organisations several projects name). They see the members of their
 *   projects, give only their projects and only the roles below their own;
 * - agents and focal points manage nobody (403).
 */
export interface ManagerView {
  actor: UserRecord;
  all: boolean;
  /** The actor's projects (every project for an admin). */
  projects: Set<string>;
}

const SUPERVISOR_ROLES: readonly Role[] = ['agent', 'focal_point'];

export async function managerView(storage: StorageOps, actor: UserRecord): Promise<ManagerView> {
  if (!hasRole(actor.role, 'supervisor'))
    throw new HttpError('forbidden', 'Only supervisors and admins manage accounts');
  const all = actor.role === 'admin';
  const projects = new Set(all ? await storage.allProjectIds() : await storage.memberProjectIds(actor.id));
  return { actor, all, projects };
}

/** The roles `view` may give. */
export function assignableRoles(view: ManagerView): Role[] {
  return view.all ? ['agent', 'focal_point', 'supervisor', 'admin'] : [...SUPERVISOR_ROLES];
}

/** Whether `view` sees the account in its list (a supervisor: the members of their projects). */
export function maySee(view: ManagerView, targetProjects: readonly string[]): boolean {
  return view.all || targetProjects.some((p) => view.projects.has(p));
}

export function mayManage(view: ManagerView, target: UserRecord, targetProjects: readonly string[]): boolean {
  if (target.id === view.actor.id) return false;
  if (view.all) return true;
  return (
    SUPERVISOR_ROLES.includes(target.role) &&
    targetProjects.length > 0 &&
    targetProjects.every((p) => view.projects.has(p))
  );
}

/** Refuses (403) a role or projects `view` may not give. */
export function checkGrant(view: ManagerView, grant: { role?: Role; projectIds?: readonly string[] }): void {
  if (grant.role !== undefined && !assignableRoles(view).includes(grant.role))
    throw new HttpError('forbidden', `You may not give the role ${grant.role}`);
  const foreign = grant.projectIds?.find((p) => !view.projects.has(p));
  if (foreign !== undefined && !view.all)
    throw new HttpError('forbidden', `You may not manage the members of project ${foreign}`);
}

/**
 * The account `id` if `view` may manage it, else 403 (whether the viewer sees it or not: another project's
 * member is refused as the rights table says, and an id is a random UUID that tells nothing).
 */
export async function managedTarget(
  storage: StorageOps,
  view: ManagerView,
  id: string,
): Promise<{ user: UserRecord; projectIds: string[] }> {
  const user = await storage.userById(id);
  const projectIds = user ? await storage.memberProjectIds(user.id) : [];
  if (!user) throw new HttpError('not_found', 'No such account');
  if (!maySee(view, projectIds) || !mayManage(view, user, projectIds))
    throw new HttpError('forbidden', 'You may not change this account: ask an admin');
  return { user, projectIds };
}
