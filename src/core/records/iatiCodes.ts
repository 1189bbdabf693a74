import { z } from 'zod/mini';

/**
 * The IATI 2.03 codelists Terrain's records use, so that a project can be published as an IATI activity
 * without translation tables. Codes are kept as IATI writes them (strings of digits); labels live in the UI.
 */

/** IATI OrganisationType (e.g. 10 government, 21 international NGO, 22 national NGO, 40 multilateral). */
export const ORGANISATION_TYPES = [
  '10',
  '11',
  '15',
  '21',
  '22',
  '23',
  '24',
  '30',
  '40',
  '60',
  '70',
  '71',
  '72',
  '73',
  '80',
  '90',
] as const;
export const OrganisationType = z.enum(ORGANISATION_TYPES);
export type OrganisationType = z.infer<typeof OrganisationType>;

/** IATI OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing. */
export const ORGANISATION_ROLES = ['1', '2', '3', '4'] as const;
export const OrganisationRole = z.enum(ORGANISATION_ROLES);
export type OrganisationRole = z.infer<typeof OrganisationRole>;

/** A project's status, and the IATI ActivityStatus code each one is published as. */
export const PROJECT_STATUSES = [
  'pipeline',
  'active',
  'finalisation',
  'closed',
  'cancelled',
  'suspended',
] as const;
export const ProjectStatus = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatus>;
export const IATI_ACTIVITY_STATUS: Readonly<Record<ProjectStatus, string>> = {
  pipeline: '1',
  active: '2',
  finalisation: '3',
  closed: '4',
  cancelled: '5',
  suspended: '6',
};

/** An OECD DAC 5-digit purpose code (IATI Sector vocabulary 1), e.g. 31120 agricultural development. */
export const DacSectorCode = z.string().check(z.regex(/^\d{5}$/, 'A DAC sector code has 5 digits'));

/** ISO 4217 currency code (XOF, EUR, USD…). */
export const CurrencyCode = z.string().check(z.regex(/^[A-Z]{3}$/, 'A currency code is 3 capital letters'));

/** Whether `text` (YYYY-MM-DD) names a day of the calendar: no 31 February, no year 0000. */
export function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  if (year < 1) return false;
  // setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date, YYYY-MM-DD (IATI's xsd:date, which refuses days the calendar lacks). */
export const IsoDate = z
  .string()
  .check(
    z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'A date is written YYYY-MM-DD'),
    z.refine(isCalendarDate, 'This day does not exist in the calendar'),
  );

/**
 * An IATI organisation identifier (`XM-DAC-41114`, `ML-NIF-123456`): a registration agency prefix, a dash,
 * the agency's own number; letters, digits and `-._` only, as IATI's guidance asks.
 */
export const IatiOrgIdentifier = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9]{2,}-[A-Za-z0-9._-]+$/,
      'An IATI identifier is an agency prefix, a dash and a number',
    ),
    z.maxLength(200),
  );
