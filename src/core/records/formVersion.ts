import { z } from 'zod/mini';
import { FormDefinition } from '../forms/definition';

/**
 * A published version of a form in a project. Its sync id is `<formId>@<version>`: versions never change once
 * published, so a draft started on one version can always be finished on it.
 */
export const FormVersion = z.object({
  formId: z.string(),
  version: z.string(),
  projectId: z.string(),
  publishedAt: z.iso.datetime(),
  definition: FormDefinition,
});
export type FormVersion = z.infer<typeof FormVersion>;

export function formVersionKey(formId: string, version: string): string {
  return `${formId}@${version}`;
}
