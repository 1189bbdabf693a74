import { describe, expect, it } from 'vitest';
import { agentName } from '../../../src/app/components/dataTable/agentName';
import { personText } from '../../../src/app/components/personText';
import '../../../src/app/i18n/readingStrings';
import { translator } from '../../../src/app/i18n/translate';
import type { Person } from '../../../src/app/repositories/members';
import {
  dataMapRoute,
  dataRoute,
  NO_DATA_FILTER,
  parseDataFilter,
  parseDataHash,
  parseDataMapHash,
} from '../../../src/app/components/dataTable/dataRoute';
import { hrefOf, parseHash } from '../../../src/app/state/router';

describe('the data table route', () => {
  it('reads and writes #/data/:projectId/:formId, leaving the new-draft route alone', () => {
    const target = { projectId: 'p gao/1', formId: 'ménage' };
    const route = dataRoute(target);
    expect(hrefOf(route)).toBe('#/data/p%20gao%2F1/m%C3%A9nage');
    expect(parseHash(hrefOf(route))).toEqual(route);
    expect(parseDataHash(hrefOf(route))).toEqual(target);
    for (const wrong of ['#/data', '#/data/p', '#/data/p/f/x', '#/data/%E0/f'])
      expect(parseDataHash(wrong)).toBeNull();
    expect(parseHash('#/forms/p/menage/3/new')).toEqual({
      name: 'newDraft',
      projectId: 'p',
      formId: 'menage',
      version: '3',
    });
  });

  it('reads and writes a form’s map, #/data/:projectId/:formId/map, even for a form named “map”', () => {
    const target = { projectId: 'p gao/1', formId: 'ménage' };
    const route = dataMapRoute(target);
    expect(hrefOf(route)).toBe('#/data/p%20gao%2F1/m%C3%A9nage/map');
    expect(parseHash(hrefOf(route))).toEqual(route);
    expect(parseDataMapHash(hrefOf(route))).toEqual(target);
    expect(parseDataHash(hrefOf(route))).toBeNull();
    // The table of a form whose id is `map` is not a map.
    expect(parseDataMapHash('#/data/p/map')).toBeNull();
    expect(parseDataHash('#/data/p/map')).toEqual({ projectId: 'p', formId: 'map' });
    expect(parseDataMapHash('#/data/p/map/map')).toEqual({ projectId: 'p', formId: 'map' });
    for (const wrong of ['#/data/p/f', '#/data/p/f/x', '#/data/map', '#/data/%E0/f/map'])
      expect(parseDataMapHash(wrong)).toBeNull();
  });

  it('keeps the filters shared by the table and the map in the hash’s query', () => {
    const target = { projectId: 'p', formId: 'ménage' };
    const filter = { status: 'verified' as const, from: '2026-11-01', to: '2026-11-30', agent: 'u 1' };
    const map = hrefOf(dataMapRoute(target, filter));
    expect(map).toBe('#/data/p/m%C3%A9nage/map?status=verified&from=2026-11-01&to=2026-11-30&agent=u+1');
    expect(parseDataMapHash(map)).toEqual(target);
    expect(parseDataFilter(map)).toEqual(filter);
    const table = hrefOf(dataRoute(target, filter));
    expect(parseDataHash(table)).toEqual(target);
    expect(parseDataFilter(table)).toEqual(filter);
    expect(parseHash(table)).toEqual({ name: 'data', hash: table });
    // No filter, no query; values out of place are no filter.
    expect(hrefOf(dataRoute(target, NO_DATA_FILTER))).toBe('#/data/p/m%C3%A9nage');
    expect(parseDataFilter('#/data/p/f?status=lost&from=1er%20mai&to=2026-13')).toEqual(NO_DATA_FILTER);
    expect(parseDataFilter('#/data/p/f')).toEqual(NO_DATA_FILTER);
  });

  it('names the agent as every page does, the signed-in user by name before the members sync', () => {
    const me = { id: 'u1', displayName: 'Awa Touré' };
    const t = translator('fr');
    const people = new Map([
      [
        'u2',
        { userId: 'u2', username: 'moussa', displayName: 'Moussa Maïga', role: 'agent' } satisfies Person,
      ],
    ]);
    expect(agentName('u1', me, people, t)).toBe('Awa Touré');
    expect(agentName('u2', me, people, t)).toBe(personText('u2', people, t));
    expect(agentName('u3', me, people, t)).toBe(t('people.notSynced'));
  });
});
