import { z } from 'zod/mini';
import { LocalizedText } from '../i18n/localized';

/** A project as devices receive it. Issue 5 deepens this toward IATI activities. */
export const Project = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  code: z.string().check(z.minLength(1), z.maxLength(100)),
  title: LocalizedText,
  description: z.optional(LocalizedText),
  organisationId: z.nullable(z.string()),
  /** Where the project works, as free text until administrative area codes arrive. */
  location: z.optional(z.string().check(z.maxLength(500))),
  status: z._default(z.enum(['pipeline', 'active', 'finalisation', 'closed']), 'active'),
});
export type Project = z.infer<typeof Project>;
