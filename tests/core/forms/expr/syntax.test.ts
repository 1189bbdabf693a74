import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError } from '../../../../src/core/forms/expr';
import { run } from './run';

function errorOf(source: string): { message: string; offset: number } {
  try {
    compileExpression(source);
  } catch (error) {
    if (error instanceof ExpressionError) return { message: error.message, offset: error.offset };
    throw error;
  }
  throw new Error(`${source} compiled`);
}

describe('precedence and associativity (XPath 1.0)', () => {
  it.each([
    ['1 - 2 - 3', -4],
    ['2 * 3 mod 4', 2],
    ['-2 * 3', -6],
    ['- 2 - -3', 1],
    ['12 div 2 div 3', 2],
    ['17 mod 5 mod 3', 2],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['1 < 2 = true()', true],
    ['3 > 2 > 1', false],
    ['1 = 1 and 2 = 3 or 4 = 4', true],
    ['1 = 2 or 2 = 2 and 3 = 4', false],
    ['true() or false() and false()', true],
    ['--3', 3],
  ])('%s is %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('reads word operators only where an operator is expected', () => {
    expect(run('6 div 2')).toBe(3);
    expect(run('7mod 4')).toBe(3);
    expect(() => compileExpression('div(1)')).toThrow('Unknown function div()');
  });

  it('reads double-quoted and single-quoted strings without escapes', () => {
    expect(run(`concat("it's", ' "ok"')`)).toBe(`it's "ok"`);
  });
});

describe('compiled expressions', () => {
  it('list their references once each, in order, with jr:choice-name quoted fields', () => {
    const compiled = compileExpression("${a} + ${b} > ${a} and jr:choice-name(${c}, '${c}') != ''");
    expect(compiled.references).toEqual(['a', 'b', 'c']);
    expect(compiled.usesCurrent).toBe(false);
    expect(compiled.source).toContain('${a}');
  });

  it('know when they read the current value', () => {
    expect(compileExpression('. > 3').usesCurrent).toBe(true);
    expect(compileExpression('once(uuid())').usesCurrent).toBe(true);
    expect(compileExpression('string-length() < 5').usesCurrent).toBe(true);
    expect(compileExpression('string-length(${x}) < 5').usesCurrent).toBe(false);
  });

  it('accept position(..) and position() for the repeat index', () => {
    expect(run('position(..) * 10', {}, { position: () => 3 })).toBe(30);
    expect(run('position()')).toBe(1);
  });
});

describe('syntax errors carry a message and the offset of the culprit', () => {
  it.each([
    ['1 + foo(2)', 'Unknown function foo(): ODK forms do not know it either', 4],
    ['if(${a}, 1)', 'if() takes 3 arguments, not 2', 0],
    ['1 + today(1)', 'today() takes 0 arguments, not 1', 4],
    ['concat()', 'concat() takes at least 1 argument, not 0', 0],
    ['round(1, 2, 3)', 'round() takes 1 to 2 arguments, not 3', 0],
    ['(1 + (2 * 3)', "Unbalanced parentheses: the '(' at 0 is never closed", 0],
    ['sum(${x}', "Unbalanced parentheses: the '(' at 3 is never closed", 3],
    ['1 + 2) * 3', "Unbalanced parentheses: unexpected ')'", 5],
    ['${a} # 2', "Unexpected character '#'", 5],
    ['${a} ! 2', "Unexpected '!': use != or not(…)", 5],
    ["concat('a", 'Unterminated string: add the closing quote', 7],
    ['${a', "Unterminated field reference: add the closing '}'", 0],
    ['$a', "Unexpected '$': field references are ${name}", 0],
    ['${1a}', 'Not a valid field name: ${1a}', 0],
    ['age[1 > 3', "Unclosed '[': add the closing ']'", 3],
    ['1 2', "Unexpected '2': an operator is missing", 2],
    ['1 +', 'Expected a value but found end of expression', 3],
    ['   ', 'Empty expression', 3],
    ['max(1,)', "Expected a value but found ')'", 6],
    ['sum(${x} ${y})', "Expected ')' or ',' but found ${y}", 9],
    ['${a}/+', "Expected a name, '.' or '..' after '/' but found '+'", 5],
    ['../[1]', "Expected a name, '.' or '..' after '/' but found '['", 3],
    ['../ + 1', "Expected a name, '.' or '..' after '/' but found '+'", 4],
    ['position(2)', "position() takes no argument or '..'", 9],
  ])('%s', (source, message, offset) => {
    expect(errorOf(source)).toEqual({ message, offset });
  });
});
