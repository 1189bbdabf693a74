import { projectNamesOrganisation } from '../../core/records/project';
import type { Mutation } from '../../core/sync/protocol';
import type { StorageTx } from '../storage/Storage';
import { refusedFor, type Actor } from './actors';
import { reject, type Rejected } from './reject';

/**
 * Who may change an organisation, a record every project shares (src/core/sync/mergeTables.ts marks it
 * `global`): the answer depends on which projects name it, which the pure `refuse` of the table cannot read,
 * so the merge batch (mergeBatch.ts) asks this module for every actor of an organisation's write.
 *
 * - Admins edit every organisation.
 * - A supervisor creates organisations, and edits one that only their own projects name; one that no
 *   project names, only if they created it (a colleague's organisation, not used yet, is not theirs to
 *   rename or delete).
 * - Nobody deletes an organisation a project names (admins neither: the project would name nothing): the
 *   refusal, `in_use`, lists the projects that name it which the writer may see, and counts the others.
 *
 * A project names an organisation as its reporting organisation (`organisationId`) or as a participating
 * one (`participatingOrgs[].organisationId`), or through its aid flows: the provider or receiver of one of
 * its transactions or planned disbursements (docs/aid-flows.md).
 * (A user account's `organisationId` belongs to the server's accounts table, which is another registry.)
 * Deleted projects name nothing (projectNamesOrganisation, src/core/records/project.ts).
 */

/** A transaction or planned disbursement as a merge batch sees it. */
export interface BatchFlow {
  tbl: string;
  id: string;
  projectId: string;
  data: Readonly<Record<string, unknown>>;
}

/** A project that names an organisation. */
export interface OrganisationUse {
  id: string;
  code: string;
}

/** The organisation as the batch sees it before this write. */
export interface OrganisationState {
  isNew: boolean;
  createdBy: string | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The projects naming an organisation now: those stored, with this batch's own project changes laid over
 * them (`batch`: the projects it read or wrote, as they stand). Sorted by code.
 */
export async function organisationUses(
  tx: StorageTx,
  organisationId: string,
  batch: Iterable<[string, Readonly<Record<string, unknown>>]>,
  /** The aid flows the batch read or wrote, as they stand. */
  flows: Iterable<BatchFlow> = [],
): Promise<OrganisationUse[]> {
  const projects = new Map<string, Readonly<Record<string, unknown>>>();
  for (const p of await tx.projectsNamingOrganisation(organisationId)) projects.set(p.id, p.data);
  for (const [id, data] of batch) projects.set(id, data);
  const naming = [...projects].filter(([, data]) => projectNamesOrganisation(data, organisationId));
  // A project whose transactions or planned disbursements name it uses it too: those stored, with this
  // batch's own changes of them laid over.
  const flowProjects = new Map<string, string | null>();
  for (const f of await tx.flowsNamingOrganisation(organisationId))
    flowProjects.set(`${f.tbl}:${f.id}`, f.projectId);
  for (const f of flows) {
    const names =
      f.data.deleted !== true &&
      (f.data.providerOrgId === organisationId || f.data.receiverOrgId === organisationId);
    flowProjects.set(`${f.tbl}:${f.id}`, names ? f.projectId : null);
  }
  const named = new Set(naming.map(([id]) => id));
  for (const projectId of new Set(flowProjects.values())) {
    if (projectId === null || named.has(projectId)) continue;
    const data = projects.get(projectId) ?? (await tx.getEntity('projects', projectId))?.data;
    if (data && data.deleted !== true) naming.push([projectId, data]);
  }
  return naming
    .map(([id, data]) => ({ id, code: typeof data.code === 'string' ? data.code : id }))
    .sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
}

/**
 * Why one of `actors` may not make this write of an organisation (the table's role rule already passed),
 * or null: the result to store, or, for an importer, an error aborting the import (actors.ts). `uses` are
 * the projects naming it now; a project the batch created is visible to its creator.
 */
export async function organisationRefusal(
  m: Mutation,
  actors: readonly Actor[],
  uses: readonly OrganisationUse[],
  state: OrganisationState,
  createdHere: (projectId: string) => boolean,
): Promise<Rejected | null> {
  for (const actor of actors) {
    const visible = async (p: string) =>
      actor.user.role === 'admin' || createdHere(p) || (await actor.canWriteProject(p));
    const refused = await refusalFor(m, actor, uses, state, visible);
    if (refused) return refusedFor(actor, refused);
  }
  return null;
}

/** Why `actor` may not make this write; `visible(projectId)` says whether they see a project. */
async function refusalFor(
  m: Mutation,
  actor: Actor,
  uses: readonly OrganisationUse[],
  state: OrganisationState,
  visible: (projectId: string) => Promise<boolean>,
): Promise<Rejected | null> {
  const seen: OrganisationUse[] = [];
  for (const use of uses) if (await visible(use.id)) seen.push(use);
  const others = uses.length - seen.length;
  if (m.op === 'delete' && uses.length > 0) {
    const named = seen.map((u) => `${u.code} (${u.id})`);
    if (others > 0) named.push(plural(others, 'other project', 'other projects'));
    return reject(
      m,
      'in_use',
      `Organisation ${m.id} is named by ${named.join(', ')}: remove it from ${uses.length === 1 ? 'that project' : 'those projects'} first`,
      { references: seen.map((u) => ({ table: 'projects', id: u.id, code: u.code })), others },
    );
  }
  if (actor.user.role === 'admin') return null;
  if (others > 0)
    return reject(
      m,
      'forbidden',
      `Organisation ${m.id} is also named by ${plural(others, 'project', 'projects')} you are not a member of: only admins change it`,
      { others },
    );
  if (uses.length === 0 && !state.isNew && state.createdBy !== actor.user.id)
    return reject(
      m,
      'forbidden',
      `No project names organisation ${m.id}: only admins and the supervisor who created it change it`,
    );
  return null;
}
