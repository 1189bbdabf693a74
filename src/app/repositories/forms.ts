import { formVersionKey, projectFormKey } from '../../core/records/formVersion';
import type { TerrainDb } from '../db/TerrainDb';
import type { FormRecord, ProjectRecord } from '../db/schema';

/**
 * The latest published version of each form of each project, ordered by form id. Form ids are each
 * project's own: two projects' forms of one id are two forms. Older versions stay on the device so that
 * drafts started on them can still be finished.
 */
export async function listLatestForms(db: TerrainDb): Promise<FormRecord[]> {
  const latest = new Map<string, FormRecord>();
  // Ordered by the formId index; a device holds tens of form versions, not thousands.
  await db.forms.orderBy('formId').each((form) => {
    const key = projectFormKey(form.projectId, form.formId);
    const current = latest.get(key);
    if (!current || isNewer(form, current)) latest.set(key, form);
  });
  return [...latest.values()];
}

/** Later publication wins; the version string breaks a tie so every device picks the same one. */
function isNewer(a: FormRecord, b: FormRecord): boolean {
  const at = Date.parse(a.publishedAt) - Date.parse(b.publishedAt);
  if (at !== 0) return at > 0;
  return a.version > b.version;
}

export async function getFormVersion(
  db: TerrainDb,
  projectId: string,
  formId: string,
  version: string,
): Promise<FormRecord | undefined> {
  return db.forms.get(formVersionKey(projectId, formId, version));
}

export async function listProjects(db: TerrainDb): Promise<ProjectRecord[]> {
  return db.projects.orderBy('id').toArray();
}
