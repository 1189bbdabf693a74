import { formNeedsExtraFunctions, loadExtraFunctions } from '../../core/forms/expr';
import type { ComputeSubmission } from '../../core/indicators/compute';
import type { TerrainDb } from '../db/TerrainDb';
import type {
  IndicatorRecord,
  IndicatorValueRecord,
  OrganisationRecord,
  ProjectRecord,
  SubmissionRecord,
} from '../db/schema';
import {
  countProjectSubmissions,
  listRecentProjectSubmissions,
  getIndicator,
  getProject,
  listIndicators,
  listIndicatorValues,
  listProjectIndicatorValues,
  organisationsById,
} from './coordination';
import { computeSubmissionsOf } from './reportData';

/**
 * What the indicator and project pages show, each read in ONE read transaction: a sync page lands in one
 * transaction too, so a page never shows an indicator from before it beside values from after it.
 */

export interface IndicatorDetail {
  indicator: IndicatorRecord;
  project: ProjectRecord | undefined;
  values: IndicatorValueRecord[];
  /** The submissions its computation reads (none when its values are only entered by hand). */
  submissions: ComputeSubmission[];
}

/** An indicator and its values; null when it is not on the device (or deleted). */
export async function loadIndicatorDetail(db: TerrainDb, id: string): Promise<IndicatorDetail | null> {
  return withFilterFunctions(await readIndicatorDetail(db, id));
}

/**
 * An indicator's filter may call one of the rarer ODK functions (area() of a plot…), whose code loads on
 * demand (src/core/forms/expr/functions/lazy.ts): loaded, after the reads, before the page computes.
 */
async function withFilterFunctions<
  T extends { indicators: IndicatorRecord[] } | { indicator: IndicatorRecord },
>(data: T | null): Promise<T | null> {
  if (!data) return null;
  const indicators = 'indicators' in data ? data.indicators : [data.indicator];
  if (formNeedsExtraFunctions(indicators.map((i) => i.computation?.filter ?? ''))) await loadExtraFunctions();
  return data;
}

function readIndicatorDetail(db: TerrainDb, id: string): Promise<IndicatorDetail | null> {
  return db.transaction('r', [db.indicators, db.projects, db.indicatorValues, db.submissions], async () => {
    const indicator = await getIndicator(db, id);
    if (!indicator) return null;
    const formIds = indicator.computation ? [indicator.computation.formId] : [];
    const [project, values, submissions] = await Promise.all([
      getProject(db, indicator.projectId),
      listIndicatorValues(db, id),
      computeSubmissionsOf(db, formIds),
    ]);
    return { indicator, project, values, submissions };
  });
}

export interface ProjectDetailData {
  project: ProjectRecord;
  organisations: Map<string, OrganisationRecord>;
  indicators: IndicatorRecord[];
  /** The values of all its indicators. */
  values: IndicatorValueRecord[];
  /** The submissions its indicators' computations read. */
  submissions: ComputeSubmission[];
  submissionCount: number;
  /** Its latest current submissions, newest first (RECENT_SUBMISSIONS at most). */
  recent: SubmissionRecord[];
}

/** How many of a project's latest submissions its page lists (the submissions page has them all). */
export const RECENT_SUBMISSIONS = 10;

/** A project with its organisations, indicators, their values and what they compute from. */
export async function loadProjectDetail(db: TerrainDb, id: string): Promise<ProjectDetailData | null> {
  return withFilterFunctions(await readProjectDetail(db, id));
}

function readProjectDetail(db: TerrainDb, id: string): Promise<ProjectDetailData | null> {
  return db.transaction(
    'r',
    [db.projects, db.organisations, db.indicators, db.indicatorValues, db.submissions],
    async () => {
      const project = await getProject(db, id);
      if (!project) return null;
      const [organisations, indicators, values, submissionCount, recent] = await Promise.all([
        organisationsById(db),
        listIndicators(db, id),
        listProjectIndicatorValues(db, id),
        countProjectSubmissions(db, id),
        listRecentProjectSubmissions(db, id, RECENT_SUBMISSIONS),
      ]);
      const formIds = [...new Set(indicators.flatMap((i) => (i.computation ? [i.computation.formId] : [])))];
      const submissions = await computeSubmissionsOf(db, formIds);
      return { project, organisations, indicators, values, submissions, submissionCount, recent };
    },
  );
}
