import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hrefOf, parseHash, type Route } from '../../../src/app/state/router';

const NAMED = [
  'submissions',
  'attention',
  'conflicts',
  'reports',
  'export',
  'import',
  'projects',
  'users',
  'usage',
  'iati',
] as const;

describe('the hash router', () => {
  it('reads back every route it writes', () => {
    const id = fc.string({ minLength: 1, maxLength: 20 });
    const route: fc.Arbitrary<Route> = fc.oneof(
      fc.constantFrom(...NAMED.map((name) => ({ name }))),
      fc.constant<Route>({ name: 'home' }),
      fc.constant<Route>({ name: 'reviewQueue' }),
      fc.constant<Route>({ name: 'flowReport' }),
      id.map((i): Route => ({ name: 'submission', id: i })),
      id.map((i): Route => ({ name: 'project', id: i })),
      id.map((i): Route => ({ name: 'indicator', id: i })),
      id.map((i): Route => ({ name: 'draft', id: i })),
      fc.tuple(id, id, id).map(([projectId, formId, version]): Route => ({
        name: 'newDraft',
        projectId,
        formId,
        version,
      })),
    );
    fc.assert(
      fc.property(route, (r) => {
        expect(parseHash(hrefOf(r))).toEqual(r);
      }),
    );
  });

  it('knows the users, usage and IATI import pages, and nothing under them', () => {
    expect(parseHash('#/users')).toEqual({ name: 'users' });
    expect(parseHash('#/usage?x=1')).toEqual({ name: 'usage' });
    expect(parseHash('#/iati')).toEqual({ name: 'iati' });
    expect(parseHash('#/users/someone')).toEqual({ name: 'notFound' });
    expect(parseHash('#/review')).toEqual({ name: 'reviewQueue' });
    expect(parseHash('#/nope')).toEqual({ name: 'notFound' });
  });
});
