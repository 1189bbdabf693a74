import { z } from 'zod/mini';
import { IatiOrgIdentifier, OrganisationType } from './iatiCodes';

const RecordId = z.string().check(z.minLength(1), z.maxLength(100));

/**
 * An organisation that runs, funds or implements projects (a partner of the coordination body). Organisations
 * are edited by supervisors and merge field by field like every coordination record.
 */
export const Organisation = z.object({
  id: RecordId,
  name: z.string().check(z.minLength(1), z.maxLength(300)),
  acronym: z.string().check(z.maxLength(50)),
  /** IATI organisation identifier; null while the organisation has none (IATI then gets a `ref`-less name). */
  iatiId: z.nullable(IatiOrgIdentifier),
  type: OrganisationType,
  deleted: z.boolean(),
});
export type Organisation = z.infer<typeof Organisation>;
