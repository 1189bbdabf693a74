import type { LocalizedText } from '../i18n/localized';
import type { Indicator, Period, Target } from '../records/indicator';
import type { IndicatorValue } from '../records/indicatorValue';
import type { Project } from '../records/project';
import type { ReviewStatus } from '../records/review';
import { categoryBreakdown, manualValueFor, type CategoryBreakdown } from './breakdown';
import { computeIndicator, type ComputeSubmission } from './compute';
import { periodWithin, samePeriod, type PeriodKind } from './periods';
import { sideBySide, type SideBySide } from './sideBySide';
import {
  addCounts,
  emptyCounts,
  submissionCountsByProject,
  submissionGaps,
  type ReceivedSubmission,
  type SubmissionCounts,
  type SubmissionGap,
  type SubmissionReview,
} from './verification';

/**
 * The model of a result-verification report (bimonthly or annual, one project or all): pure data, the UI
 * renders and translates it. Progress and gaps are those of the totals (`categories: {}`); a disaggregated
 * indicator's values per category are shown beside them (breakdown.ts). Each project also reports how far
 * the review of its submissions of the period has gone (verification.ts).
 * A value entered by hand counts for the period it was entered for: an annual report does not add up
 * bimonthly values (a percentage or an average does not add), it uses the annual value or the computed one.
 */

/** Progress from this fraction of the way to the target on counts as on track (met is 1 and beyond). */
export const ON_TRACK_THRESHOLD = 0.8;

export type DataGap =
  /** Neither a value entered by hand nor one computed from submissions. */
  | 'no_value'
  /** No target for the period (nor one covering it). */
  | 'no_target'
  /** No baseline: progress is measured from 0. */
  | 'no_baseline'
  /** The value entered by hand has no review yet, or only a computed value exists (nobody verified it). */
  | 'unverified'
  /** A reviewer found issues in the value or rejected it. */
  | 'flagged'
  /** The value entered by hand and the one computed from submissions differ (see sideBySide.ts). */
  | 'values_differ'
  /** The computation cannot run: its filter does not compile. */
  | 'computation_error';

export type ProgressStatus = 'met' | 'on_track' | 'off_track' | 'unknown';

export interface IndicatorRow {
  indicatorId: string;
  code: string;
  title: LocalizedText;
  unit: string;
  measure: Indicator['measure'];
  direction: Indicator['direction'];
  baseline: Indicator['baseline'];
  /** The target compared with: the period's own, else the shortest target covering it (an annual one). */
  target: Target | null;
  /** The manual value if entered, else the computed one. */
  actual: number | null;
  source: 'manual' | 'computed' | null;
  values: SideBySide;
  /** (actual − baseline) / (target − baseline); null without actual or target. */
  progress: number | null;
  status: ProgressStatus;
  /** The manual value's review status; null when unreviewed or when the actual is computed. */
  verification: ReviewStatus | null;
  gaps: DataGap[];
  /** Per category of each disaggregation that has a value for the period; empty without. */
  breakdown: CategoryBreakdown[];
}

export interface ReportTotals {
  indicators: number;
  met: number;
  onTrack: number;
  offTrack: number;
  unknown: number;
  /** Indicators whose actual a reviewer verified or approved. */
  verified: number;
  /** Indicators with at least one data gap, and how many show each gap. */
  withGaps: number;
  gaps: Record<DataGap, number>;
}

export interface ProjectReport {
  projectId: string;
  code: string;
  title: LocalizedText;
  indicators: IndicatorRow[];
  totals: ReportTotals;
  /** The project's submissions finalized in the period, by review status. */
  submissions: SubmissionCounts;
  submissionGaps: SubmissionGap[];
}

export interface ResultReport {
  kind: PeriodKind;
  period: Period;
  /** The project reported on; null for all projects. */
  projectId: string | null;
  projects: ProjectReport[];
  totals: ReportTotals;
  /** Every reported project's submissions together. */
  submissions: SubmissionCounts;
}

export interface ReportInput {
  kind: PeriodKind;
  period: Period;
  /** One project's id, or null for every project. */
  projectId: string | null;
  projects: readonly Project[];
  indicators: readonly Indicator[];
  values: readonly IndicatorValue[];
  /** Submissions of the indicators' forms (others are ignored). */
  submissions: readonly ComputeSubmission[];
  /**
   * The current versions of the submissions finalized in the period, of every form (others are ignored),
   * and their reviews: what the verification counts count.
   */
  received: readonly ReceivedSubmission[];
  reviews: readonly SubmissionReview[];
}

/**
 * Progress towards a target: the share of the way from baseline to target covered, so 0 at the baseline
 * and 1 at the target whichever the direction (a decrease has target < baseline, and both differences are
 * negative). A target equal to the baseline is 1 when the actual is at or beyond it in the indicator's
 * direction, else 0.
 */
