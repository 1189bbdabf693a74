import {
  compileExpression,
  NodeSet,
  nodeSet,
  toBoolean,
  toNumber,
  type CompiledExpression,
} from '../forms/expr';
import type { Indicator, IndicatorComputation, Period } from '../records/indicator';
import type { Submission } from '../records/submission';
import { resolveVersions } from '../records/submissionVersions';
import { dayOf, inPeriod, periodOf, type PeriodKind } from './periods';

/**
 * What computing needs of a submission. `hlc` (the order the server stored, as for resolveVersions) picks
 * the current version of a forked correction; without it the greatest id wins.
 */
export type ComputeSubmission = Pick<
  Submission,
  'id' | 'formId' | 'projectId' | 'data' | 'finalizedAt' | 'replaces'
> & { hlc?: string };

/** The value an indicator's computation gives for one period and category set. */
export interface ComputedValue {
  /** Null for an average of nothing, or when it cannot be computed (`error`). A count or sum of nothing is 0. */
  value: number | null;
  /** How many submissions the value was computed from. */
  submissions: number;
  /** Why there is no value: the filter does not compile, or a category names no computable disaggregation. */
  error?: 'filter' | 'disaggregation';
}

/** The category of each disaggregation (`{ sex: 'f' }`), `{}` for the total, as in IndicatorValue. */
export type Categories = Readonly<Record<string, string>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `${name}` read from a submission's answers the way the form engine reads it from the top level (groups are
 * transparent: their answers sit at the level of their parent): a top-level answer as stored; a field inside
 * a repeat as the node-set of its values across every instance (nested repeats flattened), so
 * `count(${age})` or `${age} > 60` work as in the form. The form definition is not needed: a repeat is the
 * only answer that is an array of objects. Non-relevant answers were dropped at finalize.
 */
export function resolveAnswer(data: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(data, name)) {
    const value = data[name];
    // A repeat's own name reads as one empty value per instance (count(${member}) counts them).
    if (Array.isArray(value) && value.length > 0 && value.every(isRecord))
      return nodeSet(value.map(() => ''));
    return value;
  }
  const found: unknown[] = [];
  let inRepeat = false;
  const walk = (level: Record<string, unknown>): void => {
    for (const value of Object.values(level)) {
      if (!Array.isArray(value) || !value.every(isRecord)) continue;
      for (const instance of value) {
        if (Object.hasOwn(instance, name)) {
          inRepeat = true;
          found.push(instance[name]);
        } else walk(instance);
      }
    }
  };
  walk(data);
  return inRepeat ? nodeSet(found) : undefined;
}

/** A numeric answer as a number: a node-set (a field inside a repeat) is the sum of its members. */
function numericAnswer(value: unknown): number {
  if (value instanceof NodeSet) {
    let total = 0;
    for (const member of value.items) total += toNumber(member);
    return total;
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return toNumber(value);
  return NaN;
}

/** The day a submission counts on: its `dateField` answer, else the day it was finalized. */
function submissionDay(computation: IndicatorComputation, submission: ComputeSubmission): string | null {
  return dayOf(
    computation.dateField ? resolveAnswer(submission.data, computation.dateField) : submission.finalizedAt,
  );
}

/**
 * The periods of `kind` in which the computation has submissions to count, oldest first: the rows of an
 * indicator that has no target and no entered value yet, so that what its submissions give still shows.
 */
export function computedPeriods(
  indicator: Pick<Indicator, 'projectId' | 'computation'>,
  kind: PeriodKind,
  submissions: readonly ComputeSubmission[],
): Period[] {
  const computation = indicator.computation;
  if (!computation) return [];
  const periods = new Map<string, Period>();
  for (const submission of currentSubmissions(computation, indicator.projectId, submissions)) {
    const day = submissionDay(computation, submission);
    const period = day === null ? null : periodOf(kind, day);
    if (period) periods.set(period.start, period);
  }
  return [...periods.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/** Whether an answer is the category `code`: equal as text, or (select_multiple) among the choices. */
function isCategory(value: unknown, code: string): boolean {
  if (Array.isArray(value)) return value.includes(code);
  if (typeof value === 'number') return String(value) === code;
  return typeof value === 'string' && value === code;
}

/** The submissions that count: the indicator's project and form, current versions only (one per chain). */
function currentSubmissions(
  computation: IndicatorComputation,
  projectId: string,
  submissions: readonly ComputeSubmission[],
): ComputeSubmission[] {
  const ofForm = submissions.filter((s) => s.formId === computation.formId && s.projectId === projectId);
  const versions = resolveVersions(ofForm.map((s) => ({ id: s.id, replaces: s.replaces, hlc: s.hlc ?? '' })));
  // Superseded versions are older states of a corrected submission, conflicting ones lost a concurrent
  // correction: counting either would count one submission twice.
  const seen = new Set<string>();
  return ofForm.filter((s) => {
    if (versions.get(s.id)?.state !== 'current' || seen.has(s.id)) return false;
    seen.add(s.id);
    return true;
  });
}

/**
 * The value of `indicator`'s computation for `period` and `categories`, from the submissions given (any
 * form or project: the others are ignored). Null with no computation.
 */
export function computeIndicator(
  indicator: Pick<Indicator, 'projectId' | 'computation' | 'disaggregations'>,
  period: Period,
  categories: Categories,
  submissions: readonly ComputeSubmission[],
): ComputedValue | null {
  const computation = indicator.computation;
  if (!computation) return null;

  let filter: CompiledExpression | undefined;
  if (computation.filter?.trim()) {
    try {
      filter = compileExpression(computation.filter);
    } catch {
      return { value: null, submissions: 0, error: 'filter' };
    }
  }

  const categoryFields: { field: string; code: string }[] = [];
  for (const [name, code] of Object.entries(categories)) {
    const field = indicator.disaggregations.find((d) => d.name === name)?.field;
    if (!field) return { value: null, submissions: 0, error: 'disaggregation' };
    categoryFields.push({ field, code });
  }

  let used = 0;
  let total = 0;
  for (const submission of currentSubmissions(computation, indicator.projectId, submissions)) {
    const data = submission.data;
    const day = submissionDay(computation, submission);
    if (day === null || !inPeriod(period, day)) continue;
    if (!categoryFields.every(({ field, code }) => isCategory(resolveAnswer(data, field), code))) continue;
    if (filter && !toBoolean(filter.evaluate({ resolve: (name) => resolveAnswer(data, name) }))) continue;
    if (computation.aggregate === 'count') {
      used++;
      continue;
    }
    // A sum or average skips submissions without a number in the field rather than making the total NaN.
    const value =
      computation.field === undefined ? NaN : numericAnswer(resolveAnswer(data, computation.field));
    if (!Number.isFinite(value)) continue;
    used++;
    total += value;
  }

  if (computation.aggregate === 'count') return { value: used, submissions: used };
  if (computation.aggregate === 'sum') return { value: total, submissions: used };
  return { value: used === 0 ? null : total / used, submissions: used };
}
