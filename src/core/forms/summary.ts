import { levelQuestions, SUBMISSION_META_KEY, type FormDefinition } from './definition';

const MAX_SUMMARY = 120;

/**
 * A short line that tells one submission from another in a list: the instance name finalizing evaluated
 * from XLSForm's `instance_name` setting (ODK's meta/instanceName), else the first answered text question
 * (usually the respondent's or the site's name).
 */
export function submissionSummary(form: FormDefinition, data: Record<string, unknown>): string {
  const meta = data[SUBMISSION_META_KEY];
  const named = typeof meta === 'object' && meta !== null ? (meta as { instanceName?: unknown }) : {};
  if (typeof named.instanceName === 'string' && named.instanceName.trim())
    return named.instanceName.trim().slice(0, MAX_SUMMARY);
  for (const question of levelQuestions(form.items)) {
    if (question.type !== 'text') continue;
    const value = data[question.name];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, MAX_SUMMARY);
  }
  return '';
}
