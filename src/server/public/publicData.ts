import type { z } from 'zod/mini';
import type { FeedEntry } from '../../core/public/atomFeed';
import { isReportedTotal, publicProjects, type PublicProject } from '../../core/public/publicProject';
import { pickText } from '../../core/i18n/localized';
import { Indicator } from '../../core/records/indicator';
import { IndicatorValue } from '../../core/records/indicatorValue';
import { Organisation } from '../../core/records/organisation';
import { ExchangeRate } from '../../core/records/exchangeRate';
import { PlannedDisbursement } from '../../core/records/plannedDisbursement';
import { Project } from '../../core/records/project';
import { Transaction } from '../../core/records/transaction';
import type { ExportRow } from '../export/ExportReads';
import { parseRows } from '../export/parseRows';
import { withServedDocuments } from '../media/projectDocuments';
import type { StorageOps } from '../storage/Storage';

/** The records the public site is made of, read once per request, public projects only. */
export interface PublicData {
  /** Public projects, as stored (for the IATI file). */
  projects: Project[];
  organisations: Organisation[];
  indicators: Indicator[];
  indicatorValues: IndicatorValue[];
  /** Public projects' money (for the IATI files): public financial data, as IATI publishes it. */
  transactions: Transaction[];
  /** Empty unless asked for (the IATI activity file). */
  plannedDisbursements: PlannedDisbursement[];
  /** What the public pages show of them. */
  shown: PublicProject[];
  /** When each record was last stored, by id (for the feed). */
  updatedAt: Map<string, string>;
}

/** The records the schema can read, each row's `updatedAt` noted by id (for the feed). */
function parsed<T>(
  rows: readonly ExportRow[],
  schema: z.ZodMiniType<T>,
  updatedAt: Map<string, string>,
): T[] {
  return parseRows(rows, schema).map(({ row, record }) => {
    updatedAt.set(row.id, row.updatedAt);
    return record;
  });
}

/**
 * `plannedDisbursements`: read them too (only the IATI activity file writes them; every other answer leaves
 * the table alone).
 */
export async function readPublicData(
  storage: StorageOps,
  { plannedDisbursements: withPlanned = false } = {},
): Promise<PublicData> {
  const all = { projects: 'all' } as const;
  const updatedAt = new Map<string, string>();
  // Their documents: only those the public site serves (media/projectDocuments.ts), nothing else named.
  const projects = await withServedDocuments(
    storage.media,
    parsed(await storage.exports.rows('projects', all), Project, updatedAt).filter(
      (p) => p.public && !p.deleted,
    ),
  );
  const ids = new Set(projects.map((p) => p.id));
  const organisations = parsed(await storage.exports.rows('organisations', all), Organisation, updatedAt);
  // Only the public projects' records are read past this point: nothing of a private project is parsed.
  const ofPublic = async (tbl: 'indicators' | 'indicatorValues' | 'transactions' | 'plannedDisbursements') =>
    ids.size === 0
      ? []
      : (await storage.exports.rows(tbl, { projects: [...ids] })).filter((r) => ids.has(r.projectId));
  const indicators = parsed(await ofPublic('indicators'), Indicator, updatedAt);
  const indicatorValues = parsed(await ofPublic('indicatorValues'), IndicatorValue, updatedAt);
  const transactions = parsed(await ofPublic('transactions'), Transaction, updatedAt);
  const plannedDisbursements = withPlanned
    ? parsed(await ofPublic('plannedDisbursements'), PlannedDisbursement, updatedAt)
    : [];
  // Shared by every project (kept under none): they give the public projects' totals in XOF and USD.
  const exchangeRates = parsed(await storage.exports.rows('exchangeRates', all), ExchangeRate, new Map());
  const shown = publicProjects({
    projects,
    organisations,
    indicators,
    indicatorValues,
    transactions,
    exchangeRates,
  });
  return {
    projects,
    organisations,
    indicators,
    indicatorValues,
    transactions,
    plannedDisbursements,
    shown,
    updatedAt,
  };
}

/**
 * The feed's entries: each public project, and each result reported on one (a value verified or approved
 * for an indicator's total), in `lang`.
 */
export function feedEntries(data: PublicData, site: string, lang: string): FeedEntry[] {
  const entries: FeedEntry[] = [];
  const fr = lang === 'fr';
  for (const project of data.shown) {
    const title = pickText(project.title, lang);
    entries.push({
      id: `tag:terrain.app,2026:project/${project.id}`,
      title: fr ? `Projet publié : ${title}` : `Project published: ${title}`,
      summary: pickText(project.description, lang) || title,
      updated: data.updatedAt.get(project.id) ?? '1970-01-01T00:00:00.000Z',
      link: `${site}#/projects/${encodeURIComponent(project.id)}`,
    });
  }
  const indicators = new Map(data.indicators.map((i) => [i.id, i]));
  const shownIds = new Set(data.shown.map((p) => p.id));
  for (const value of data.indicatorValues) {
    const indicator = indicators.get(value.indicatorId);
    if (!indicator || indicator.deleted || !shownIds.has(value.projectId) || !isReportedTotal(value))
      continue;
    const name = `${indicator.code} ${pickText(indicator.title, lang)}`;
    const period = `${value.periodStart} – ${value.periodEnd}`;
    entries.push({
      id: `tag:terrain.app,2026:result/${value.id}`,
      title: fr ? `Résultat : ${name}` : `Result: ${name}`,
      summary: `${value.value} ${indicator.unit} (${period})`.replace(/\s+\(/, ' ('),
      updated: data.updatedAt.get(value.id) ?? '1970-01-01T00:00:00.000Z',
      link: `${site}#/projects/${encodeURIComponent(value.projectId)}`,
    });
  }
  return entries;
}
