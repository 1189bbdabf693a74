import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editParts, editRoute } from '../../../src/app/components/edit/EditLinks';
import { hrefOf, parseHash } from '../../../src/app/state/router';

/** The edit pages' routes: the router knows `#/edit/…` only; the edit page reads the rest. */
describe('edit routes', () => {
  it('any ids survive the round trip through the URL', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 }), (parts) => {
        const href = hrefOf(editRoute(...parts));
        const route = parseHash(href);
        expect(route.name).toBe('edit');
        expect(route.name === 'edit' ? editParts(route.hash) : null).toEqual(parts);
      }),
    );
  });

  it('leaves the other routes alone and reads a broken escape as no page', () => {
    expect(hrefOf(editRoute('projects', 'p-gao', 'indicators', 'new'))).toBe(
      '#/edit/projects/p-gao/indicators/new',
    );
    expect(parseHash('#/projects/p-gao')).toEqual({ name: 'project', id: 'p-gao' });
    expect(parseHash('#/forms/p%2Fgao/f/1%402/new')).toEqual({
      name: 'newDraft',
      projectId: 'p/gao',
      formId: 'f',
      version: '1@2',
    });
    expect(hrefOf({ name: 'newDraft', projectId: 'p/gao', formId: 'f', version: '1@2' })).toBe(
      '#/forms/p%2Fgao/f/1%402/new',
    );
    expect(editParts('#/edit/projects/%E0%A4%A')).toBeNull();
  });
});
