import { levelQuestions, SUBMISSION_META_KEY, type FormDefinition } from './definition';

const MAX_SUMMARY = 120;

/** The name finalizing stored in the answers' `meta` (ODK's meta/instanceName), trimmed; '' when none. */
export function instanceNameOf(data: Record<string, unknown>): string {
  const meta = data[SUBMISSION_META_KEY];
  const name =
    typeof meta === 'object' && meta !== null ? (meta as { instanceName?: unknown }).instanceName : '';
  return typeof name === 'string' ? name.trim() : '';
}

/**
 * A short line that tells one submission from another in a list: the instance name finalizing evaluated
 * from XLSForm's `instance_name` setting (ODK's meta/instanceName), else the first answered text question
 * (usually the respondent's or the site's name).
 */
export function submissionSummary(form: FormDefinition, data: Record<string, unknown>): string {
  const named = instanceNameOf(data);
  if (named) return named.slice(0, MAX_SUMMARY);
  for (const question of levelQuestions(form.items)) {
    if (question.type !== 'text') continue;
    const value = data[question.name];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, MAX_SUMMARY);
  }
  return '';
}
