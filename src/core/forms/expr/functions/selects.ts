import type { Node } from '../ast';
import type { Thunk } from '../context';
import { toNumber, toString, type XValue } from '../values';
import { binary, unary, type FunctionSpec, type FunctionTable } from './spec';

/**
 * A select_multiple answer is ODK's space-separated list of choice names (our string[] answers are joined
 * with spaces before they get here), so these functions work on any string.
 */
function tokens(value: XValue): string[] {
  const s = toString(value).trim();
  return s === '' ? [] : s.split(/\s+/);
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** selected(list, name): whether `name` is one of the list's choices; no split, no allocation. */
function selected(list: XValue, choice: XValue): boolean {
  const s = toString(list);
  const name = toString(choice).trim();
  if (name === '') return false;
  for (let from = s.indexOf(name); from >= 0; from = s.indexOf(name, from + 1)) {
    const before = from === 0 ? ' ' : s.charAt(from - 1);
    const after = from + name.length === s.length ? ' ' : s.charAt(from + name.length);
    if (isSpace(before) && isSpace(after)) return true;
  }
  return false;
}

const FIELD_IN_QUOTES = /^\s*\$\{\s*([^}\s]+)\s*\}\s*$/;

/** '${crop}' → 'crop'; a bare name is taken as is. */
function fieldNameOf(text: string): string {
  return FIELD_IN_QUOTES.exec(text)?.[1] ?? text.trim();
}

/**
 * jr:choice-name(value, '${field}'): the label of a choice, in the form's current language. XLSForm writes the
 * field as a quoted reference; it is read once here. The value is passed to the engine as written, so for a
 * select_multiple ask for one choice at a time with selected-at().
 */
const choiceName: FunctionSpec = {
  min: 2,
  max: 2,
  references: (nodes: readonly Node[]) => {
    const field = nodes[1];
    return field?.type === 'string' && FIELD_IN_QUOTES.test(field.value) ? [fieldNameOf(field.value)] : [];
  },
  build: ([value, field], nodes): Thunk => {
    const literal = nodes[1]?.type === 'string' ? fieldNameOf(nodes[1].value) : undefined;
    return (ctx) => {
      const choice = toString(value ? value(ctx) : '');
      if (choice === '') return '';
      const name = literal ?? fieldNameOf(toString(field ? field(ctx) : ''));
      return ctx.choiceLabel ? ctx.choiceLabel(name, choice) : choice;
    };
  },
};

export const selectFunctions: FunctionTable = {
  selected: binary(selected),
  'count-selected': unary((list) => tokens(list).length),
  /** selected-at(list, index): the choice at a 0-based index, '' beyond the end. */
  'selected-at': binary((list, index) => tokens(list)[Math.trunc(toNumber(index))] ?? ''),
  'jr:choice-name': choiceName,
  /**
   * jr:itext(id): the text of a translation id in the current language. The only ids a form can reach are
   * those of instance('list')/…/itextId, which already gives the label in the current language, so the
   * argument is returned as a string.
   */
  'jr:itext': unary((id) => toString(id)),
};
