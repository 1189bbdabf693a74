import { describe, expect, it } from 'vitest';
import { organisationLabel } from '../../../src/app/components/organisationLabel';
import { locationText, regionName } from '../../../src/app/i18n/regionNames';
import { sectorName } from '../../../src/app/i18n/sectorLabels';
import { SAMPLE_ORGANISATIONS, SAMPLE_PROJECTS } from '../../../src/server/seed/sampleCoordination';

const projects = SAMPLE_PROJECTS.map((s) => s.project);

describe('names shown instead of codes', () => {
  it('names every DAC sector and region the demo uses, in French and English', () => {
    for (const code of projects.flatMap((p) => p.sectors ?? []).map((s) => s.code)) {
      for (const lang of ['fr', 'en'] as const)
        expect(sectorName(code, lang)).toMatch(new RegExp(`^${code} — \\S`));
    }
    expect(sectorName('72040', 'fr')).toBe('72040 — Aide alimentaire d’urgence');
    expect(sectorName('72040', 'en')).toBe('72040 — Emergency food assistance');
    for (const l of projects.flatMap((p) => p.locations ?? [])) {
      expect(regionName(l.adm1!, 'fr')).not.toBe(l.adm1);
    }
    expect(regionName('ML06', 'fr')).toBe('Tombouctou');
    expect(regionName('ML06', 'en')).toBe('Timbuktu');
  });

  it('shows a code it cannot name as the code', () => {
    expect(sectorName('99999', 'fr')).toBe('99999');
    // Not confirmed (Bamako in older OCHA lists, Ménaka in ISO's numbering): never guessed.
    expect(regionName('ML09', 'en')).toBe('ML09');
    expect(regionName('BF46', 'fr')).toBe('BF46');
  });

  it('lists a place with its region when that says more, and its codes', () => {
    const place = { adm2: 'ML0601', adm3: null, point: null };
    expect(locationText({ name: 'Tombouctou', adm1: 'ML06', ...place }, 'fr')).toBe(
      'Tombouctou (ML06 / ML0601)',
    );
    expect(locationText({ name: 'Kabara', adm1: 'ML06', ...place }, 'en')).toBe(
      'Kabara — Timbuktu (ML06 / ML0601)',
    );
    expect(locationText({ name: 'Camp', adm1: null, adm2: null, adm3: null, point: null }, 'fr')).toBe(
      'Camp',
    );
  });

  it('names an organisation with its acronym', () => {
    const acf = SAMPLE_ORGANISATIONS.find((o) => o.id === 'acf');
    expect(organisationLabel(acf, 'acf')).toBe('Action contre la Faim (ACF)');
    expect(organisationLabel({ ...acf!, acronym: '' }, 'acf')).toBe('Action contre la Faim');
    expect(organisationLabel(undefined, 'gone')).toBe('gone');
    expect(organisationLabel({ ...acf!, name: 'Action contre la Faim (ACF)' }, 'acf')).toBe(
      'Action contre la Faim (ACF)',
    );
  });
});
