import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addVertex, joinsWalk, moveVertex, removeVertex } from '../../../src/core/geo/vertices';

const a = { latitude: 16, longitude: 0, accuracy: 5 };
const b = { latitude: 16.001, longitude: 0 };
const c = { latitude: 16.002, longitude: 0 };

describe('vertex editing', () => {
  it('adds at the end, or at an index', () => {
    expect(addVertex([a, b], c)).toEqual([a, b, c]);
    expect(addVertex([a, c], b, 1)).toEqual([a, b, c]);
    expect(addVertex([b, c], a, -4)).toEqual([a, b, c]);
  });

  it('moves a vertex, dropping its accuracy (placed by hand), and leaves the list given unchanged', () => {
    const points = [a, b];
    expect(moveVertex(points, 0, c)).toEqual([{ latitude: 16.002, longitude: 0 }, b]);
    expect(points).toEqual([a, b]);
    expect(moveVertex(points, 5, c)).toEqual([a, b]);
  });

  it('removes a vertex', () => {
    expect(removeVertex([a, b, c], 1)).toEqual([a, c]);
    expect(removeVertex([a, b, c], 3)).toEqual([a, b, c]);
  });

  it('keeps the other vertices in order whatever is added, moved or removed', () => {
    const point = fc.record({
      latitude: fc.double({ min: -90, max: 90, noNaN: true }),
      longitude: fc.double({ min: -180, max: 180, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 10 }), point, fc.nat(12), (points, p, i) => {
        const added = addVertex(points, p, i);
        expect(added.length).toBe(points.length + 1);
        expect(removeVertex(added, Math.min(i, points.length))).toEqual(points);
        const moved = moveVertex(points, i, p);
        expect(moved.length).toBe(points.length);
        moved.forEach((m, j) => {
          if (j !== i) expect(m).toBe(points[j]);
        });
      }),
    );
  });
});

describe('joinsWalk', () => {
  it('takes the first position, then only those far enough from the last vertex', () => {
    expect(joinsWalk(undefined, a, { minDistance: 5 })).toBe(true);
    // 0.001° of latitude is about 111 m.
    expect(joinsWalk(a, b, { minDistance: 5 })).toBe(true);
    expect(joinsWalk(a, { latitude: 16.00001, longitude: 0 }, { minDistance: 5 })).toBe(false);
  });

  it('leaves out positions less accurate than maxAccuracy', () => {
    expect(joinsWalk(undefined, { ...b, accuracy: 40 }, { minDistance: 5, maxAccuracy: 20 })).toBe(false);
    expect(joinsWalk(undefined, { ...b, accuracy: 10 }, { minDistance: 5, maxAccuracy: 20 })).toBe(true);
  });
});
