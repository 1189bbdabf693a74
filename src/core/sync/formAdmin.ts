import { z } from 'zod/mini';
import { FormDefinition } from '../forms/definition';

/**
 * The messages of the Forms page (src/app/pages/FormsPage.tsx) and its routes (src/server/routes/forms.ts):
 * checking an uploaded XLSForm before it is published, publishing it, archiving a form. Client and server
 * validate with the same schemas.
 */

/** A problem of a form file, by sheet, row and column (the row as the spreadsheet numbers it). */
export const FormIssue = z.object({
  sheet: z.string(),
  row: z.optional(z.number()),
  column: z.optional(z.string()),
  message: z.string(),
});
export type FormIssue = z.infer<typeof FormIssue>;

/** What publishing answers (201). */
export const FormPublishResponse = z.object({
  formId: z.string(),
  version: z.string(),
  title: z.string(),
  questionCount: z.number(),
  warnings: z.array(FormIssue),
});
export type FormPublishResponse = z.infer<typeof FormPublishResponse>;

/**
 * What checking answers (200) for a form that could be published as it is: the converted definition (to
 * preview it), and whether that version is already published (publishing it would then be refused: 409).
 */
export const FormCheckResponse = z.extend(FormPublishResponse, {
  definition: FormDefinition,
  alreadyPublished: z.boolean(),
});
export type FormCheckResponse = z.infer<typeof FormCheckResponse>;

/** A form id in a URL: the same characters as a definition's id. */
export const FormIdParam = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));

/** `POST /api/projects/:id/forms/:formId/archive`: archive (true) or offer again (false). */
export const FormArchiveRequest = z.object({ archived: z.boolean() });
export type FormArchiveRequest = z.infer<typeof FormArchiveRequest>;

/** The versions whose record changed (they reach devices on their next pull). */
export const FormArchiveResponse = z.object({
  formId: z.string(),
  archived: z.boolean(),
  versions: z.array(z.string()),
});
export type FormArchiveResponse = z.infer<typeof FormArchiveResponse>;
