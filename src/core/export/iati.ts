import type { Indicator } from '../records/indicator';
import type { IndicatorValue } from '../records/indicatorValue';
import type { Organisation } from '../records/organisation';
import type { PlannedDisbursement } from '../records/plannedDisbursement';
import type { Project } from '../records/project';
import type { Transaction } from '../records/transaction';
import { ACTIVITY_PARTS, activityDates, type ActivityContext, type ActivityPart } from './iatiActivityParts';
import { IATI_DEFAULTS, isHumanitarian, type IatiDefaults } from './iatiDefaults';
import { el, xmlDocument } from './iatiXml';

/**
 * Projects as an IATI Activity Standard 2.03 file (`iati-activities`), valid against the official schema
 * and passing IATI's reference rulesets (tests/core/export/iati.test.ts checks both). The elements of an
 * activity are written by the parts of iatiActivityParts.ts, in the schema's order.
 */
export interface IatiInput {
  projects: readonly Project[];
  organisations: readonly Organisation[];
  indicators: readonly Indicator[];
  indicatorValues: readonly IndicatorValue[];
  /** The projects' transactions and planned disbursements (none when not given); deleted ones are left out. */
  transactions?: readonly Transaction[];
  plannedDisbursements?: readonly PlannedDisbursement[];
  /** The file's generated-datetime (ISO 8601). */
  generatedAt: string;
  /** The activities' default language (`xml:lang`); narratives of every language are written. */
  defaultLanguage?: string;
  /**
   * IATI GeographicVocabulary of the administrative codes. Mali's codes (ML07, ML0701) are OCHA P-codes,
   * which come from the national boundaries that UN SALB (A2) holds; a publisher may choose another.
   */
  adminVocabulary?: string;
  /** What the records do not say (recipient country, flow type…): IATI_DEFAULTS unless given. */
  defaults?: Partial<IatiDefaults>;
  /**
   * The public site's address (no trailing slash) for the document links of public projects; without it
   * no `document-link` is written (IATI asks for absolute addresses).
   */
  publicUrl?: string | null;
  /** The elements of each activity, in the schema's order: ACTIVITY_PARTS unless given. */
  parts?: readonly ActivityPart[];
}

export interface IatiExport {
  /** Null when no project could be written (IATI requires at least one activity). */
  xml: string | null;
  /** Projects left out, with why: IATI cannot take them as they are. */
  skipped: { projectId: string; reason: string }[];
}

export const IATI_VERSION = '2.03';

/** Why IATI cannot take a project as it is, or null when it can. */
export function iatiProblem(
  project: Project,
  reporting: Organisation | undefined,
  today: string,
): string | null {
  if (!reporting?.iatiId) return 'The reporting organisation has no IATI identifier';
  // IATI's rules ask for a start date, planned or actual, and a DAC sector.
  if (!activityDates(project, today).some(([type]) => type === '1' || type === '2'))
    return 'IATI needs a start date, planned or actual';
  if (project.sectors.length === 0) return 'IATI needs a DAC sector';
  return null;
}

function activity(ctx: ActivityContext, language: string, parts: readonly ActivityPart[]): string {
  const { project, currency } = ctx;
  return el(
    'iati-activity',
    {
      'xml:lang': language,
      'default-currency': currency,
      humanitarian: isHumanitarian(project.sectors) ? '1' : undefined,
    },
    parts.flatMap((part) => part(ctx)),
  );
}

function byProject<T extends { projectId: string }>(records: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records) {
    const own = out.get(r.projectId);
    if (own) own.push(r);
    else out.set(r.projectId, [r]);
  }
  return out;
}

export function toIatiXml(input: IatiInput): IatiExport {
  const organisations = new Map(input.organisations.filter((o) => !o.deleted).map((o) => [o.id, o]));
  const defaults = { ...IATI_DEFAULTS, ...input.defaults };
  const today = input.generatedAt.slice(0, 10);
  const skipped: IatiExport['skipped'] = [];
  const activities: string[] = [];
  const transactions = byProject(input.transactions ?? []);
  const planned = byProject(input.plannedDisbursements ?? []);
  for (const project of input.projects) {
    if (project.deleted) continue;
    const reporting = project.organisationId ? organisations.get(project.organisationId) : undefined;
    const problem = iatiProblem(project, reporting, today);
    if (problem !== null) {
      skipped.push({ projectId: project.id, reason: problem });
      continue;
    }
    const ctx: ActivityContext = {
      project,
      reporting: reporting as ActivityContext['reporting'],
      organisations,
      indicators: input.indicators.filter((i) => i.projectId === project.id && !i.deleted),
      indicatorValues: input.indicatorValues,
      transactions: transactions.get(project.id) ?? [],
      plannedDisbursements: planned.get(project.id) ?? [],
      currency: project.budgets[0]?.currency ?? defaults.currency,
      defaults,
      today,
      adminVocabulary: input.adminVocabulary ?? 'A2',
      publicUrl: input.publicUrl ?? null,
    };
    activities.push(activity(ctx, input.defaultLanguage ?? 'fr', input.parts ?? ACTIVITY_PARTS));
  }
  if (activities.length === 0) return { xml: null, skipped };
  const root = el(
    'iati-activities',
    { version: IATI_VERSION, 'generated-datetime': input.generatedAt },
    activities,
  );
  return {
    xml: xmlDocument(
      root,
      skipped.map((s) => ({ id: s.projectId, reason: s.reason })),
    ),
    skipped,
  };
}
