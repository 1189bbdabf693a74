import type { ProjectStatus } from '../../core/records/iatiCodes';
import type { ProjectRecord } from '../db/schema';

/** What the project list is narrowed by; an empty or absent criterion matches every project. */
export interface ProjectFilter {
  /** A DAC sector code (5 digits). */
  sector?: string;
  /** An adm1 code of one of the project's locations (`ML07`). */
  region?: string;
  /** The reporting organisation or any participating one. */
  organisationId?: string;
  status?: ProjectStatus | '';
  /** Searched in the code and the title in every language, ignoring case and accents. */
  text?: string;
}

/** Lower case without accents: "Sécurité" is found by "securite" (agents type on phones, often without them). */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function projectMatches(project: ProjectRecord, filter: ProjectFilter): boolean {
  if (filter.sector && !project.sectors.some((s) => s.code === filter.sector)) return false;
  if (filter.region && !project.locations.some((l) => l.adm1 === filter.region)) return false;
  if (
    filter.organisationId &&
    project.organisationId !== filter.organisationId &&
    !project.participatingOrgs.some((o) => o.organisationId === filter.organisationId)
  )
    return false;
  if (filter.status && project.status !== filter.status) return false;
  const text = foldText(filter.text?.trim() ?? '');
  if (text) {
    const haystack = [project.code, ...Object.values(project.title)].map(foldText);
    if (!haystack.some((h) => h.includes(text))) return false;
  }
  return true;
}

/** The values the list's filters offer: those the projects on this device actually have. */
export interface ProjectFacets {
  sectors: string[];
  regions: string[];
  organisationIds: string[];
  statuses: ProjectStatus[];
}

export function projectFacets(projects: readonly ProjectRecord[]): ProjectFacets {
  const sectors = new Set<string>();
  const regions = new Set<string>();
  const organisations = new Set<string>();
  const statuses = new Set<ProjectStatus>();
  for (const p of projects) {
    for (const s of p.sectors) sectors.add(s.code);
    for (const l of p.locations) if (l.adm1) regions.add(l.adm1);
    if (p.organisationId) organisations.add(p.organisationId);
    for (const o of p.participatingOrgs) organisations.add(o.organisationId);
    statuses.add(p.status);
  }
  return {
    sectors: [...sectors].sort(),
    regions: [...regions].sort(),
    organisationIds: [...organisations].sort(),
    statuses: [...statuses].sort(),
  };
}
