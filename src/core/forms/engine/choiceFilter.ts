/**
 * Choice filters name the candidate choice's columns with bare identifiers (`state=${state}`,
 * `name != 'x'`, `selected(${picked}, name)`), which the expression language refuses: it only knows
 * `${field}` references. So the filter is rewritten before compiling: every bare name that is not a
 * function call or an operator word becomes `${__choice_<name>}`, which the engine's resolver answers
 * with the choice's `name` or its `extra` column of that name ('' when the choice lacks it).
 */
export const CHOICE_COLUMN_PREFIX = '__choice_';

const OPERATOR_WORDS = new Set(['and', 'or', 'div', 'mod']);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || isDigit(c) || c === '-' || c === '.';

/** Rewrites bare column names; strings, `${…}` references, numbers and calls are copied as they are. */
export function rewriteChoiceFilter(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source.charAt(i);
    const start = i;
    if (c === "'" || c === '"') {
      const close = source.indexOf(c, i + 1);
      i = close < 0 ? source.length : close + 1;
      out += source.slice(start, i);
    } else if (c === '$' && source[i + 1] === '{') {
      const close = source.indexOf('}', i);
      i = close < 0 ? source.length : close + 1;
      out += source.slice(start, i);
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1]))) {
      while (isDigit(source[i]) || source[i] === '.') i++;
      out += source.slice(start, i);
    } else if (isNameStart(c)) {
      i++;
      while (isNameChar(source[i])) i++;
      const prefixed = source[i] === ':' && isNameStart(source[i + 1]);
      if (prefixed) {
        i += 2;
        while (isNameChar(source[i])) i++;
      }
      const name = source.slice(start, i);
      let next = i;
      while (source[next] === ' ' || source[next] === '\t') next++;
      const isCall = source[next] === '(';
      // A step of a path (current()/../x) names a field of the form, not a column.
      const isStep = out.trimEnd().endsWith('/');
      out +=
        isCall || isStep || prefixed || OPERATOR_WORDS.has(name)
          ? name
          : `\${${CHOICE_COLUMN_PREFIX}${name}}`;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
