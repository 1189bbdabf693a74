import { describe, expect, it } from 'vitest';
import { parseBoundaries, simplifyGeometry } from '../../../src/core/public/boundaries';
import { publicAreas } from '../../../src/core/public/publicAreas';

const ring = (n: number) => {
  // A circle of n points, closed, with noise far below the tolerance.
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    points.push([Math.cos(a) + 0.000012345, Math.sin(a) + 16.000054321]);
  }
  points.push(points[0]!);
  return points;
};

describe('administrative boundaries', () => {
  it('rounds to 4 decimals and simplifies, keeping rings closed', () => {
    const simplified = simplifyGeometry({ type: 'Polygon', coordinates: [ring(2000)] }, 0.001);
    const out = simplified.coordinates[0] as [number, number][];
    expect(out.length).toBeLessThan(200);
    expect(out.length).toBeGreaterThanOrEqual(4);
    expect(out[0]).toEqual(out[out.length - 1]);
    for (const [x, y] of out) {
      expect(Math.round(x * 1e4) / 1e4).toBe(x);
      expect(Math.round(y * 1e4) / 1e4).toBe(y);
    }
  });

  it('finds OCHA adm2 properties and merges features sharing a P-code', () => {
    const feature = (code: string, name: string) => ({
      type: 'Feature',
      properties: { ADM2_PCODE: code, ADM2_FR: name, ADM1_PCODE: 'ML07' },
      geometry: { type: 'Polygon', coordinates: [ring(8)] },
    });
    const parsed = parseBoundaries(
      {
        type: 'FeatureCollection',
        features: [feature('ML0701', 'Gao'), feature('ML0701', 'Gao'), feature('ML0702', 'Ansongo')],
      },
      { level: 'adm2' },
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.pcodeProperty).toBe('ADM2_PCODE');
    expect(parsed.areas.map((a) => [a.pcode, a.geometry.type])).toEqual([
      ['ML0701', 'MultiPolygon'],
      ['ML0702', 'Polygon'],
    ]);
  });

  it('refuses what is not a FeatureCollection', () => {
    expect(parseBoundaries({ type: 'Feature' }, { level: 'adm1' })).toMatchObject({
      ok: false,
      problems: [{ feature: null }],
    });
  });

  it('counts a project once per area and leaves areas of no project at 0', () => {
    const areas = [
      { pcode: 'ML01', name: 'Kayes', geometry: { type: 'Polygon' as const, coordinates: [ring(4)] } },
      { pcode: 'ML07', name: 'Gao', geometry: { type: 'Polygon' as const, coordinates: [ring(4)] } },
    ];
    const loc = (adm1: string | null) => ({ name: 'x', adm1, adm2: null, adm3: null, point: null });
    const result = publicAreas(
      [{ level: 'adm1', uploadedAt: '2026-12-06T00:00:00.000Z', areas }],
      [
        { locations: [loc('ML07'), loc('ML07')], budgetTotals: { XOF: 10 } },
        { locations: [loc('ML07'), loc(null)], budgetTotals: { XOF: 5, USD: 2 } },
      ],
    );
    expect(result.levels[0]!.areas.map((a) => [a.pcode, a.projects, a.budget])).toEqual([
      ['ML01', 0, {}],
      ['ML07', 2, { XOF: 15, USD: 2 }],
    ]);
  });
});
