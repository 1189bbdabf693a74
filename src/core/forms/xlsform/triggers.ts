import { walkItems, type FormItem, type Question } from '../definition';
import type { XlsFormIssue } from './types';

/**
 * pyxform's rules for the `trigger` column once the whole survey is read: a trigger must be a question the
 * user answers. A calculate, or a question whose value is a calculation, changes on its own, never by the
 * user's hand, so pyxform refuses it (ODK would fire on every recalculation).
 */
export function triggerProblems(items: readonly FormItem[], column: string): XlsFormIssue[] {
  const questions = new Map<string, Question>();
  walkItems(items, (item) => {
    if (item.kind === 'question') questions.set(item.name, item);
  });
  const issues: XlsFormIssue[] = [];
  for (const question of questions.values()) {
    const target = question.trigger === undefined ? undefined : questions.get(question.trigger);
    if (!target || (target.type !== 'calculate' && target.calculation === undefined)) continue;
    issues.push({
      sheet: 'survey',
      ...(question.row !== undefined ? { row: question.row } : {}),
      column,
      message: `\${${target.name}} is calculated, not answered by the user: it cannot trigger ${question.name}; pick a question the user answers`,
    });
  }
  return issues;
}

/**
 * ${last-saved#name} reads ODK's instance `__last-saved`: a csv-external or xml-external of that name would
 * be a second instance with the same id (pyxform refuses it).
 */
export function lastSavedConflict(
  sources: readonly string[],
  externals: readonly { listName: string; row: number; column: string }[],
): XlsFormIssue[] {
  if (!sources.some((s) => s.includes('${last-saved#'))) return [];
  return externals
    .filter((e) => e.listName === '__last-saved')
    .map((e) => ({
      sheet: 'survey' as const,
      row: e.row,
      column: e.column,
      message: '__last-saved is the instance ${last-saved#name} reads: name the attached file something else',
    }));
}
