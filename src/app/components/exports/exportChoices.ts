import { hasRole, type Role } from '../../../core/records/user';
import type { ExportFormat, ExportQuery } from '../../api/exportDownload';
import type { FormRecord } from '../../db/schema';

/** What the Exports page's controls hold; `formKey` is a form's key on the device (its project and id). */
export interface ExportChoices {
  format: ExportFormat;
  projectId: string;
  formKey: string;
  lang: 'fr' | 'en';
  codes: boolean;
  includePersonal: boolean;
}

/** The form choice of a GeoJSON export of the projects' places rather than a form's submissions. */
export const PROJECT_PLACES = '-';

/** The roles the export API serves beyond an agent's own submissions (docs/security.md: export-*). */
export function mayUseExportsPage(role: Role): boolean {
  return hasRole(role, 'focal_point');
}

/** Personal answers in a file: supervisors and admins only, as the server checks (`export-personal`). */
export function mayIncludePersonal(role: Role): boolean {
  return hasRole(role, 'supervisor');
}

/** Whether a format exports a form's submissions: needs one (csv, hxl, xlsx), may take one (geojson). */
export function formNeed(format: ExportFormat): 'required' | 'optional' | 'none' {
  if (format === 'iati' || format === 'iati-organisations') return 'none';
  return format === 'geojson' ? 'optional' : 'required';
}

/** The forms on the device the project choice allows ('' : every project's). */
export function formsOf(forms: readonly FormRecord[], projectId: string): FormRecord[] {
  return forms.filter((f) => projectId === '' || f.projectId === projectId);
}

/**
 * The API query of the choices, or null when a needed form is missing. A form's own project goes with it:
 * form ids are each project's own, and the server asks which project when several publish the same id.
 */
export function queryOf(choices: ExportChoices, forms: readonly FormRecord[]): ExportQuery | null {
  const need = formNeed(choices.format);
  const form = need === 'none' ? undefined : forms.find((f) => f.key === choices.formKey);
  if (need === 'required' && !form) return null;
  const project = form?.projectId ?? (choices.projectId || undefined);
  return {
    format: choices.format,
    ...(project ? { project } : {}),
    ...(form ? { form: form.formId } : {}),
    lang: choices.lang,
    codes: choices.codes,
    includePersonal: choices.includePersonal,
  };
}

/**
 * The choices with a form filled in: the one the user picked while the project offers it, else the project's
 * first (the list is live, it may arrive with a sync); GeoJSON's "projects' places" choice stays.
 */
export function withForm(choices: ExportChoices, forms: readonly FormRecord[]): ExportChoices {
  const offered = formsOf(forms, choices.projectId);
  if (choices.formKey === PROJECT_PLACES && formNeed(choices.format) === 'optional') return choices;
  if (offered.some((f) => f.key === choices.formKey)) return choices;
  return { ...choices, formKey: offered[0]?.key ?? '' };
}
