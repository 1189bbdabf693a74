import type { TerrainDb } from '../db/TerrainDb';
import type { FormRecord } from '../db/schema';

/** A form of a project with every version on the device, the latest first. */
export interface FormWithVersions {
  formId: string;
  versions: FormRecord[];
  /** The latest version's mark: an archived form is offered for no new draft. */
  archived: boolean;
}

/** Later publication first; the version string breaks a tie, as listLatestForms picks the latest. */
function newestFirst(a: FormRecord, b: FormRecord): number {
  const at = Date.parse(b.publishedAt) - Date.parse(a.publishedAt);
  if (at !== 0) return at;
  return a.version < b.version ? 1 : a.version > b.version ? -1 : 0;
}

/** Every form of the project on the device (the Forms page), ordered by form id, its versions newest first. */
export async function listProjectFormVersions(db: TerrainDb, projectId: string): Promise<FormWithVersions[]> {
  const byForm = new Map<string, FormRecord[]>();
  for (const form of await db.forms.where('projectId').equals(projectId).toArray()) {
    byForm.set(form.formId, [...(byForm.get(form.formId) ?? []), form]);
  }
  return [...byForm.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([formId, versions]) => {
      const sorted = versions.sort(newestFirst);
      return { formId, versions: sorted, archived: sorted[0]?.archivedAt !== undefined };
    });
}
