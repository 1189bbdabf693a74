import type { OrganisationType } from '../../core/records/iatiCodes';
import type { ContactField } from '../../core/records/organisation';
import { projectNamesOrganisation } from '../../core/records/project';
import { hasRole, type Role } from '../../core/records/user';
import type { TerrainDb } from '../db/TerrainDb';
import type { OrganisationRecord, ProjectRecord } from '../db/schema';
import type { MessageKey } from '../i18n/types';
import { overlay, type MergedRow } from '../sync/mergedRows';
import { appendMutation } from './appendMutation';
import { addWriteIssues, EditInvalidError, saveEdit, type EditProblems } from './mergedEdit';

/**
 * What a supervisor sets of an organisation (IATI reporting-org / participating-org), and its contact (IATI
 * contact-info; '' for a part it does not give, left out for a part not changed).
 */
export interface OrganisationChange extends Partial<Record<ContactField, string>> {
  name: string;
  acronym: string;
  /** Null while it has none. */
  iatiId: string | null;
  type: OrganisationType;
}

const MESSAGES = {
  name: 'edit.error.orgName',
  acronym: 'edit.error.acronym',
  iatiId: 'edit.error.iatiId',
  type: 'edit.error.orgType',
  contactPerson: 'edit.error.contactText',
  contactJobTitle: 'edit.error.contactText',
  contactDepartment: 'edit.error.contactText',
  contactEmail: 'edit.error.contactEmail',
  contactTelephone: 'edit.error.contactTelephone',
  contactWebsite: 'edit.error.contactWebsite',
  contactAddress: 'edit.error.contactAddress',
} satisfies Record<string, MessageKey>;

/** The problems of a change for `role`, by field (message keys); empty when it may be saved. */
export function organisationProblems(change: OrganisationChange, role: Role): EditProblems {
  const problems: EditProblems = {};
  // The server refuses these too; saying it here keeps the write out of "needs attention".
  if (!hasRole(role, 'supervisor')) problems.form = 'edit.error.supervisorOnly';
  if (change.name.trim() === '') problems.name = MESSAGES.name;
  addWriteIssues(problems, 'organisations', { ...change }, MESSAGES);
  return problems;
}

/**
 * Saves an organisation: a new one (`id` null, a uuid is made, as for drafts) or the changed fields of one.
 * Throws EditInvalidError with the problems by field.
 */
export async function saveOrganisation(
  db: TerrainDb,
  id: string | null,
  change: OrganisationChange,
  role: Role,
  now = new Date(),
  /** The record as the form loaded it (mergedEdit.ts, saveEdit). */
  seen?: OrganisationRecord,
): Promise<OrganisationRecord> {
  const problems = organisationProblems(change, role);
  if (Object.keys(problems).length > 0) throw new EditInvalidError(problems);
  const recordId = id ?? crypto.randomUUID();
  const row = await saveEdit(db, 'organisations', recordId, {}, { ...change }, now, seen);
  return (row ?? (await db.organisations.get(recordId))) as OrganisationRecord;
}

/** What the device can tell of the server's rule for one organisation (src/server/sync/organisationUse.ts). */
export interface OrganisationRights {
  edit: boolean;
  delete: boolean;
  /** The projects on this device that name it. */
  usedBy: ProjectRecord[];
}

/**
 * The device holds the projects its user belongs to (an admin's: every project). It cannot see the other
 * projects that name an organisation, nor who created one. So a supervisor is offered the edit of every
 * organisation (the server refuses one that another project names, or that no project names and a colleague
 * created; the refusal then waits under "needs attention", nothing is lost), and the deletion of one that
 * none of the device's projects names. An organisation a project on the device names is never offered for
 * deletion: the server refuses that for everyone, admins too.
 */
export function organisationRights(
  role: Role,
  organisationId: string,
  projects: readonly ProjectRecord[],
  /** The projects whose aid flows on the device name it (docs/aid-flows.md): they use it too. */
  flowProjects: ReadonlySet<string> = new Set(),
): OrganisationRights {
  const usedBy = projects.filter(
    (p) => projectNamesOrganisation(p, organisationId) || flowProjects.has(p.id),
  );
  const may = hasRole(role, 'supervisor');
  return { edit: may, delete: may && usedBy.length === 0, usedBy };
}

/**
 * Deletes an organisation (a tombstone, as every mergeable record): its mutation in the outbox and the row
 * as shown, in one transaction. Throws EditInvalidError when the device can tell the server would refuse.
 */
export async function deleteOrganisation(
  db: TerrainDb,
  id: string,
  role: Role,
  now = new Date(),
  /** The record as the page showed it: its tombstone's clock is the delete's base. */
  seen?: OrganisationRecord,
): Promise<void> {
  const rows = db.table<MergedRow, string>('organisations');
  const flows = [db.transactions, db.plannedDisbursements];
  await db.transaction('rw', [rows, db.projects, ...flows, db.outbox, db.meta], async () => {
    const flowProjects = new Set<string>();
    for (const table of flows)
      for (const f of await table.toArray())
        if (!f.deleted && (f.providerOrgId === id || f.receiverOrgId === id)) flowProjects.add(f.projectId);
    const rights = organisationRights(role, id, await db.projects.toArray(), flowProjects);
    if (!rights.delete)
      throw new EditInvalidError({ form: rights.edit ? 'edit.org.inUse' : 'edit.error.supervisorOnly' });
    const current = await rows.get(id);
    const seenClock = (seen ?? current)?.clocks?.deleted;
    const base: Record<string, string> = seenClock ? { deleted: seenClock } : {};
    await appendMutation(db, { table: 'organisations', id, op: 'delete', fields: {}, base }, now);
    const entries = await db.outbox.where('[table+id]').equals(['organisations', id]).toArray();
    await rows.put(overlay('organisations', id, {}, current?.server ?? {}, entries, db.userId));
  });
}
