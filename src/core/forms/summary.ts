import { levelQuestions, type FormDefinition } from './definition';

/**
 * A short line that tells one submission from another in a list: the first answered text question (usually
 * the respondent's or the site's name). XLSForm's `instance_name` setting will take precedence once the form
 * engine evaluates it.
 */
export function submissionSummary(form: FormDefinition, data: Record<string, unknown>): string {
  for (const question of levelQuestions(form.items)) {
    if (question.type !== 'text') continue;
    const value = data[question.name];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 120);
  }
  return '';
}
