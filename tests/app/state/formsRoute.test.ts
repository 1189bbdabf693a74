import { describe, expect, it } from 'vitest';
import { hrefOf, parseHash } from '../../../src/app/state/router';

describe('the Forms page route', () => {
  it('is #/forms, while #/forms/<project>/<form>/<version>/new still starts a draft', () => {
    expect(parseHash('#/forms')).toEqual({ name: 'forms' });
    expect(hrefOf({ name: 'forms' })).toBe('#/forms');
    const newDraft = { name: 'newDraft', projectId: 'p/1', formId: 'f', version: 'v 2' } as const;
    expect(parseHash(hrefOf(newDraft))).toEqual(newDraft);
    expect(parseHash('#/forms/p/f')).toEqual({ name: 'notFound' });
  });
});
