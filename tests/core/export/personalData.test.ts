import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/core/export/csv';
import { projectsGeoJson, submissionsGeoJson } from '../../../src/core/export/geojson';
import { personalFieldNames, submissionTables } from '../../../src/core/export/submissionTables';
import { FormDefinition, type FormItem } from '../../../src/core/forms/definition';
import { Project } from '../../../src/core/records/project';
import { householdForm, householdSubmission, sampleSubmission } from './householdForm';

/** The household form with the village, the GPS point and each member's name marked personal. */
const PERSONAL = new Set(['village', 'gps', 'nom']);
const mark = (items: readonly FormItem[]): FormItem[] =>
  items.map((item) =>
    item.kind === 'question'
      ? PERSONAL.has(item.name)
        ? { ...item, personal: true }
        : item
      : { ...item, items: mark(item.items) },
  );
const flagged = FormDefinition.parse({ ...householdForm, items: mark(householdForm.items) });
const options = { lang: 'fr' as const, codes: true };

const allCells = (form: FormDefinition, data: Record<string, unknown>, opts: object) =>
  submissionTables(form, [householdSubmission('s1', data)], { ...options, ...opts })
    .map((t) => toCsv(t, true))
    .join('\n');

describe('personal data in the submission tables', () => {
  it('leaves the personal columns out by default, in every table, and names them', () => {
    const [main, members] = submissionTables(flagged, [sampleSubmission], options);
    expect(main?.header).not.toContain('lieu-village');
    expect(main?.header.some((h) => h.startsWith('gps-'))).toBe(false);
    expect(members?.header).toEqual(['id-age', 'SET-OF-vaccin', 'PARENT_KEY', 'KEY']);
    expect(main?.hxl).toHaveLength(main?.header.length ?? -1);
    expect(personalFieldNames(flagged)).toEqual(['village', 'gps', 'nom']);
  });

  it('keeps them when asked, exactly as a form without flags', () => {
    const asked = submissionTables(flagged, [sampleSubmission], { ...options, includePersonal: true });
    expect(asked).toEqual(submissionTables(householdForm, [sampleSubmission], options));
  });

  it('never lets a personal answer reach a cell, whatever it holds', () => {
    const marker = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `«${s}»`);
    fc.assert(
      fc.property(marker, marker, fc.double({ min: -90, max: 90, noNaN: true }), (village, nom, lat) => {
        const data = {
          village,
          gps: { latitude: lat, longitude: 1.5 },
          membre: [{ nom, age: 3 }],
          region: 'ML07',
        };
        const text = allCells(flagged, data, {});
        expect(text).not.toContain('«');
        expect(allCells(flagged, data, { includePersonal: true })).toContain(village.replace(/"/g, '""'));
      }),
    );
  });
});

describe('personal data in GeoJSON', () => {
  it('gives no feature for a personal geo question and no personal property', () => {
    const { features } = submissionsGeoJson(flagged, [sampleSubmission], options);
    expect(features.map((f) => f.properties.field)).toEqual(['champ']);
    expect(Object.keys(features[0]?.properties ?? {})).not.toContain('lieu-village');
    const asked = submissionsGeoJson(flagged, [sampleSubmission], { ...options, includePersonal: true });
    expect(asked.features.map((f) => f.properties.field)).toEqual(['gps', 'champ']);
  });
});

/** The decimals a number is written with. */
const decimals = (n: number) => (String(n).split('.')[1] ?? '').length;

describe('coarsened coordinates (geoPrecision)', () => {
  const coordinate = fc.double({ min: -179.999999999, max: 179.999999999, noNaN: true });

  it('rounds every latitude and longitude of every format to N decimals, nothing else', () => {
    fc.assert(
      fc.property(coordinate, coordinate, fc.integer({ min: 0, max: 8 }), (a, b, precision) => {
        const lat = a / 2;
        const data = {
          gps: { latitude: lat, longitude: b, altitude: 251.123456, accuracy: 4.5 },
          champ: [
            { latitude: lat, longitude: b },
            { latitude: lat + 0.5, longitude: b },
            { latitude: lat, longitude: b + 0.5 },
          ],
        };
        const s = householdSubmission('s1', data);
        const opts = { ...options, geoPrecision: precision };
        const [main] = submissionTables(householdForm, [s], opts);
        const cell = (h: string) => main?.rows[0]?.[main.header.indexOf(h)] ?? '';
        const tolerance = 0.5 * 10 ** -precision + 1e-9;
        expect(Math.abs(Number(cell('gps-Latitude')) - lat)).toBeLessThanOrEqual(tolerance);
        expect(decimals(Number(cell('gps-Longitude')))).toBeLessThanOrEqual(precision);
        expect(cell('gps-Altitude')).toBe('251.123456');
        for (const point of cell('champ').split(';'))
          for (const n of point.split(' ')) expect(decimals(Number(n))).toBeLessThanOrEqual(precision);
        const { features } = submissionsGeoJson(householdForm, [s], opts);
        for (const f of features) {
          const g = f.geometry;
          const positions =
            g.type === 'Point'
              ? [g.coordinates]
              : g.type === 'LineString'
                ? g.coordinates
                : g.coordinates.flat();
          for (const [lon = 0, lat = 0] of positions)
            expect(Math.max(decimals(lon), decimals(lat))).toBeLessThanOrEqual(precision);
          // The same number, typed in GeoJSON.
          expect(f.properties['gps-Latitude']).toBe(Number(cell('gps-Latitude')));
        }
      }),
    );
  });

  it('keeps full precision when not asked, and rounds projects’ points too', () => {
    const [main] = submissionTables(householdForm, [sampleSubmission], options);
    expect(main?.rows[0]?.[main.header.indexOf('gps-Latitude')]).toBe('16.27');
    const project = Project.parse({
      id: 'p',
      code: 'P',
      title: { fr: 'P' },
      organisationId: null,
      status: 'active',
      locations: [
        { name: 'Gao', adm1: 'ML07', adm2: null, adm3: null, point: { lat: 16.2717, lon: -0.0447 } },
      ],
    });
    expect(projectsGeoJson([project], 'fr', 1).features[0]?.geometry.coordinates).toEqual([0, 16.3]);
    expect(projectsGeoJson([project], 'fr').features[0]?.geometry.coordinates).toEqual([-0.0447, 16.2717]);
  });
});
