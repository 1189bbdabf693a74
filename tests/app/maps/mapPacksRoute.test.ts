import { describe, expect, it } from 'vitest';
import { projectOfHash } from '../../../src/app/maps/MapPacksPage';
import { hrefOf, parseHash } from '../../../src/app/state/router';

describe('the offline maps route', () => {
  it('reads #/maps/packs and #/maps/packs/<projectId>', () => {
    for (const hash of ['#/maps/packs', '#/maps/packs/proj%20A']) {
      const route = parseHash(hash);
      expect(route).toEqual({ name: 'maps', hash });
      expect(hrefOf(route)).toBe(hash);
    }
    expect(projectOfHash('#/maps/packs')).toBeNull();
    expect(projectOfHash('#/maps/packs/proj%20A')).toBe('proj A');
    expect(projectOfHash('#/maps/packs/%E0')).toBeNull();
  });
});
