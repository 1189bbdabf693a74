/**
 * A straightforward recursive evaluator of the model's trees, written from the XPath 1.0 specification
 * (sections 3.4 and 4), not from the implementation, to check it against.
 */
import type { Op, Tree } from './model';

export type Value = string | number | boolean;

export function number(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return /^[ \t\r\n]*-?([0-9]+(\.[0-9]*)?|\.[0-9]+)[ \t\r\n]*$/.test(v) ? parseFloat(v.trim()) : NaN;
}

export function string(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Number.isNaN(v)) return 'NaN';
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(String(v));
  if (!m) return String(v);
  const [, sign, lead, rest = '', exp] = m;
  const digits = `${lead}${rest}`;
  const e = Number(exp);
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  return `${sign}${digits.padEnd(e + 1, '0').slice(0, e + 1)}${digits.length > e + 1 ? `.${digits.slice(e + 1)}` : ''}`;
}

export function boolean(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return !(v === 0 || Number.isNaN(v));
  return v !== '';
}

function compare(op: Op, a: Value, b: Value): boolean {
  if (op === '=' || op === '!=') {
    const eq =
      typeof a === 'boolean' || typeof b === 'boolean'
        ? boolean(a) === boolean(b)
        : typeof a === 'number' || typeof b === 'number'
          ? number(a) === number(b)
          : a === b;
    return op === '=' ? eq : !eq;
  }
  const [x, y] = [number(a), number(b)];
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

export function evaluate(t: Tree): Value {
  switch (t.k) {
    case 'num':
    case 'str':
    case 'bool':
      return t.v;
    case 'neg':
      return -number(evaluate(t.a));
    case 'fn': {
      const [a, b, c] = t.args;
      if (t.name === 'if') return boolean(evaluate(a!)) ? evaluate(b!) : evaluate(c!);
      if (t.name === 'concat') return t.args.map((x) => string(evaluate(x))).join('');
      const v = evaluate(a!);
      return t.name === 'not'
        ? !boolean(v)
        : t.name === 'string'
          ? string(v)
          : t.name === 'number'
            ? number(v)
            : boolean(v);
    }
    case 'bin': {
      if (t.op === 'or') return boolean(evaluate(t.a)) || boolean(evaluate(t.b));
      if (t.op === 'and') return boolean(evaluate(t.a)) && boolean(evaluate(t.b));
      const [a, b] = [evaluate(t.a), evaluate(t.b)];
      const [x, y] = [number(a), number(b)];
      switch (t.op) {
        case '+':
          return x + y;
        case '-':
          return x - y;
        case '*':
          return x * y;
        case 'div':
          return x / y;
        case 'mod':
          return x % y;
        default:
          return compare(t.op, a, b);
      }
    }
  }
}
