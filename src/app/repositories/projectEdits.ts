import type { LocalizedText } from '../../core/i18n/localized';
import type { ProjectStatus } from '../../core/records/iatiCodes';
import type {
  BudgetLine,
  ParticipatingOrg,
  ProjectLocation,
  ProjectSector,
} from '../../core/records/project';
import { hasRole, type Role } from '../../core/records/user';
import type { TerrainDb } from '../db/TerrainDb';
import type { ProjectRecord } from '../db/schema';
import type { MessageKey } from '../i18n/types';
import { addWriteIssues, EditInvalidError, saveEdit, type EditProblems } from './mergedEdit';

/** What the project page edits: every field of the record but its documents and the old free-text place. */
export interface ProjectChange {
  code: string;
  title: LocalizedText;
  /** Absent when it has none. */
  description?: LocalizedText;
  organisationId: string | null;
  status: ProjectStatus;
  participatingOrgs: ParticipatingOrg[];
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  sectors: ProjectSector[];
  locations: ProjectLocation[];
  budgets: BudgetLine[];
  focalPointId: string | null;
  /** Shown on the public site: only admins change it (mergeTables.ts). */
  public: boolean;
}

/** One message per field, by its path without list indexes. */
const MESSAGES = {
  code: 'edit.error.projectCode',
  title: 'edit.error.title',
  description: 'edit.error.invalid',
  organisationId: 'edit.error.invalid',
  status: 'edit.error.invalid',
  'participatingOrgs.organisationId': 'edit.error.organisation',
  'participatingOrgs.role': 'edit.error.role',
  plannedStart: 'edit.error.date',
  plannedEnd: 'edit.error.date',
  actualStart: 'edit.error.date',
  actualEnd: 'edit.error.date',
  sectors: 'edit.error.sectorsTotal',
  'sectors.code': 'edit.error.sectorCode',
  'sectors.percentage': 'edit.error.percentage',
  'locations.name': 'edit.error.placeName',
  'locations.adm1': 'edit.error.admCode',
  'locations.adm2': 'edit.error.admCode',
  'locations.adm3': 'edit.error.admCode',
  'locations.point.lat': 'edit.error.lat',
  'locations.point.lon': 'edit.error.lon',
  'budgets.periodStart': 'edit.error.date',
  'budgets.periodEnd': 'edit.error.date',
  'budgets.value': 'edit.error.amount',
  'budgets.currency': 'edit.error.currency',
  'budgets.type': 'edit.error.invalid',
  focalPointId: 'edit.error.invalid',
  public: 'edit.error.invalid',
} satisfies Record<string, MessageKey>;

const hasText = (text: LocalizedText | undefined) => Object.values(text ?? {}).some((t) => t.trim() !== '');

/** An end before its start, as a problem on the end. */
function order(problems: EditProblems, start: string | null, end: string | null, endPath: string): void {
  if (start && end && end < start) problems[endPath] ??= 'edit.error.endBeforeStart';
}

/**
 * The problems of a change by path (message keys); empty when it may be saved. `creating`: the change makes
 * a new project, which only admins do (the server's rule, src/core/sync/mergeTables.ts).
 */
export function projectProblems(change: ProjectChange, role: Role, creating: boolean): EditProblems {
  const problems: EditProblems = {};
  // The server refuses these too; saying it here keeps the write out of "needs attention".
  if (creating ? role !== 'admin' : !hasRole(role, 'supervisor'))
    problems.form = creating ? 'edit.error.adminOnly' : 'edit.error.supervisorOnly';
  if (!hasText(change.title)) problems.title = MESSAGES.title;
  addWriteIssues(problems, 'projects', { ...change }, MESSAGES);
  order(problems, change.plannedStart, change.plannedEnd, 'plannedEnd');
  order(problems, change.actualStart, change.actualEnd, 'actualEnd');
  change.budgets.forEach((b, i) => order(problems, b.periodStart, b.periodEnd, `budgets.${i}.periodEnd`));
  change.sectors.forEach((s, i) => {
    if (change.sectors.findIndex((other) => other.code === s.code) < i)
      problems[`sectors.${i}.code`] ??= 'edit.error.sectorTwice';
  });
  return problems;
}

/**
 * Saves a project: a new one (`id` null: a uuid is made; admins only) or the changed fields of one.
 * Throws EditInvalidError with the problems by path.
 */
export async function saveProject(
  db: TerrainDb,
  id: string | null,
  change: ProjectChange,
  role: Role,
  now = new Date(),
  /** The record as the form loaded it (mergedEdit.ts, saveEdit). */
  seen?: ProjectRecord,
): Promise<ProjectRecord> {
  const problems = projectProblems(change, role, id === null);
  if (Object.keys(problems).length > 0) throw new EditInvalidError(problems);
  const recordId = id ?? crypto.randomUUID();
  const values: Record<string, unknown> = { ...change };
  // No description written is not an empty one written: leave the field alone while it says nothing.
  if (!hasText(change.description)) {
    const before = seen ?? (id === null ? undefined : await db.projects.get(id));
    if (!hasText(before?.description)) delete values.description;
  }
  const row = await saveEdit(db, 'projects', recordId, {}, values, now, seen);
  return (row ?? (await db.projects.get(recordId))) as ProjectRecord;
}
