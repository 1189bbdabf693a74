import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError, parseExpression } from '../../../../src/core/forms/expr';
import { fromAst, layout, print, tree } from './model';
import { evaluate } from './reference';

const ctx = { resolve: () => undefined };

describe('expressions against the XPath 1.0 reference model', () => {
  it('evaluate as the model does, whatever the spacing and redundant parentheses', () => {
    fc.assert(
      fc.property(tree, layout, (t, l) => {
        const source = print(t, l);
        expect(compileExpression(source).evaluate(ctx), source).toEqual(evaluate(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('parse back to the printed tree', () => {
    fc.assert(
      fc.property(tree, layout, (t, l) => {
        expect(fromAst(parseExpression(print(t, l)))).toEqual(t);
      }),
      { numRuns: 1000 },
    );
  });

  it('give the same value for two printings of the same tree', () => {
    fc.assert(
      fc.property(tree, layout, layout, (t, l1, l2) => {
        const a = compileExpression(print(t, l1)).evaluate(ctx);
        const b = compileExpression(print(t, l2)).evaluate(ctx);
        expect(a).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });
});

const fragments = fc.constantFrom(
  ...[
    '${a}',
    '${',
    '}',
    '(',
    ')',
    "'",
    '"',
    '.',
    '..',
    ',',
    '-',
    '+',
    '*',
    '=',
    '!=',
    '<',
    '>=',
    ' ',
    '1',
    '2.5',
  ],
  ...[
    'and',
    'or',
    'div',
    'mod',
    'if(',
    'sum(',
    'concat(',
    'selected(',
    'true()',
    'x',
    'jr:choice-name(',
    '$',
    '#',
  ],
);

function compileOrExpressionError(source: string): void {
  try {
    const compiled = compileExpression(source);
    compiled.evaluate({ resolve: () => [1, 'a', undefined], current: () => ['x', 'y'] });
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    const { offset } = error as ExpressionError;
    expect(offset >= 0 && offset <= source.length).toBe(true);
  }
}

describe('the compiler on arbitrary input', () => {
  it('throws nothing but ExpressionError, with an offset inside the source, on any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), compileOrExpressionError), { numRuns: 3000 });
  });

  it('does the same on strings made of expression fragments, and evaluation never throws', () => {
    const source = fc.array(fragments, { maxLength: 25 }).map((parts) => parts.join(''));
    fc.assert(fc.property(source, compileOrExpressionError), { numRuns: 5000 });
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(() => compileExpression('('.repeat(5000) + '1' + ')'.repeat(5000))).toThrow(ExpressionError);
    expect(() => compileExpression('-'.repeat(5000) + '1')).toThrow(ExpressionError);
    expect(() => compileExpression(Array.from({ length: 5000 }, () => '1').join(' + '))).toThrow(
      ExpressionError,
    );
  });
});