export function progressTowards(
  direction: Indicator['direction'],
  baseline: number,
  target: number,
  actual: number,
): number {
  if (target === baseline) return (direction === 'increase' ? actual >= target : actual <= target) ? 1 : 0;
  const progress = (actual - baseline) / (target - baseline);
  // At the baseline of a decrease, 0 / negative is -0: report it as the 0 it means.
  return progress === 0 ? 0 : progress;
}

export function progressStatus(progress: number | null): ProgressStatus {
  if (progress === null || !Number.isFinite(progress)) return 'unknown';
  if (progress >= 1) return 'met';
  return progress >= ON_TRACK_THRESHOLD ? 'on_track' : 'off_track';
}

/** Code-point order: the same on every device whatever its locale. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The period's own target, else the shortest one covering the period (earliest start on a tie). */
export function targetFor(targets: readonly Target[], period: Period): Target | null {
  const own = targets.find((t) => samePeriod(t.period, period));
  if (own) return own;
  const span = (t: Target): number => Date.parse(t.period.end) - Date.parse(t.period.start);
  const covering = targets
    .filter((t) => periodWithin(period, t.period))
    .sort((a, b) => span(a) - span(b) || cmp(a.period.start, b.period.start));
  return covering[0] ?? null;
}

export function indicatorRow(
  indicator: Indicator,
  period: Period,
  values: readonly IndicatorValue[],
  submissions: readonly ComputeSubmission[],
): IndicatorRow {
  const manual = manualValueFor(values, indicator.id, period);
  const computed = computeIndicator(indicator, period, {}, submissions);
  const both = sideBySide(manual?.value ?? null, computed);
  const source = both.manual !== null ? 'manual' : both.computed !== null ? 'computed' : null;
  const actual = both.manual ?? both.computed;
  const target = targetFor(indicator.targets, period);
  const baseline = indicator.baseline?.value ?? 0;
  const progress =
    actual === null || target === null
      ? null
      : progressTowards(indicator.direction, baseline, target.value, actual);
  const verification = source === 'manual' ? (manual?.reviewStatus ?? null) : null;

  const gaps: DataGap[] = [];
  if (actual === null) gaps.push('no_value');
  if (target === null) gaps.push('no_target');
  if (indicator.baseline === null) gaps.push('no_baseline');
  if (actual !== null && verification === null) gaps.push('unverified');
  if (verification === 'has_issues' || verification === 'rejected') gaps.push('flagged');
  if (both.differ) gaps.push('values_differ');
  if (computed?.error) gaps.push('computation_error');

  return {
    indicatorId: indicator.id,
    code: indicator.code,
    title: indicator.title,
    unit: indicator.unit,
    measure: indicator.measure,
    direction: indicator.direction,
    baseline: indicator.baseline,
    target,
    actual,
    source,
    values: both,
    progress,
    status: progressStatus(progress),
    verification,
    gaps,
    breakdown: categoryBreakdown(indicator, period, values, submissions),
  };
}

const emptyGaps = (): Record<DataGap, number> => ({
  no_value: 0,
  no_target: 0,
  no_baseline: 0,
  unverified: 0,
  flagged: 0,
  values_differ: 0,
  computation_error: 0,
});

export function totalsOf(rows: readonly IndicatorRow[]): ReportTotals {
  const totals: ReportTotals = {
    indicators: rows.length,
    met: 0,
    onTrack: 0,
    offTrack: 0,
    unknown: 0,
    verified: 0,
    withGaps: 0,
    gaps: emptyGaps(),
  };
  for (const row of rows) {
    if (row.status === 'met') totals.met++;
    else if (row.status === 'on_track') totals.onTrack++;
    else if (row.status === 'off_track') totals.offTrack++;
    else totals.unknown++;
    if (row.verification === 'verified' || row.verification === 'approved') totals.verified++;
    if (row.gaps.length > 0) totals.withGaps++;
    for (const gap of row.gaps) totals.gaps[gap]++;
  }
  return totals;
}

/** The report: projects by code, indicators by code; deleted projects and indicators left out. */
export function buildReport(input: ReportInput): ResultReport {
  const projects = input.projects
    .filter((p) => !p.deleted && (input.projectId === null || p.id === input.projectId))
    .sort((a, b) => cmp(a.code, b.code) || cmp(a.id, b.id));
  const counts = submissionCountsByProject(input.period, input.received, input.reviews);
  const reports = projects.map((project): ProjectReport => {
    const submissions = counts.get(project.id) ?? emptyCounts();
    const rows = input.indicators
      .filter((i) => !i.deleted && i.projectId === project.id)
      .sort((a, b) => cmp(a.code, b.code) || cmp(a.id, b.id))
      .map((i) => indicatorRow(i, input.period, input.values, input.submissions));
    return {
      projectId: project.id,
      code: project.code,
      title: project.title,
      indicators: rows,
      totals: totalsOf(rows),
      submissions,
      submissionGaps: submissionGaps(submissions),
    };
  });
  return {
    kind: input.kind,
    period: input.period,
    projectId: input.projectId,
    projects: reports,
    totals: totalsOf(reports.flatMap((r) => r.indicators)),
    submissions: addCounts(reports.map((r) => r.submissions)),
  };
}
