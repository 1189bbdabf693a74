import type { Transaction } from '../records/transaction';
import { totalOf, type RateBook, type RateKey, type RateUsed, type Totals } from './totals';

/**
 * Reports of aid flows (docs/aid-flows.md, "Reports"): what was committed, disbursed and spent, by donor,
 * sector, region and year, in XOF and USD. Pure: the page gives it the transactions of the projects its
 * filters kept, the projects (for a sector or region a transaction does not name) and the rate book.
 *
 * Which IATI transaction types count:
 * - committed: 2 (outgoing commitment, the funder's side) and 11 (incoming commitment, the receiver's side).
 *   A project records the one that is its own side; both mean money promised to the project.
 * - disbursed: 3 (disbursement); spent: 4 (expenditure).
 * - Every other type (incoming funds, pledges, loans, interest…) is in none of the three.
 * Negative values (corrections) are summed with their sign.
 */

export type FlowMeasure = 'committed' | 'disbursed' | 'spent';

export const MEASURE_OF_TYPE: Readonly<Partial<Record<Transaction['type'], FlowMeasure>>> = {
  '2': 'committed',
  '11': 'committed',
  '3': 'disbursed',
  '4': 'spent',
};

export type FlowDimension = 'donor' | 'sector' | 'region' | 'year';
export const FLOW_DIMENSIONS: readonly FlowDimension[] = ['donor', 'sector', 'region', 'year'];

/**
 * One line of a report: the three totals of a group of transactions, and the disbursement rate. A
 * transaction split between sectors or regions counts in each of its groups' `count`, with its share of
 * the value.
 */
export interface FlowRow {
  /** The donor's organisation id, the DAC sector, the region or the year; null when not known. */
  key: string | null;
  committed: Totals;
  disbursed: Totals;
  spent: Totals;
  /** disbursed / committed in XOF; null when either is unknown or nothing positive was committed. */
  rate: number | null;
}

export interface FlowReport {
  total: FlowRow;
  by: Record<FlowDimension, FlowRow[]>;
  /** Every rate the report used, and every one it needed and did not find (by currency then month). */
  used: RateUsed[];
  missing: RateKey[];
  /** The years of the transactions given, before the year filter (for the filter's choices). */
  years: string[];
}

/** What a transaction's sector or region falls back to: its project's (docs/aid-flows.md, "Reports"). */
export interface FlowProject {
  id: string;
  sectors: readonly { code: string; percentage: number }[];
  locations: readonly { name: string; adm1: string | null }[];
}

type FlowTransaction = Pick<
  Transaction,
  | 'projectId'
  | 'type'
  | 'date'
  | 'value'
  | 'currency'
  | 'valueDate'
  | 'providerOrgId'
  | 'sector'
  | 'region'
  | 'deleted'
>;

export interface FlowReportInput {
  transactions: readonly FlowTransaction[];
  projects: readonly FlowProject[];
  book: RateBook;
  /** Only the transactions of this year (of their transaction date), when given. */
  year?: string | null;
}

/** A share of a transaction that falls in one group: `share` of its value (the shares of one add up to 1). */
interface Share {
  key: string | null;
  share: number;
}

const whole = (key: string | null): Share[] => [{ key, share: 1 }];

/**
 * The project's sectors as shares, by their percentages (IATI's: a transaction that names no sector is
 * the activity's, in the activity's proportions), as aid management platforms (AMP) count it. Percentages
 * that do not add up to 100 are taken relative to their sum; none that is positive settles nothing.
 */
function sectorShares(sectors: FlowProject['sectors']): Share[] {
  const bySector = new Map<string, number>();
  for (const { code, percentage } of sectors)
    if (percentage > 0) bySector.set(code, (bySector.get(code) ?? 0) + percentage);
  const sum = [...bySector.values()].reduce((a, b) => a + b, 0);
  return sum > 0 ? [...bySector].map(([key, p]) => ({ key, share: p / sum })) : whole(null);
}

