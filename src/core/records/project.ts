import { z } from 'zod';
import { LocalizedText } from '../i18n/localized';

/** A project as devices receive it. Issue 5 deepens this toward IATI activities. */
export const Project = z.object({
  id: z.string().min(1).max(100),
  code: z.string().min(1).max(100),
  title: LocalizedText,
  description: LocalizedText.optional(),
  organisationId: z.string().nullable(),
  /** Where the project works, as free text until administrative area codes arrive. */
  location: z.string().max(500).optional(),
  status: z.enum(['pipeline', 'active', 'finalisation', 'closed']).default('active'),
});
export type Project = z.infer<typeof Project>;
