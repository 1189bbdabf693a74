import { FormDefinition } from '../../../src/core/forms/definition';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  positionOf,
  projectsGeoJson,
  signedArea,
  submissionsGeoJson,
} from '../../../src/core/export/geojson';
import { submissionTables } from '../../../src/core/export/submissionTables';
import { demoProject } from './iatiFixtures';
import { householdForm, householdSubmission, sampleSubmission } from './householdForm';

describe('GeoJSON exports', () => {
  it('maps geopoints to Points and geoshapes to closed Polygons, [lon, lat]', () => {
    const collection = submissionsGeoJson(
      householdForm,
      [sampleSubmission, householdSubmission('s2', { gps: 'not a point' })],
      { lang: 'fr', codes: true },
    );
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f) => f.id)).toEqual(['s1/gps', 's1/champ']);
    expect(collection.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [-0.04, 16.27, 250] });
    const ring = collection.features[1]?.geometry.coordinates as number[][][];
    expect(collection.features[1]?.geometry.type).toBe('Polygon');
    expect(ring[0]).toHaveLength(4);
    expect(ring[0]?.[0]).toEqual(ring[0]?.[3]);
    expect(collection.features[0]?.properties).toMatchObject({
      KEY: 's1',
      'lieu-region': 'ML07',
      field: 'gps',
    });
    // Valid JSON that round-trips.
    expect(JSON.parse(JSON.stringify(collection))).toEqual(collection);
  });

  it('writes every geoshape ring closed and counterclockwise (RFC 7946), whichever way it was walked', () => {
    const shaped = FormDefinition.parse({
      ...householdForm,
      items: [{ kind: 'question', type: 'geoshape', name: 'champ' }],
      choiceLists: {},
    });
    // A convex polygon: points on a circle at increasing angles, walked forwards or backwards.
    const shape = fc.record({
      angles: fc.uniqueArray(fc.integer({ min: 0, max: 359 }), { minLength: 3, maxLength: 12 }),
      clockwise: fc.boolean(),
      closed: fc.boolean(),
    });
    fc.assert(
      fc.property(shape, ({ angles, clockwise, closed }) => {
        const sorted = [...angles].sort((a, b) => a - b);
        const walk = clockwise ? sorted.reverse() : sorted;
        const points = walk.map((deg) => {
          const rad = (deg * Math.PI) / 180;
          return `${(16 + Math.sin(rad)).toFixed(6)} ${(-3 + Math.cos(rad)).toFixed(6)} 0 0`;
        });
        const text = (closed ? [...points, points[0]] : points).join(';');
        const out = submissionsGeoJson(shaped, [householdSubmission('s', { champ: text })], {
          lang: 'fr',
          codes: true,
        });
        const ring = (out.features[0]?.geometry.coordinates as number[][][])[0] as number[][];
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        expect(ring).toHaveLength(angles.length + 1);
        expect(signedArea(ring)).toBeGreaterThan(0);
      }),
    );
  });

  it("reads ODK's text form of points and traces", () => {
    expect(positionOf('16.27 -0.04 250 5')).toEqual([-0.04, 16.27, 250]);
    expect(positionOf('100 0')).toBeNull();
    const traced = FormDefinition.parse({
      ...householdForm,
      items: [{ kind: 'question', type: 'geotrace', name: 'route' }],
      choiceLists: {},
    });
    const collection = submissionsGeoJson(
      traced,
      [householdSubmission('s3', { route: '16 -0.1 0 0;16.2 -0.2 0 0' })],
      {
        lang: 'fr',
        codes: true,
      },
    );
    expect(collection.features[0]?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [-0.1, 16, 0],
        [-0.2, 16.2, 0],
      ],
    });
  });

  it('writes geo answers inside (nested) repeats, one feature per instance, keyed as the CSV repeat rows', () => {
    const form = FormDefinition.parse({
      ...householdForm,
      items: [
        {
          kind: 'repeat',
          name: 'site',
          items: [
            { kind: 'group', name: 'lieu', items: [{ kind: 'question', type: 'geopoint', name: 'point' }] },
            {
              kind: 'repeat',
              name: 'puits',
              items: [{ kind: 'question', type: 'geopoint', name: 'puits_gps' }],
            },
          ],
        },
      ],
      choiceLists: {},
    });
    const point = (lat: number) => ({ latitude: lat, longitude: -0.04 });
    const submission = householdSubmission('s4', {
      site: [
        { point: point(16.1), puits: [{ puits_gps: point(16.2) }, { puits_gps: 'nowhere' }] },
        { puits: [{}, { puits_gps: point(16.3) }] },
      ],
    });
    const collection = submissionsGeoJson(form, [submission], { lang: 'fr', codes: true });
    expect(collection.features.map((f) => [f.id, f.properties.REPEAT_KEY, f.geometry.coordinates])).toEqual([
      ['s4/site[1]/point', 's4/site[1]', [-0.04, 16.1]],
      ['s4/site[1]/puits[1]/puits_gps', 's4/site[1]/puits[1]', [-0.04, 16.2]],
      ['s4/site[2]/puits[2]/puits_gps', 's4/site[2]/puits[2]', [-0.04, 16.3]],
    ]);
    expect(collection.features[0]?.properties).toMatchObject({ KEY: 's4', field: 'point' });
    // The same keys as the CSV export's repeat tables.
    const tables = submissionTables(form, [submission], { lang: 'fr', codes: true });
    const keys = tables.flatMap((t) => t.rows.map((r) => r[r.length - 1]));
    for (const f of collection.features) expect(keys).toContain(f.properties.REPEAT_KEY);
  });

  it('writes project locations with a point', () => {
    const collection = projectsGeoJson([demoProject], 'en');
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0]).toMatchObject({
      geometry: { type: 'Point', coordinates: [-0.04, 16.27] },
      properties: { projectId: 'p-1', title: 'Food security in Gao', adm2: 'ML0701' },
    });
  });
});
