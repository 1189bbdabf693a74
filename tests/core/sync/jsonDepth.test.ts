import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../../src/core/sync/jsonDepth';

/** Depth by recursion, for values shallow enough to recurse on. */
function depth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depth));
}

describe('nestsDeeperThan', () => {
  it('agrees with the depth of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, max) => {
        expect(nestsDeeperThan(value, max)).toBe(depth(value) > max);
      }),
      { numRuns: 1000 },
    );
  });

  it('answers for 10,000 levels without overflowing, and takes a real form’s nesting', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i += 1) deep = { a: [deep] };
    expect(nestsDeeperThan(deep)).toBe(true);
    // A geoshape in a repeat in a group of a submission's answers.
    const answers = { data: { group: { members: [{ plot: [[12.6, -8.0, 0, 0]] }] } } };
    expect(nestsDeeperThan(answers)).toBe(false);
    expect(MAX_JSON_DEPTH).toBeGreaterThanOrEqual(32);
  });
});
