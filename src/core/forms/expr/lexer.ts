import { ExpressionError } from './ExpressionError';

export type TokenKind =
  | 'number'
  | 'string'
  | 'ref'
  | 'lastSaved'
  | 'name'
  | 'op'
  | '('
  | ')'
  | ','
  | '.'
  | '..'
  | '/'
  | '['
  | ']'
  | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The literal's value for strings, the field name for refs, the name or operator text otherwise. */
  readonly text: string;
  readonly at: number;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || isDigit(c) || c === '-' || c === '.';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** A field name as XLSForm's `name` column allows it (see FieldName in ../definition.ts). */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const LAST_SAVED = 'last-saved#';

/**
 * Splits an expression into tokens. Names follow XPath's NCName (letters, digits, `_ - .`) with an optional
 * `prefix:`; whether `and`, `or`, `div`, `mod` are operators is the parser's call (XPath's rule: they are
 * operators where an operator is expected), so `a-1` is one name, as in XPath.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charAt(i);
    const start = i;
    if (isSpace(c)) {
      i++;
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1]))) {
      while (isDigit(source[i])) i++;
      if (source[i] === '.') {
        i++;
        while (isDigit(source[i])) i++;
      }
      tokens.push({ kind: 'number', text: source.slice(start, i), at: start });
    } else if (c === '.') {
      const double = source[i + 1] === '.';
      i += double ? 2 : 1;
      tokens.push({ kind: double ? '..' : '.', text: double ? '..' : '.', at: start });
    } else if (c === "'" || c === '"') {
      const close = source.indexOf(c, i + 1);
      if (close < 0) throw new ExpressionError('Unterminated string: add the closing quote', start);
      tokens.push({ kind: 'string', text: source.slice(i + 1, close), at: start });
      i = close + 1;
    } else if (c === '$') {
      if (source[i + 1] !== '{')
        throw new ExpressionError("Unexpected '$': field references are ${name}", start);
      const close = source.indexOf('}', i + 2);
      if (close < 0) throw new ExpressionError("Unterminated field reference: add the closing '}'", start);
      let name = source.slice(i + 2, close).trim();
      // ${last-saved#name}: pyxform's reference to the last saved submission's value.
      const lastSaved = name.startsWith(LAST_SAVED);
      if (lastSaved) name = name.slice(LAST_SAVED.length);
      if (!FIELD_NAME.test(name)) throw new ExpressionError(`Not a valid field name: \${${name}}`, start);
      tokens.push({ kind: lastSaved ? 'lastSaved' : 'ref', text: name, at: start });
      i = close + 1;
    } else if (isNameStart(c)) {
      i++;
      while (isNameChar(source[i])) i++;
      if (source[i] === ':' && isNameStart(source[i + 1])) {
        i += 2;
        while (isNameChar(source[i])) i++;
      }
      tokens.push({ kind: 'name', text: source.slice(start, i), at: start });
    } else if (c === '(' || c === ')' || c === ',' || c === '/' || c === '[' || c === ']') {
      // '/' and '[ ]' only make sense in instance('list')/root/item[…]/field; the parser refuses them elsewhere.
      i++;
      tokens.push({ kind: c, text: c, at: start });
    } else if (c === '+' || c === '-' || c === '*' || c === '=') {
      i++;
      tokens.push({ kind: 'op', text: c, at: start });
    } else if (c === '<' || c === '>' || c === '!') {
      const withEq = source[i + 1] === '=';
      if (c === '!' && !withEq) throw new ExpressionError("Unexpected '!': use != or not(…)", start);
      i += withEq ? 2 : 1;
      tokens.push({ kind: 'op', text: withEq ? `${c}=` : c, at: start });
    } else {
      throw new ExpressionError(`Unexpected character '${c}'`, start);
    }
  }
  tokens.push({ kind: 'end', text: '', at: n });
  return tokens;
}
