import { describe, expect, it } from 'vitest';
import { agentName } from '../../../src/app/components/dataTable/agentName';
import { dataRoute, parseDataHash } from '../../../src/app/components/dataTable/dataRoute';
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

  it('names the agent: the signed-in user by name, others by the account the device has', () => {
    const me = { id: 'u1', displayName: 'Awa Touré' };
    expect(agentName('u1', me)).toBe('Awa Touré');
    expect(agentName('u2', me)).toBe('u2');
  });
});
