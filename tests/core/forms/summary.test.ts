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
});
