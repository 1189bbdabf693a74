import { compileExpression } from '../../core/forms/expr';
import type { LocalizedText } from '../../core/i18n/localized';
import type { Disaggregation, IndicatorComputation, Target } from '../../core/records/indicator';
import { hasRole, type Role } from '../../core/records/user';
import type { TerrainDb } from '../db/TerrainDb';
import type { IndicatorRecord } from '../db/schema';
import type { MessageKey } from '../i18n/types';
import { addWriteIssues, EditInvalidError, saveEdit, type EditProblems } from './mergedEdit';

/** What the indicator page edits: every field of the record (its project never changes). */
export interface IndicatorChange {
  code: string;
  title: LocalizedText;
  unit: string;
  measure: 'unit' | 'percentage';
  direction: 'increase' | 'decrease';
  disaggregations: Disaggregation[];
  baseline: { year: number; value: number } | null;
  targets: Target[];
  computation: IndicatorComputation | null;
}

/** One message per field, by its path without list indexes. */
const MESSAGES = {
  code: 'edit.error.indicatorCode',
  title: 'edit.error.title',
  unit: 'edit.error.unit',
  measure: 'edit.error.invalid',
  direction: 'edit.error.invalid',
  'disaggregations.name': 'edit.error.fieldName',
  'disaggregations.label': 'edit.error.label',
  'disaggregations.field': 'edit.error.fieldName',
  'disaggregations.categories.code': 'edit.error.categoryCode',
  'disaggregations.categories.label': 'edit.error.label',
  'baseline.year': 'edit.error.year',
  'baseline.value': 'edit.error.number',
  'targets.period.start': 'edit.error.date',
  'targets.period.end': 'edit.error.date',
  'targets.value': 'edit.error.number',
  'computation.formId': 'edit.error.form',
  'computation.aggregate': 'edit.error.invalid',
  'computation.field': 'edit.error.fieldName',
  'computation.filter': 'edit.error.filter',
  'computation.dateField': 'edit.error.fieldName',
} satisfies Record<string, MessageKey>;

const hasText = (text: LocalizedText) => Object.values(text).some((t) => t.trim() !== '');

/** The problems of a change by path (message keys); empty when it may be saved. */
export function indicatorProblems(change: IndicatorChange, role: Role): EditProblems {
  const problems: EditProblems = {};
  // The server refuses it too; saying it here keeps the write out of "needs attention".
  if (!hasRole(role, 'supervisor')) problems.form = 'edit.error.supervisorOnly';
  if (!hasText(change.title)) problems.title = MESSAGES.title;
  addWriteIssues(problems, 'indicators', { ...change }, MESSAGES);
  change.targets.forEach((t, i) => {
    if (t.period.end < t.period.start) problems[`targets.${i}.period.end`] ??= 'edit.error.endBeforeStart';
  });
  change.disaggregations.forEach((d, i) => {
    if (change.disaggregations.findIndex((other) => other.name === d.name) < i)
      problems[`disaggregations.${i}.name`] ??= 'edit.error.nameTwice';
    // Tables and reports show the labels: a blank one would be a blank column.
    if (!hasText(d.label)) problems[`disaggregations.${i}.label`] ??= 'edit.error.label';
    d.categories.forEach((c, j) => {
      if (!hasText(c.label)) problems[`disaggregations.${i}.categories.${j}.label`] ??= 'edit.error.label';
    });
  });
  const computation = change.computation;
  if (computation) {
    // What compute.ts reads: a sum or an average needs the field it adds up; a filter must compile.
    if (computation.aggregate !== 'count' && !computation.field)
      problems['computation.field'] ??= 'edit.error.fieldNeeded';
    if (computation.filter?.trim()) {
      try {
        compileExpression(computation.filter);
      } catch {
        problems['computation.filter'] ??= MESSAGES['computation.filter'];
      }
    }
  }
  return problems;
}

/**
 * Saves an indicator of `projectId`: a new one (`id` null: a uuid is made) or the changed fields of one.
 * Throws EditInvalidError with the problems by path.
 */
export async function saveIndicator(
  db: TerrainDb,
  projectId: string,
  id: string | null,
  change: IndicatorChange,
  role: Role,
  now = new Date(),
  /** The record as the form loaded it (mergedEdit.ts, saveEdit). */
  seen?: IndicatorRecord,
): Promise<IndicatorRecord> {
  const problems = indicatorProblems(change, role);
  if (Object.keys(problems).length > 0) throw new EditInvalidError(problems);
  const recordId = id ?? crypto.randomUUID();
  const row = await saveEdit(db, 'indicators', recordId, { projectId }, { ...change }, now, seen);
  return (row ?? (await db.indicators.get(recordId))) as IndicatorRecord;
}
