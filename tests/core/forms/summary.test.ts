import { describe, expect, it } from 'vitest';
import { submissionSummary } from '../../../src/core/forms/summary';
import { form } from './demoForm';

describe('submissionSummary', () => {
  it('is the first answered text question, trimmed', () => {
    expect(submissionSummary(form, { size: 3, name: '  Aminata Maïga ' })).toBe('Aminata Maïga');
  });

  it('is empty when no text question is answered', () => {
    expect(submissionSummary(form, { size: 3, name: '   ' })).toBe('');
    expect(submissionSummary(form, {})).toBe('');
  });

  it('prefers the instance name finalizing stored, trimmed and cut to 120 characters', () => {
    const data = { name: 'Aminata Maïga', meta: { instanceName: ' Ménage 12 – Gao ' } };
    expect(submissionSummary(form, data)).toBe('Ménage 12 – Gao');
    expect(submissionSummary(form, { meta: { instanceName: 'x'.repeat(300) } })).toHaveLength(120);
  });

  it('falls back to the first text answer when the instance name is missing, blank or not text', () => {
    for (const meta of [undefined, null, {}, { instanceName: '  ' }, { instanceName: 12 }, 'Awa'])
      expect(submissionSummary(form, { name: 'Aminata Maïga', meta })).toBe('Aminata Maïga');
  });
});
