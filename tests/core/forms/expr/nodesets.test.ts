import { describe, expect, it } from 'vitest';
import { compileExpression, nodeSet } from '../../../../src/core/forms/expr';
import { run, text } from './run';

/** As the engine resolves a field inside a repeat from outside it: one value per instance. */
const answers = {
  ages: [34, 8, 61],
  names: ['Awa', 'Ali', 'Binta'],
  incomes: [1000, undefined, 2500],
  crops: [['millet', 'sorghum'], ['rice']],
  none: [],
  single: 5,
};

describe('node-set functions over repeat values', () => {
  it('sum and count', () => {
    expect(run('sum(${ages})', answers)).toBe(103);
    expect(run('count(${ages})', answers)).toBe(3);
    expect(run('count(${names})', answers)).toBe(3);
    expect(run('sum(${none})', answers)).toBe(0);
    expect(run('count(${none})', answers)).toBe(0);
    expect(run('sum(${single})', answers)).toBe(5);
    expect(run('count(${single})', answers)).toBe(1);
  });

  it('an unanswered instance makes sum NaN, as in ODK; count-non-empty skips it', () => {
    expect(run('sum(${incomes})', answers)).toBeNaN();
    expect(run('count(${incomes})', answers)).toBe(3);
    expect(run('count-non-empty(${incomes})', answers)).toBe(2);
    expect(run('count-non-empty(${none})', answers)).toBe(0);
  });

  it('max and min over node-sets and plain arguments', () => {
    expect(run('max(${ages})', answers)).toBe(61);
    expect(run('min(${ages})', answers)).toBe(8);
    expect(run('max(${ages}, 70, ${single})', answers)).toBe(70);
    expect(run('min(3, 1, 2)')).toBe(1);
    expect(run('max(${none})', answers)).toBeNaN();
    expect(run('max(${incomes})', answers)).toBeNaN();
  });

  it('join writes every member with a separator', () => {
    expect(text("join(', ', ${names})", answers)).toBe('Awa, Ali, Binta');
    expect(text("join(' ', ${ages}, ${single})", answers)).toBe('34 8 61 5');
    expect(text("join('; ', ${crops})", answers)).toBe('millet sorghum; rice');
    expect(text("join(',', ${none})", answers)).toBe('');
  });

  it('aggregates accept computed node-sets and explicit nodeSet() values', () => {
    expect(run('sum(${n})', { n: nodeSet([1, '2', ' 3 ']) })).toBe(6);
    expect(run('count(1 + 1)')).toBe(1);
    expect(run('sum(if(true(), ${ages}, 0))', answers)).toBe(103);
  });

  it('outside aggregates a number array is a node-set (first member), a string array a select_multiple', () => {
    expect(run('${ages} + 1', answers)).toBe(35);
    expect(run('${ages} > 60', answers)).toBe(true);
    expect(text('${names}', answers)).toBe('Awa Ali Binta');
  });

  it('references of aggregates are ordinary references', () => {
    expect(
      compileExpression("sum(${a}) + count(${b}) + max(${a}, ${c}) + join(' ', ${d})").references,
    ).toEqual(['a', 'b', 'c', 'd']);
  });
});
