import { hasContact, type Organisation } from '../records/organisation';
import { escapeXml } from './xml';
import { el, narrative } from './iatiXml';

/** IATI ContactType 1: general enquiries. */
export const CONTACT_GENERAL = '1';

/**
 * The reporting organisation's contact as the activity's `contact-info` (type 1), with only the parts it
 * gives, in the schema's order; none at all when it gives no contact (the organisation's name alone tells
 * a reader nothing the reporting-org does not).
 */
export function contactInfo(org: Organisation): string[] {
  if (!hasContact(org)) return [];
  const text = (value: string | undefined): string => (value ?? '').trim();
  const narrated = (name: string, value: string | undefined): string[] =>
    text(value) === '' ? [] : [el(name, {}, [narrative(text(value))])];
  const plain = (name: string, value: string | undefined): string[] =>
    text(value) === '' ? [] : [`<${name}>${escapeXml(text(value))}</${name}>`];
  return [
    el('contact-info', { type: CONTACT_GENERAL }, [
      ...narrated('organisation', org.name),
      ...narrated('department', org.contactDepartment),
      ...narrated('person-name', org.contactPerson),
      ...narrated('job-title', org.contactJobTitle),
      ...plain('telephone', org.contactTelephone),
      ...plain('email', org.contactEmail),
      ...plain('website', org.contactWebsite),
      ...narrated('mailing-address', org.contactAddress),
    ]),
  ];
}
