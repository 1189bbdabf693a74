import { z } from 'zod/mini';
import { buildFlowReport } from '../flows/report';
import { rateBook, type Totals } from '../flows/totals';
import { LocalizedText } from '../i18n/localized';
import type { ExchangeRate } from '../records/exchangeRate';
import type { Transaction } from '../records/transaction';
import type { Indicator } from '../records/indicator';
import type { IndicatorValue } from '../records/indicatorValue';
import type { Organisation } from '../records/organisation';
import { ProjectStatus } from '../records/iatiCodes';
import { BudgetLine, ProjectLocation, ProjectSector, type Project } from '../records/project';

/**
 * What the public site (`/public/`, no sign-in) shows of a project an admin marked public: the facts an
 * IATI file would publish, never its submissions, its members, its focal point or its private documents. The
 * server builds it here, in one place, so that a field added to projects is private until added below.
 * Of the reporting organisation's contact (which the public IATI file carries whole, as contact-info) the
 * page shows only the email and the website: a person's name and telephone stay off the HTML pages.
 */
export const PublicOrganisation = z.object({
  name: z.string(),
  acronym: z.string(),
  iatiId: z.nullable(z.string()),
  /** IATI OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing; 'reporting' for the reporter. */
  role: z.string(),
});
export type PublicOrganisation = z.infer<typeof PublicOrganisation>;

export const PublicIndicator = z.object({
  code: z.string(),
  title: LocalizedText,
  unit: z.string(),
  measure: z.enum(['unit', 'percentage']),
  baseline: z.nullable(z.object({ year: z.number(), value: z.number() })),
  /** The target of the latest value's period, when one is set. */
  target: z.nullable(z.number()),
  /** The latest value verified (or approved) for the total, with its period; null when none yet. */
  latest: z.nullable(z.object({ periodStart: z.string(), periodEnd: z.string(), value: z.number() })),
});
export type PublicIndicator = z.infer<typeof PublicIndicator>;

/** A total in XOF and USD; null when a rate it needs has not been entered (never a partial sum). */
export const PublicAmount = z.object({ xof: z.nullable(z.number()), usd: z.nullable(z.number()) });
export type PublicAmount = z.infer<typeof PublicAmount>;

/**
 * The project's aid flows as the reports count them (src/core/flows/report.ts): committed (IATI transaction
 * types 2 and 11) and disbursed (type 3), summed server-side; the transactions themselves stay private.
 */
export const PublicFlows = z.object({ committed: PublicAmount, disbursed: PublicAmount });
export type PublicFlows = z.infer<typeof PublicFlows>;

/** How to reach the reporting organisation: '' for a part it does not give. */
export const PublicContact = z.object({ email: z.string(), website: z.string() });
export type PublicContact = z.infer<typeof PublicContact>;

/**
 * A document an admin marked public, of a public project (the server lists only those it serves:
 * src/server/media/projectDocuments.ts); its bytes are at `publicDocumentPath` (src/core/export/iatiDocuments.ts).
 */
export const PublicDocument = z.object({
  sha256: z.string(),
  title: z.string(),
  type: z.string(),
  category: z.string(),
  language: z.nullable(z.string()),
  date: z.nullable(z.string()),
});
export type PublicDocument = z.infer<typeof PublicDocument>;

export const PublicProject = z.object({
  id: z.string(),
  code: z.string(),
  title: LocalizedText,
  description: LocalizedText,
  status: ProjectStatus,
  plannedStart: z.nullable(z.string()),
  plannedEnd: z.nullable(z.string()),
  actualStart: z.nullable(z.string()),
  actualEnd: z.nullable(z.string()),
  organisations: z.array(PublicOrganisation),
  /** The reporting organisation's; null when it gives neither an email nor a website. */
  contact: z._default(z.nullable(PublicContact), null),
  sectors: z.array(ProjectSector),
  locations: z.array(ProjectLocation),
  budgets: z.array(BudgetLine),
  /** The budget by currency (revised lines replace the original of the same period). */
  budgetTotals: z.record(z.string(), z.number()),
  indicators: z.array(PublicIndicator),
  flows: PublicFlows,
  documents: z._default(z.array(PublicDocument), []),
});
export type PublicProject = z.infer<typeof PublicProject>;

export const PublicProjects = z.object({ projects: z.array(PublicProject) });

export interface PublicInput {
  projects: readonly Project[];
  organisations: readonly Organisation[];
  indicators: readonly Indicator[];
  indicatorValues: readonly IndicatorValue[];
  /** The public projects' transactions (any other is ignored), and the exchange rates. */
  transactions: readonly Transaction[];
  exchangeRates: readonly ExchangeRate[];
}

