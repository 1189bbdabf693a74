import { describe, expect, it } from 'vitest';
import { agentName } from '../../../src/app/components/dataTable/agentName';
import { hrefOf, parseHash } from '../../../src/app/state/router';

describe('the data table route', () => {
  it('reads and writes #/forms/:projectId/:formId/data, leaving the new-draft route alone', () => {
    const route = { name: 'formData', projectId: 'p gao', formId: 'menage' } as const;
    expect(hrefOf(route)).toBe('#/forms/p%20gao/menage/data');
    expect(parseHash(hrefOf(route))).toEqual(route);
    expect(parseHash('#/forms/p/menage/3/new')).toEqual({
      name: 'newDraft',
      projectId: 'p',
      formId: 'menage',
      version: '3',
    });
    expect(parseHash('#/forms/p/menage/other')).toEqual({ name: 'notFound' });
  });

  it('names the agent: the signed-in user by name, others by the account the device has', () => {
    const me = { id: 'u1', displayName: 'Awa Touré' };
    expect(agentName('u1', me)).toBe('Awa Touré');
    expect(agentName('u2', me)).toBe('u2');
  });
});