/** The project's regions in equal shares: locations carry no percentages (AMP splits them equally too). */
function regionShares(locations: FlowProject['locations']): Share[] {
  const regions = [...new Set(locations.map((l) => l.adm1).filter((r): r is string => !!r))];
  return regions.length > 0 ? regions.map((key) => ({ key, share: 1 / regions.length })) : whole(null);
}

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/**
 * The region (adm1 code) a transaction's free-text region names among its project's places: a place's name
 * ("Tombouctou", "tombouctou") or its region's code ("ML06"). So "Gao" typed on a transaction and a project
 * located in ML07 fall in one group. Null when it names none of them: the text stands as it is.
 */
function regionNamed(text: string, locations: FlowProject['locations']): string | null {
  const wanted = folded(text);
  for (const { name, adm1 } of locations)
    if (adm1 && (folded(name) === wanted || folded(adm1) === wanted)) return adm1;
  return null;
}

/**
 * The groups a transaction falls in along a dimension, and its share of each. A donor and a year take it
 * whole; a sector or region it does not name is its project's, split when the project has several.
 */
function sharesOf(
  t: FlowTransaction,
  dimension: FlowDimension,
  projects: ReadonlyMap<string, FlowProject>,
): Share[] {
  const project = projects.get(t.projectId);
  switch (dimension) {
    case 'donor':
      return whole(t.providerOrgId);
    case 'sector':
      return t.sector ? whole(t.sector) : project ? sectorShares(project.sectors) : whole(null);
    case 'region': {
      const text = t.region.trim();
      if (!text) return project ? regionShares(project.locations) : whole(null);
      return whole((project && regionNamed(text, project.locations)) ?? text);
    }
    case 'year':
      return whole(t.date.slice(0, 4));
  }
}

function rowOf(key: string | null, transactions: readonly FlowTransaction[], book: RateBook): FlowRow {
  const of = (measure: FlowMeasure) =>
    totalOf(
      transactions.filter((t) => MEASURE_OF_TYPE[t.type] === measure),
      book,
    );
  const committed = of('committed');
  const disbursed = of('disbursed');
  const rate =
    committed.xof !== null && disbursed.xof !== null && committed.xof > 0
      ? disbursed.xof / committed.xof
      : null;
  return { key, committed, disbursed, spent: of('spent'), rate };
}

/** Groups in a stable order: known keys first, sorted, then the unknown one. */
const byKey = (a: FlowRow, b: FlowRow) =>
  a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key);

export function buildFlowReport(input: FlowReportInput): FlowReport {
  const projects = new Map(input.projects.map((p) => [p.id, p]));
  const live = input.transactions.filter((t) => !t.deleted && t.type in MEASURE_OF_TYPE);
  const years = [...new Set(live.map((t) => t.date.slice(0, 4)))].sort();
  const kept = input.year ? live.filter((t) => t.date.startsWith(`${input.year}-`)) : live;
  const total = rowOf(null, kept, input.book);
  const group = (dimension: FlowDimension): FlowRow[] => {
    const groups = new Map<string | null, FlowTransaction[]>();
    for (const t of kept) {
      for (const { key, share } of sharesOf(t, dimension, projects)) {
        // Its share of the value: converted at the same rate, the shares add up to the whole.
        const part = share === 1 ? t : { ...t, value: t.value * share };
        const list = groups.get(key);
        if (list) list.push(part);
        else groups.set(key, [part]);
      }
    }
    return [...groups].map(([key, list]) => rowOf(key, list, input.book)).sort(byKey);
  };
  const seen = new Map<string, RateUsed | RateKey>();
  const missingSeen = new Map<string, RateKey>();
  for (const totals of [total.committed, total.disbursed, total.spent]) {
    for (const r of totals.used) seen.set(`${r.currency}:${r.month}`, r);
    for (const r of totals.missing) missingSeen.set(`${r.currency}:${r.month}`, r);
  }
  const sortKeys = <R extends RateKey>(rs: R[]) =>
    rs.sort((a, b) => a.currency.localeCompare(b.currency) || a.month.localeCompare(b.month));
  return {
    total,
    by: {
      donor: group('donor'),
      sector: group('sector'),
      region: group('region'),
      year: group('year'),
    },
    used: sortKeys([...seen.values()] as RateUsed[]),
    missing: sortKeys([...missingSeen.values()]),
    years,
  };
}
