import type { OrganisationType } from '../../core/records/iatiCodes';
import { hasRole, type Role } from '../../core/records/user';
import type { TerrainDb } from '../db/TerrainDb';
import type { OrganisationRecord } from '../db/schema';
import type { MessageKey } from '../i18n/types';
import { addWriteIssues, EditInvalidError, saveEdit, type EditProblems } from './mergedEdit';

/** What a supervisor sets of an organisation (IATI reporting-org / participating-org). */
export interface OrganisationChange {
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
