import { z } from 'zod/mini';
import { IatiOrgIdentifier, OrganisationType } from './iatiCodes';

const RecordId = z.string().check(z.minLength(1), z.maxLength(100));

// Plain patterns rather than z.email() and z.url(): those bring code the field agent's start-up JavaScript
// (which holds the merge registry) has no room for (GUIDE §4).

/** An email address (zod's own pattern), or '' for none. */
const ContactEmail = z
  .string()
  .check(
    z.maxLength(254),
    z.regex(
      /^$|^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/,
    ),
  );

/**
 * A web address, or '' for none: http(s) and a domain name only, so that a link the public site or an IATI
 * reader opens cannot run a script (`javascript:`) or point inside someone's network; no spaces (an
 * xsd:anyURI and a link must not hold one).
 */
const ContactWebsite = z
  .string()
  .check(
    z.maxLength(500),
    z.regex(
      /^$|^https?:\/\/([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,}(:\d{1,5})?([/?#]\S*)?$/,
    ),
  );

const text = (max: number) => z.string().check(z.maxLength(max));

/**
 * The organisation's contact for its activities, as IATI's `contact-info` (type 1, general enquiries) says it.
 * Each is a field of its own so that two supervisors changing the email and the telephone at the same time
 * both keep their change (organisations merge field by field).
 */
export const CONTACT_FIELDS = [
  'contactPerson',
  'contactJobTitle',
  'contactDepartment',
  'contactEmail',
  'contactTelephone',
  'contactWebsite',
  'contactAddress',
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/**
 * Each contact field's value ('' for none), without a default: a merge write that leaves a field out must
 * not write its default over a colleague's value (src/core/sync/mergeTables.ts).
 */
export const CONTACT_VALUES = {
  contactPerson: text(200),
  contactJobTitle: text(200),
  contactDepartment: text(200),
  contactEmail: ContactEmail,
  contactTelephone: text(50),
  contactWebsite: ContactWebsite,
  /** The postal address, several lines allowed. */
  contactAddress: text(500),
} satisfies Record<ContactField, z.ZodMiniType<string>>;

/** An organisation that gives no contact. */
export const NO_CONTACT: Readonly<Record<ContactField, ''>> = Object.freeze(
  Object.fromEntries(CONTACT_FIELDS.map((f) => [f, ''])) as Record<ContactField, ''>,
);

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
  // Added after the first release: the defaults let records stored before them read.
  contactPerson: z._default(CONTACT_VALUES.contactPerson, ''),
  contactJobTitle: z._default(CONTACT_VALUES.contactJobTitle, ''),
  contactDepartment: z._default(CONTACT_VALUES.contactDepartment, ''),
  contactEmail: z._default(CONTACT_VALUES.contactEmail, ''),
  contactTelephone: z._default(CONTACT_VALUES.contactTelephone, ''),
  contactWebsite: z._default(CONTACT_VALUES.contactWebsite, ''),
  contactAddress: z._default(CONTACT_VALUES.contactAddress, ''),
  deleted: z.boolean(),
});
export type Organisation = z.infer<typeof Organisation>;

/** What an organisation is written from: the contact fields may be left out. */
export type OrganisationInput = z.input<typeof Organisation>;

/** Whether the organisation gives any contact detail at all. */
export function hasContact(org: Partial<Record<ContactField, string>>): boolean {
  return CONTACT_FIELDS.some((f) => (org[f] ?? '').trim() !== '');
}
