import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  areaMeasure,
  circleRing,
  lengthMeasure,
  lineLength,
  shapeArea,
  shapePerimeter,
  type LatLng,
} from '../../../src/core/geo/measure';

const at = (latitude: number, longitude: number): LatLng => ({ latitude, longitude });
/** Metres in one degree of latitude on ODK's sphere (radius 6 378 100 m). */
const DEGREE = (2 * Math.PI * 6_378_100) / 360;

describe('lineLength', () => {
  it('is 0 for no point or one point', () => {
    expect(lineLength([])).toBe(0);
    expect(lineLength([at(16.27, -0.04)])).toBe(0);
  });

  it('measures a degree of latitude along a meridian', () => {
    expect(lineLength([at(16, -0.04), at(17, -0.04)])).toBeCloseTo(DEGREE, 3);
  });

  it('adds the segments', () => {
    const line = [at(16, 0), at(16.001, 0), at(16.002, 0)];
    expect(lineLength(line)).toBeCloseTo(0.002 * DEGREE, 3);
  });

  const point = fc.record({
    latitude: fc.double({ min: -80, max: 80, noNaN: true }),
    longitude: fc.double({ min: -179, max: 179, noNaN: true }),
  });

  it('is the same walked backwards, never negative, and grows with each vertex', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 8 }), point, (line, next) => {
        const length = lineLength(line);
        expect(length).toBeGreaterThanOrEqual(0);
        expect(lineLength([...line].reverse())).toBeCloseTo(length, 3);
        expect(lineLength([...line, next])).toBeGreaterThanOrEqual(length - 1e-6);
      }),
    );
  });
});

describe('shapeArea and shapePerimeter', () => {
  // A square of 0.001° (about 111 m by 106 m at 16° N).
  const square = [at(16, 0), at(16, 0.001), at(16.001, 0.001), at(16.001, 0)];

  it('is 0 under three points', () => {
    expect(shapeArea([])).toBe(0);
    expect(shapeArea(square.slice(0, 2))).toBe(0);
  });

  it('measures a small square, whichever way it is walked and whether or not it is closed', () => {
    const expected = 0.001 * DEGREE * (0.001 * DEGREE * Math.cos((16.0005 * Math.PI) / 180));
    expect(shapeArea(square) / expected).toBeCloseTo(1, 3);
    expect(shapeArea([...square].reverse())).toBeCloseTo(shapeArea(square), 6);
    expect(shapeArea([...square, square[0] as LatLng])).toBeCloseTo(shapeArea(square), 6);
  });

  it('closes the perimeter back to the first point', () => {
    const side = 0.001 * DEGREE;
    expect(shapePerimeter(square) / (2 * side + 2 * side * Math.cos((16 * Math.PI) / 180))).toBeCloseTo(1, 2);
    expect(shapePerimeter([...square, square[0] as LatLng])).toBeCloseTo(shapePerimeter(square), 6);
  });

  it('gives the same area from any starting vertex', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), (start) => {
        const rotated = [...square.slice(start), ...square.slice(0, start)];
        expect(shapeArea(rotated)).toBeCloseTo(shapeArea(square), 3);
      }),
    );
  });
});

describe('lengthMeasure and areaMeasure', () => {
  it('shows metres up to a kilometre, then kilometres with two decimals', () => {
    expect(lengthMeasure(0)).toEqual({ value: 0, unit: 'm' });
    expect(lengthMeasure(999.4)).toEqual({ value: 999, unit: 'm' });
    expect(lengthMeasure(1000)).toEqual({ value: 1, unit: 'km' });
    expect(lengthMeasure(12_345)).toEqual({ value: 12.35, unit: 'km' });
  });

  it('shows square metres up to a hectare, then hectares with two decimals', () => {
    expect(areaMeasure(9_999.4)).toEqual({ value: 9_999, unit: 'm²' });
    expect(areaMeasure(10_000)).toEqual({ value: 1, unit: 'ha' });
    expect(areaMeasure(123_456)).toEqual({ value: 12.35, unit: 'ha' });
  });
});

describe('circleRing', () => {
  it('is a closed ring whose every position is `radius` metres from the centre', () => {
    const center = at(16.27, -0.04);
    const ring = circleRing(center, 25, 16);
    expect(ring).toHaveLength(17);
    expect(ring[16]).toEqual(ring[0]);
    for (const [longitude, latitude] of ring)
      expect(lineLength([center, at(latitude, longitude)])).toBeCloseTo(25, 0);
  });
});
