import { compileExpression, ExpressionError, type InstanceUse } from '../expr';
import { tokenize } from '../expr/lexer';

/**
 * Checks of expression columns at import, so an author learns about a typo or an unsupported function
 * before a device does. The source text is stored as written; only these checks compile it.
 */
export type ExpressionCheck =
  | { ok: true; references: readonly string[]; instances: readonly InstanceUse[]; warnings?: string[] }
  | { ok: false; message: string };

const KEYWORDS = new Set(['and', 'or', 'div', 'mod']);

const describe = (err: unknown, source: string): string => {
  if (!(err instanceof ExpressionError)) throw err;
  const near = source.slice(err.offset, err.offset + 20);
  return near ? `${err.message} (at “${near}”)` : err.message;
};

export function checkExpression(source: string): ExpressionCheck {
  try {
    const { references, instances, lastSaved } = compileExpression(source);
    // ${last-saved#x} must name a field of the form too.
    return { ok: true, references: [...references, ...lastSaved], instances };
  } catch (err) {
    return { ok: false, message: describe(err, source) };
  }
}

/**
 * A choice filter names columns of the choices sheet without `${}` (`state=${state}`: the choice's `state`
 * column equals the field `state`). The expression language refers to fields only, so for the check each
 * such bare name is replaced by a string literal of the same length (offsets in messages stay right); a
 * name that is not a column of the list is a warning.
 */
export function checkChoiceFilter(source: string, columns: ReadonlySet<string> | undefined): ExpressionCheck {
  let tokens;
  try {
    tokens = tokenize(source);
  } catch (err) {
    return { ok: false, message: describe(err, source) };
  }
  let rewritten = source;
  const unknown = new Set<string>();
  // Backwards, so a one-letter name (whose literal is longer) does not move the names still to replace.
  for (const [i, token] of [...tokens.entries()].reverse()) {
    if (token.kind !== 'name' || tokens[i + 1]?.kind === '(' || KEYWORDS.has(token.text)) continue;
    if (tokens[i - 1]?.kind === '/') continue; // a step of a path such as current()/../x
    // Unknown columns (a file that could not be read, already reported): check the syntax only.
    if (columns && !columns.has(token.text)) unknown.add(token.text);
    const literal = `'${'x'.repeat(Math.max(0, token.text.length - 2))}'`;
    rewritten = rewritten.slice(0, token.at) + literal + rewritten.slice(token.at + token.text.length);
  }
  const result = checkExpression(rewritten);
  if (!result.ok || unknown.size === 0) return result;
  // pyxform accepts a column the list lacks and ODK reads it as empty for every choice (the engine does
  // too): a warning, most likely a typo, rather than a refusal.
  const known = [...(columns ?? [])].join(', ');
  const warnings = [...unknown]
    .reverse()
    .map(
      (name) =>
        `${name} is not a column of the choice list (columns: ${known}): every choice reads it as empty`,
    );
  return { ...result, warnings };
}

/**
 * instance('list') must name a list of the choices sheet (or of a select_*_from_file file, even one not
 * attached yet), and its columns be columns of that list (`itextId` is pyxform's id of a choice's label,
 * which every list has). Columns of a file not read are not checked.
 */
export function instanceProblems(
  instances: readonly InstanceUse[],
  isList: (list: string) => boolean,
  columnsOf: (list: string) => ReadonlySet<string> | undefined,
): string[] {
  return instances.flatMap(({ list, columns: used }) => {
    if (!isList(list)) return [`instance('${list}'): ${list} is not a list of the choices sheet`];
    const columns = columnsOf(list);
    const unknown = used.filter((c) => c !== 'itextId' && columns && !columns.has(c));
    return unknown.map((c) => `instance('${list}'): ${c} is not a column of the choices sheet`);
  });
}

/** Field names that text (a label, a hint, a message) inserts with `${name}`. */
export function textReferences(text: string): string[] {
  return [...text.matchAll(/\$\{\s*([^}]*?)\s*\}/g)].map((m) => m[1] ?? '');
}

/** Excel writes boolean cells as TRUE / FALSE; in an expression column they mean true() / false(). */
export function booleanCell(source: string): string {
  if (/^true$/i.test(source)) return 'true()';
  if (/^false$/i.test(source)) return 'false()';
  return source;
}

/** required / read_only: a plain yes/no, or an expression. */
export function flagCell(source: string): boolean | string | undefined {
  if (/^(yes|true|true\(\))$/i.test(source)) return true;
  if (source === '' || /^(no|false|false\(\))$/i.test(source)) return undefined;
  return source;
}

/** A default that is computed (pyxform's test: a reference or a function call) rather than a fixed value. */
export function isDynamicDefault(source: string): boolean {
  return source.includes('${') || /(^|[^A-Za-z0-9_-])[a-z][a-z0-9:-]*\s*\(/i.test(source);
}
