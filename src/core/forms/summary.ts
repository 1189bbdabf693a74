import type { FormDefinition } from './definition';

/**
 * A short line that tells one submission from another in a list: the first answered text question (usually
 * the respondent's or the site's name). XLSForm's `instance_name` setting will take precedence when forms
 * carry it.
 */
export function submissionSummary(form: FormDefinition, data: Record<string, unknown>): string {
  for (const item of form.items) {
    if (item.type !== 'text') continue;
    const value = data[item.name];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 120);
  }
  return '';
}
