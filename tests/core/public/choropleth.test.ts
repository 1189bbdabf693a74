import { describe, expect, it } from 'vitest';
import { choroplethClasses, classOf } from '../../../src/core/public/choropleth';

describe('choropleth classes', () => {
  it('puts areas with no project apart and the others in classes of equal width', () => {
    expect(choroplethClasses([0, 0])).toEqual([{ from: 0, to: 0 }]);
    expect(choroplethClasses([0, 1, 3])).toEqual([
      { from: 0, to: 0 },
      { from: 1, to: 1 },
      { from: 2, to: 2 },
      { from: 3, to: 3 },
    ]);
    const budget = choroplethClasses([0, 1_000_000, 250_000]);
    expect(budget).toEqual([
      { from: 0, to: 0 },
      { from: 1, to: 250_000 },
      { from: 250_001, to: 500_000 },
      { from: 500_001, to: 750_000 },
      { from: 750_001, to: 1_000_000 },
    ]);
    expect(classOf(budget, 0)).toBe(0);
    expect(classOf(budget, 250_000)).toBe(1);
    expect(classOf(budget, 1_000_000)).toBe(4);
  });
});
