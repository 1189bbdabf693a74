import type { BudgetLine, Project } from '../records/project';
import type { Organisation } from '../records/organisation';
import type { Transaction } from '../records/transaction';
import { IATI_VERSION } from './iati';
import { IATI_DEFAULTS, type IatiDefaults } from './iatiDefaults';
import { el, narrative, orgElement, valueElement, xmlDocument } from './iatiXml';
import { escapeXml } from './xml';

/**
 * The IATI Organisation Standard 2.03 file (`iati-organisations`): one `iati-organisation` per reporting
 * organisation with an IATI identifier, with its total budget per calendar year and the same per recipient
 * country (every project benefits the one country of IatiDefaults), and its total expenditure per calendar
 * year: the sum of its projects' expenditure transactions (type 4), left out when there are none.
 */
export interface IatiOrganisationsInput {
  projects: readonly Project[];
  organisations: readonly Organisation[];
  /** The projects' transactions (none when not given): their expenditures make total-expenditure. */
  transactions?: readonly Transaction[];
  /** The file's generated-datetime (ISO 8601). */
  generatedAt: string;
  defaultLanguage?: string;
  defaults?: Partial<IatiDefaults>;
}

export interface IatiOrganisationsExport {
  /** Null when no organisation reports a project (the schema requires at least one). */
  xml: string | null;
  organisations: number;
}

/** An amount of one currency for one calendar year. */
export interface YearBudget {
  year: number;
  currency: string;
  value: number;
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;

/**
 * A project's budget lines as they stand: for one period, its revised lines replace its original ones
 * (IATI budget type 2 supersedes type 1).
 */
function standingLines(project: Project): BudgetLine[] {
  const revised = new Set(
    project.budgets.filter((b) => b.type === 'revised').map((b) => `${b.periodStart}/${b.periodEnd}`),
  );
  return project.budgets.filter(
    (b) => b.type === 'revised' || !revised.has(`${b.periodStart}/${b.periodEnd}`),
  );
}

/**
 * The projects' budgets per calendar year and currency. A line over several years is shared between them
 * in proportion of its days in each; amounts in different currencies are never added together.
 */
export function budgetsPerYear(projects: readonly Project[]): YearBudget[] {
  const totals = new Map<string, YearBudget>();
  for (const project of projects)
    for (const line of standingLines(project)) {
      const length = days(line.periodStart, line.periodEnd);
      if (!(length > 0)) continue;
      const first = Number(line.periodStart.slice(0, 4));
      const last = Number(line.periodEnd.slice(0, 4));
      for (let year = first; year <= last; year++) {
        const from = year === first ? line.periodStart : `${pad(year)}-01-01`;
        const to = year === last ? line.periodEnd : `${pad(year)}-12-31`;
        const key = `${year}/${line.currency}`;
        const total = totals.get(key) ?? { year, currency: line.currency, value: 0 };
        total.value += (line.value * days(from, to)) / length;
        totals.set(key, total);
      }
    }
  return [...totals.values()]
    .map((t) => ({ ...t, value: Math.round(t.value * 100) / 100 }))
    .sort((a, b) => a.year - b.year || a.currency.localeCompare(b.currency));
}

const EXPENDITURE = '4';

/**
 * The expenditure transactions (type 4) per calendar year of their date and currency, as budgetsPerYear
 * does: amounts in different currencies are never added together. Deleted transactions, and those dated
 * after `today` (not facts yet), are left out; a negative expenditure (a correction) lowers its year's sum.
 */
export function expenditurePerYear(transactions: readonly Transaction[], today: string): YearBudget[] {
  const totals = new Map<string, YearBudget>();
  for (const t of transactions) {
    if (t.deleted || t.type !== EXPENDITURE || t.date > today) continue;
    const year = Number(t.date.slice(0, 4));
    const key = `${year}/${t.currency}`;
    const total = totals.get(key) ?? { year, currency: t.currency, value: 0 };
    total.value += t.value;
    totals.set(key, total);
  }
  return [...totals.values()]
    .map((t) => ({ ...t, value: Math.round(t.value * 100) / 100 }))
    .sort((a, b) => a.year - b.year || a.currency.localeCompare(b.currency));
}

function pad(year: number): string {
  return String(year).padStart(4, '0');
}

function period(year: number): string[] {
  return [
    el('period-start', { 'iso-date': `${pad(year)}-01-01` }),
    el('period-end', { 'iso-date': `${pad(year)}-12-31` }),
  ];
}

/** A cancelled project will spend nothing: its budget is not the organisation's. */
const counts = (p: Project) => !p.deleted && p.status !== 'cancelled';

function organisationXml(
  org: Organisation & { iatiId: string },
  projects: readonly Project[],
  transactions: readonly Transaction[],
  { language, defaults, today }: { language: string; defaults: IatiDefaults; today: string },
): string {
  const years = budgetsPerYear(projects.filter(counts));
  // A cancelled project's money already spent was spent: its expenditure counts (deleted projects' not).
  const ids = new Set(projects.map((p) => p.id));
  const spent = expenditurePerYear(
    transactions.filter((t) => ids.has(t.projectId)),
    today,
  );
  const value = (b: YearBudget) => valueElement(b.value, b.currency, `${pad(b.year)}-01-01`);
  return el(
    'iati-organisation',
    { 'xml:lang': language, 'default-currency': years[0]?.currency ?? defaults.currency },
    [
      `<organisation-identifier>${escapeXml(org.iatiId)}</organisation-identifier>`,
      el('name', {}, [narrative(org.name)]),
      orgElement('reporting-org', org, {}),
      ...years.map((b) => el('total-budget', {}, [...period(b.year), value(b)])),
      ...years.map((b) =>
        el('recipient-country-budget', {}, [
          el('recipient-country', { code: defaults.recipientCountry }),
          ...period(b.year),
          value(b),
        ]),
      ),
      ...spent.map((b) => el('total-expenditure', {}, [...period(b.year), value(b)])),
    ],
  );
}

/** The organisation file of the reporting organisations of `projects` (those with an IATI identifier). */
export function toIatiOrganisationsXml(input: IatiOrganisationsInput): IatiOrganisationsExport {
  const defaults = { ...IATI_DEFAULTS, ...input.defaults };
  const live = input.projects.filter((p) => !p.deleted);
  const reporting = input.organisations
    .filter((o): o is Organisation & { iatiId: string } => !o.deleted && o.iatiId !== null)
    .filter((o) => live.some((p) => p.organisationId === o.id))
    .sort((a, b) => a.iatiId.localeCompare(b.iatiId));
  if (reporting.length === 0) return { xml: null, organisations: 0 };
  const root = el(
    'iati-organisations',
    { version: IATI_VERSION, 'generated-datetime': input.generatedAt },
    reporting.map((org) =>
      organisationXml(
        org,
        live.filter((p) => p.organisationId === org.id),
        input.transactions ?? [],
        { language: input.defaultLanguage ?? 'fr', defaults, today: input.generatedAt.slice(0, 10) },
      ),
    ),
  );
  return { xml: xmlDocument(root, []), organisations: reporting.length };
}
