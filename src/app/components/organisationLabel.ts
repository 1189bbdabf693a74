import type { OrganisationRecord } from '../db/schema';

/** « Action contre la Faim (ACF) »: the name, and the acronym people also know it by; the id if unknown. */
export function organisationLabel(org: OrganisationRecord | undefined, id: string): string {
  if (!org) return id;
  const acronym = org.acronym.trim();
  // A name that already ends with its acronym (« Alliance … (ADN) ») is not given it twice.
  return acronym && acronym !== org.name && !org.name.endsWith(`(${acronym})`)
    ? `${org.name} (${acronym})`
    : org.name;
}
