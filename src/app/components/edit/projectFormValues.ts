import type { OrganisationRole, ProjectStatus } from '../../../core/records/iatiCodes';
import type { ProjectRecord } from '../../db/schema';
import type { ProjectChange } from '../../repositories/projectEdits';
import { numberOf, orNull, pairOf, textOf, textOfNumber, type TextPair } from './formValues';

/** The project form's values: the record's shape, with numbers and empty choices as typed text. */
export interface ProjectFormValues {
  code: string;
  title: TextPair;
  description: TextPair;
  organisationId: string;
  status: ProjectStatus;
  participatingOrgs: { organisationId: string; role: OrganisationRole }[];
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  sectors: { code: string; percentage: string }[];
  locations: {
    name: string;
    adm1: string;
    adm2: string;
    adm3: string;
    point: { lat: string; lon: string };
  }[];
  budgets: {
    periodStart: string;
    periodEnd: string;
    value: string;
    currency: string;
    type: 'original' | 'revised';
  }[];
  focalPointId: string;
  public: boolean;
}

export function projectFormValues(project: ProjectRecord | undefined): ProjectFormValues {
  return {
    code: project?.code ?? '',
    title: pairOf(project?.title),
    description: pairOf(project?.description),
    organisationId: project?.organisationId ?? '',
    status: project?.status ?? 'pipeline',
    participatingOrgs: project?.participatingOrgs.map((o) => ({ ...o })) ?? [],
    plannedStart: project?.plannedStart ?? '',
    plannedEnd: project?.plannedEnd ?? '',
    actualStart: project?.actualStart ?? '',
    actualEnd: project?.actualEnd ?? '',
    sectors: project?.sectors.map((s) => ({ code: s.code, percentage: textOfNumber(s.percentage) })) ?? [],
    locations:
      project?.locations.map((l) => ({
        name: l.name,
        adm1: l.adm1 ?? '',
        adm2: l.adm2 ?? '',
        adm3: l.adm3 ?? '',
        point: { lat: textOfNumber(l.point?.lat), lon: textOfNumber(l.point?.lon) },
      })) ?? [],
    budgets: project?.budgets.map((b) => ({ ...b, value: textOfNumber(b.value) })) ?? [],
    focalPointId: project?.focalPointId ?? '',
    public: project?.public ?? false,
  };
}

/** The change the values make; texts of other languages than French and English are kept. */
export function projectChangeOf(v: ProjectFormValues, project: ProjectRecord | undefined): ProjectChange {
  return {
    code: v.code.trim(),
    title: textOf(v.title, project?.title),
    description: textOf(v.description, project?.description),
    organisationId: orNull(v.organisationId),
    status: v.status,
    participatingOrgs: v.participatingOrgs.map((o) => ({ ...o })),
    plannedStart: orNull(v.plannedStart),
    plannedEnd: orNull(v.plannedEnd),
    actualStart: orNull(v.actualStart),
    actualEnd: orNull(v.actualEnd),
    sectors: v.sectors.map((s) => ({ code: s.code.trim(), percentage: numberOf(s.percentage) })),
    locations: v.locations.map((l) => ({
      name: l.name.trim(),
      adm1: orNull(l.adm1),
      adm2: orNull(l.adm2),
      adm3: orNull(l.adm3),
      // No coordinates is no point; one of the two alone is a mistake the schema reports.
      point:
        l.point.lat.trim() === '' && l.point.lon.trim() === ''
          ? null
          : { lat: numberOf(l.point.lat), lon: numberOf(l.point.lon) },
    })),
    budgets: v.budgets.map((b) => ({
      periodStart: b.periodStart,
      periodEnd: b.periodEnd,
      value: numberOf(b.value),
      currency: b.currency.trim().toUpperCase(),
      type: b.type,
    })),
    focalPointId: orNull(v.focalPointId),
    public: v.public,
  };
}
