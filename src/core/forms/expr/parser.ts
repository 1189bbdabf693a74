import type { BinaryOp, Node } from './ast';
import { ExpressionError } from './ExpressionError';
import { tokenize, type Token } from './lexer';

/** Parentheses, calls and unary minus nested deeper than this are refused rather than overflowing the stack. */
const MAX_DEPTH = 200;

/** Paths are location paths (name, `.`, `..` steps) and the secondary-instance lookup (SHAPE). */
const PATHS_REFUSED = "Unexpected '/', '[' or ']': a path starts with a name, '.', '..', '/' or current()";
const SHAPE = "write instance('list')/root/item[condition]/column";
/**
 * Binary operators by XPath 1.0 precedence, loosest first; all are left-associative. Word operators (and,
 * or, div, mod) arrive from the lexer as names: XPath treats a name as an operator where one is expected.
 */
const LEVELS: readonly (readonly BinaryOp[])[] = [
  ['or'],
  ['and'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];

function describe(token: Token): string {
  if (token.kind === 'end') return 'end of expression';
  if (token.kind === 'string') return `'${token.text}'`;
  if (token.kind === 'ref') return `\${${token.text}}`;
  return `'${token.text}'`;
}

class Parser {
  private index = 0;
  private depth = 0;
  private predicates = 0; // inside `[…]`, bare names are the item's columns

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    // The token list always ends with 'end', and the parser never reads past it.
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private enter(at: number): void {
    if (++this.depth > MAX_DEPTH) throw new ExpressionError('Expression nested too deeply', at);
  }

  parseAll(): Node {
    const first = this.peek();
    if (first.kind === 'end') throw new ExpressionError('Empty expression', first.at);
    const node = this.binary(0);
    const rest = this.peek();
    if (rest.kind === ')') throw new ExpressionError("Unbalanced parentheses: unexpected ')'", rest.at);
    refusePath(rest);
    if (rest.kind !== 'end') {
      throw new ExpressionError(`Unexpected ${describe(rest)}: an operator is missing`, rest.at);
    }
    return node;
  }

  private operatorAt(level: number): BinaryOp | undefined {
    const token = this.peek();
    if (token.kind !== 'op' && token.kind !== 'name') return undefined;
    const ops = LEVELS[level];
    return ops?.find((op) => op === token.text);
  }

  private binary(level: number): Node {
    if (level >= LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (let op = this.operatorAt(level); op; op = this.operatorAt(level)) {
      const token = this.next();
      const right = this.binary(level + 1);
      left = { type: 'binary', op, left, right, at: token.at };
    }
    return left;
  }

  private unary(): Node {
    const token = this.peek();
    if (token.kind === 'op' && token.text === '-') {
      this.next();
      this.enter(token.at);
      const operand = this.unary();
      this.depth--;
      return { type: 'negate', operand, at: token.at };
    }
    return this.primary();
  }

  private primary(): Node {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { type: 'number', value: Number(token.text), at: token.at };
      case 'string':
        return { type: 'string', value: token.text, at: token.at };
      case 'ref':
        // `${t}[1]/r/s`, `${g}/x`: pyxform writes ${t} as the field's absolute path, so a path may go on.
        if (this.peek().kind === '[' || this.peek().kind === '/')
          return this.path(false, [token.text], token.at, true);
        return { type: 'ref', name: token.text, at: token.at };
      case 'lastSaved':
        return { type: 'lastSaved', name: token.text, at: token.at };
      case '.':
      case '..':
        if (this.peek().kind === '/') return this.path(false, [token.text], token.at);
        return token.kind === '.' ? { type: 'current', at: token.at } : { type: 'parent', at: token.at };
      case '/':
        // An absolute path: its first step is the root element (`data`), whatever its name.
        if (this.peek().kind === 'name') this.next();
        return this.path(true, [], token.at);
      case '(': {
        this.enter(token.at);
        const inner = this.binary(0);
        this.depth--;
        this.close(token);
        return inner;
      }
      case 'name': {
        if (this.peek().kind !== '(') {
          // Inside `[…]` a bare name is the item's column; elsewhere it is a path (ODK: a child of `.`).
          if (this.predicates > 0 && this.peek().kind !== '/')
            return { type: 'column', name: token.text, at: token.at };
          return this.path(false, [token.text], token.at);
        }
        if (token.text === 'instance') return this.instancePath(this.call(token));
        const call = this.call(token);
        // current()/../x: a path from the question the expression belongs to (also inside predicates).
        if (token.text === 'current' && this.peek().kind === '/') return this.path(false, ['.'], token.at);
        return call;
      }
      default:
        refusePath(token);
        throw new ExpressionError(`Expected a value but found ${describe(token)}`, token.at);
    }
  }

  /**
   * The rest of a location path: `/step` while there are any, a step being a name, `.` or `..`; a name
   * step (the path's first step too) may carry a position, `[expr]`.
   */
  private path(absolute: boolean, steps: string[], at: number, fromRef = false): Node {
    const positions: (Node | undefined)[] = [];
    for (;;) {
      if (this.peek().kind === '[') {
        // XPath has no predicate on `.` or `..`.
        if (/^\.\.?$/.test(steps.at(-1) ?? '.')) throw new ExpressionError(PATHS_REFUSED, this.peek().at);
        positions[steps.length - 1] = this.bracket(0);
      }
      if (this.peek().kind !== '/') break;
      this.next();
      const step = this.next();
      const isName = step.kind === 'name' && this.peek().kind !== '(';
      if (!isName && step.kind !== '.' && step.kind !== '..')
        throw new ExpressionError(
          `Expected a name, '.' or '..' after '/' but found ${describe(step)}`,
          step.at,
        );
      steps.push(step.text);
    }
    return {
      type: 'path',
      absolute,
      steps,
      fromRef: fromRef || undefined,
      positions: positions.length ? positions : undefined,
      at,
    };
  }

  /**
   * `[expr]`. `columns` > 0 inside an instance's predicate, where bare names are the item's columns; 0 after
   * a path step, where they are read as the form reads them.
   */
  private bracket(columns: number): Node {
    const open = this.next();
    const outer = this.predicates;
    this.predicates = columns;
    this.enter(open.at);
    const inner = this.binary(0);
    this.depth--;
    this.predicates = outer;
    if (this.next().kind !== ']') throw new ExpressionError("Unclosed '[': add the closing ']'", open.at);
    return inner;
  }

  private call(name: Token): Node {
    const open = this.next();
    this.enter(open.at);
    const args: Node[] = [];
    if (this.peek().kind !== ')') {
      args.push(this.binary(0));
      while (this.peek().kind === ',') {
        this.next();
        args.push(this.binary(0));
      }
    }
    this.depth--;
    this.close(open);
    return { type: 'call', name: name.text, args, at: name.at };
  }

  /**
   * `instance('list')/root/item[predicate]/column`, the shape pyxform writes for choice lists used as
   * secondary instances (jr:itext(…/itextId) shows a choice's label). Other paths are refused.
   */
  private instancePath(call: Node): Node {
    const arg = call.type === 'call' && call.args.length === 1 ? call.args[0] : undefined;
    const fail = (what: string, at: number) => new ExpressionError(`${what}: ${SHAPE}`, at);
    if (arg?.type !== 'string') throw fail('instance() takes a choice list name in quotes', call.at);
    for (const step of ['root', 'item']) {
      const [slash, name] = [this.next(), this.next()];
      if (slash.kind !== '/' || name.text !== step) throw fail(`Expected /${step}`, slash.at);
    }
    const predicate = this.peek().kind === '[' ? this.bracket(this.predicates + 1) : undefined;
    let field: string | undefined;
    if (this.peek().kind === '/') {
      const column = this.next() && this.next();
      if (column.kind !== 'name') throw fail('Expected a column name', column.at);
      field = column.text;
    }
    return { type: 'instance', list: arg.value, predicate, field, at: call.at };
  }

  private close(open: Token): void {
    const token = this.peek();
    if (token.kind === ')') {
      this.next();
      return;
    }
    refusePath(token);
    if (token.kind === 'end') {
      throw new ExpressionError(`Unbalanced parentheses: the '(' at ${open.at} is never closed`, open.at);
    }
    throw new ExpressionError(`Expected ')' or ',' but found ${describe(token)}`, token.at);
  }
}

function refusePath(token: Token): void {
  if (token.kind === '/' || token.kind === '[' || token.kind === ']')
    throw new ExpressionError(PATHS_REFUSED, token.at);
}

/** Source text → syntax tree. Throws ExpressionError; function names and arities are checked by compile. */
export function parseExpression(source: string): Node {
  return new Parser(tokenize(source)).parseAll();
}