/** A value the public may see: entered, for the indicator's total, verified or approved. */
export function isReportedTotal(v: IndicatorValue): boolean {
  return (
    !v.deleted &&
    v.value !== null &&
    Object.keys(v.categories).length === 0 &&
    (v.reviewStatus === 'verified' || v.reviewStatus === 'approved')
  );
}

/** The public projects, as the public site shows them; private and deleted ones are left out. */
export function publicProjects(input: PublicInput): PublicProject[] {
  const orgs = new Map(input.organisations.filter((o) => !o.deleted).map((o) => [o.id, o]));
  const book = rateBook(input.exchangeRates);
  return input.projects
    .filter((p) => p.public && !p.deleted)
    .map((project) => {
      const organisations: PublicOrganisation[] = [];
      const named = (id: string | null, role: string) => {
        const org = id === null ? undefined : orgs.get(id);
        if (org) organisations.push({ name: org.name, acronym: org.acronym, iatiId: org.iatiId, role });
      };
      named(project.organisationId, 'reporting');
      const reporting = project.organisationId === null ? undefined : orgs.get(project.organisationId);
      for (const p of project.participatingOrgs) named(p.organisationId, p.role);
      return {
        id: project.id,
        code: project.code,
        title: project.title,
        description: project.description ?? {},
        status: project.status,
        plannedStart: project.plannedStart,
        plannedEnd: project.plannedEnd,
        actualStart: project.actualStart,
        actualEnd: project.actualEnd,
        organisations,
        contact: reporting ? publicContact(reporting) : null,
        sectors: project.sectors,
        locations: project.locations,
        budgets: project.budgets,
        budgetTotals: budgetTotals(project.budgets),
        indicators: input.indicators
          .filter((i) => i.projectId === project.id && !i.deleted)
          .map((i) => publicIndicator(i, input.indicatorValues)),
        flows: publicFlows(
          input.transactions.filter((t) => t.projectId === project.id),
          book,
        ),
        documents: project.documents
          .filter((d) => d.public)
          .map((d) => ({
            sha256: d.sha256,
            title: d.title,
            type: d.type,
            category: d.category,
            language: d.language,
            date: d.date,
          })),
      };
    });
}

function publicContact(org: Organisation): PublicContact | null {
  const email = (org.contactEmail ?? '').trim();
  // The schema takes http(s) only; checked again here, as the page makes a link of it.
  const website = /^https?:\/\//.test(org.contactWebsite ?? '') ? org.contactWebsite.trim() : '';
  return email === '' && website === '' ? null : { email, website };
}

function publicFlows(transactions: readonly Transaction[], book: ReturnType<typeof rateBook>): PublicFlows {
  const { total } = buildFlowReport({ transactions, projects: [], book });
  const amount = (t: Totals): PublicAmount => ({ xof: t.xof, usd: t.usd });
  return { committed: amount(total.committed), disbursed: amount(total.disbursed) };
}

function publicIndicator(indicator: Indicator, values: readonly IndicatorValue[]): PublicIndicator {
  const reported = values
    .filter((v) => v.indicatorId === indicator.id && isReportedTotal(v))
    .sort((a, b) => b.periodEnd.localeCompare(a.periodEnd));
  const last = reported[0];
  const target = last
    ? indicator.targets.find((t) => t.period.start <= last.periodEnd && last.periodEnd <= t.period.end)
    : indicator.targets.at(-1);
  return {
    code: indicator.code,
    title: indicator.title,
    unit: indicator.unit,
    measure: indicator.measure,
    baseline: indicator.baseline,
    target: target?.value ?? null,
    latest:
      last && last.value !== null
        ? { periodStart: last.periodStart, periodEnd: last.periodEnd, value: last.value }
        : null,
  };
}

/** Per currency; for a period with a revised line, the revised value counts, not the original. */
export function budgetTotals(budgets: readonly BudgetLine[]): Record<string, number> {
  const byPeriod = new Map<string, BudgetLine>();
  for (const line of budgets) {
    const key = `${line.currency}|${line.periodStart}|${line.periodEnd}`;
    const kept = byPeriod.get(key);
    if (!kept || (kept.type === 'original' && line.type === 'revised')) byPeriod.set(key, line);
  }
  const totals: Record<string, number> = {};
  for (const line of byPeriod.values()) totals[line.currency] = (totals[line.currency] ?? 0) + line.value;
  return totals;
}
