/**
 * Random expression trees for property tests, their printer (random spacing and redundant parentheses) and
 * the way back from the parser's tree. The reference evaluator is in reference.ts.
 */
import fc from 'fast-check';
import type { Node } from '../../../../src/core/forms/expr';

export type Op = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';
export type Tree =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'neg'; a: Tree }
  | { k: 'bin'; op: Op; a: Tree; b: Tree }
  | { k: 'fn'; name: 'not' | 'string' | 'number' | 'boolean' | 'concat' | 'if'; args: Tree[] };

const OPS: Op[] = ['or', 'and', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', 'div', 'mod'];
const LEVEL: Record<Op, number> = {
  or: 0,
  and: 1,
  '=': 2,
  '!=': 2,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  div: 5,
  mod: 5,
};
const STRINGS = [
  '',
  '0',
  '1',
  '2.5',
  ' 3 ',
  '-4',
  '.5',
  '5.',
  'abc',
  'true',
  'NaN',
  'x y',
  '1e3',
  '+1',
  '-',
  '\t7\n',
];

const literal: fc.Arbitrary<Tree> = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map((v): Tree => ({ k: 'num', v })),
  fc.integer({ min: 0, max: 4000 }).map((v): Tree => ({ k: 'num', v: v / 8 })),
  fc.constantFrom(...STRINGS).map((v): Tree => ({ k: 'str', v })),
  fc
    .string({ maxLength: 5 })
    .filter((v) => !(v.includes("'") && v.includes('"')))
    .map((v): Tree => ({ k: 'str', v })),
  fc.boolean().map((v): Tree => ({ k: 'bool', v })),
);

export const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    tie('t').map((a): Tree => ({ k: 'neg', a })),
    fc
      .record({ op: fc.constantFrom(...OPS), a: tie('t'), b: tie('t') })
      .map((r): Tree => ({ k: 'bin', ...r })),
    fc
      .constantFrom('not' as const, 'string' as const, 'number' as const, 'boolean' as const)
      .chain((name) => tie('t').map((a): Tree => ({ k: 'fn', name, args: [a] }))),
    fc
      .array(tie('t'), { minLength: 1, maxLength: 3 })
      .map((args): Tree => ({ k: 'fn', name: 'concat', args })),
    fc.tuple(tie('t'), tie('t'), tie('t')).map((args): Tree => ({ k: 'fn', name: 'if', args })),
  ),
})).t;

/** Whitespace and redundant-parenthesis choices, consumed in turn by the printer. */
export const layout = fc.record({
  spaces: fc.array(fc.constantFrom('', '', ' ', '  ', '\t', '\n'), { minLength: 1, maxLength: 40 }),
  parens: fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
});
export type Layout = { spaces: string[]; parens: boolean[] };

export function print(t: Tree, { spaces, parens }: Layout): string {
  let s = 0;
  let p = 0;
  const sp = (): string => spaces[s++ % spaces.length] ?? '';
  const wrap = (text: string, needed: boolean): string =>
    needed || parens[p++ % parens.length] === true ? `(${sp()}${text}${sp()})` : text;
  const go = (node: Tree): string => {
    switch (node.k) {
      case 'num':
        return String(node.v);
      case 'str':
        return node.v.includes("'") ? `"${node.v}"` : `'${node.v}'`;
      case 'bool':
        return `${node.v}(${sp()})`;
      case 'neg':
        return `-${sp()}${wrap(go(node.a), node.a.k === 'bin')}`;
      case 'fn':
        return `${node.name}(${node.args.map((a) => sp() + go(a) + sp()).join(',')})`;
      case 'bin': {
        const level = LEVEL[node.op];
        const left = wrap(go(node.a), node.a.k === 'bin' && LEVEL[node.a.op] < level);
        const right = wrap(go(node.b), node.b.k === 'bin' && LEVEL[node.b.op] <= level);
        // Word operators need a space on each side; symbols may touch their operands.
        const pad = /^[a-z]/.test(node.op) ? (): string => ` ${sp()}` : sp;
        return `${left}${pad()}${node.op}${pad()}${right}`;
      }
    }
  };
  return go(t);
}

/** The parser's tree in the model's shape, to check that parse(print(t)) is t. */
export function fromAst(node: Node): Tree {
  switch (node.type) {
    case 'number':
      return { k: 'num', v: node.value };
    case 'string':
      return { k: 'str', v: node.value };
    case 'negate':
      return { k: 'neg', a: fromAst(node.operand) };
    case 'binary':
      return { k: 'bin', op: node.op, a: fromAst(node.left), b: fromAst(node.right) };
    case 'call':
      if ((node.name === 'true' || node.name === 'false') && node.args.length === 0) {
        return { k: 'bool', v: node.name === 'true' };
      }
      return { k: 'fn', name: node.name as 'not', args: node.args.map(fromAst) };
    default:
      throw new Error(`Not in the model: ${node.type}`);
  }
}
