import { z } from 'zod/mini';
import { FormDefinition } from '../forms/definition';
import { FormFile } from '../forms/formFiles';

/**
 * A published version of a form in a project. Its sync id is `<projectId>/<formId>@<version>`
 * (formVersionKey): each project publishes its own forms, so two projects may use the same form id and
 * version independently. Versions never change once published, so a draft started on one version can always
 * be finished on it.
 */
export const FormVersion = z.object({
  formId: z.string(),
  version: z.string(),
  projectId: z.string(),
  publishedAt: z.iso.datetime(),
  definition: FormDefinition,
  /**
   * Set on every version of an archived form (server/forms/archiveForm.ts): its latest version is no longer
   * offered for new drafts, while drafts already started on it can still be finished and its submissions stay.
   * Publishing a new version offers the form again (the new version carries no mark).
   */
  archivedAt: z.optional(z.iso.datetime()),
  /**
   * The media files published with the version (images, sounds, films its labels and choices name), each
   * downloaded by devices from `GET /api/projects/:id/forms/:formId/versions/:version/files/:name`. Absent
   * when it has none (and on versions published before form media).
   */
  files: z.optional(z.array(FormFile)),
});
export type FormVersion = z.infer<typeof FormVersion>;

/**
 * A form of a project: `<projectId>/<formId>`, the project id with `%`, `/` and `@` percent-escaped. A form id
 * has neither `/` nor `@` (FormDefinition), so a key names one project, form (and version) only, whatever
 * the project id and version hold, and never equals a key of before projects (`<formId>@<version>`).
 */
export function projectFormKey(projectId: string, formId: string): string {
  // encodeURIComponent of one ASCII character: %25, %2F, %40.
  return `${projectId.replace(/[%/@]/g, encodeURIComponent)}/${formId}`;
}

/** The sync id of a form version: `<projectId>/<formId>@<version>` (docs/sync-protocol.md, "Forms"). */
export function formVersionKey(projectId: string, formId: string, version: string): string {
  return `${projectFormKey(projectId, formId)}@${version}`;
}
