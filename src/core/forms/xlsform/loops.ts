import { pickText, type LocalizedText } from '../../i18n/localized';
import { FieldName, type Choice, type FormItem, type Group } from '../definition';
import type { XlsFormIssue } from './types';

/**
 * XLSForm's `begin loop over LIST` … `end loop`, expanded as pyxform expands it: one group per choice of
 * LIST, each holding a copy of the loop's body.
 *
 * pyxform keeps the body's names and lets the paths tell the copies apart (`/data/<loop>/<choice>/<name>`).
 * Terrain's answers are flat per level (groups are transparent) and a name is unique in the whole form, so
 * each copy is renamed instead: group `<loop>_<choice>`, question `<name>_<choice>`. An export that must
 * match pyxform's columns maps `<name>_<choice>` inside `<loop>_<choice>` back to `<loop>/<choice>/<name>`.
 * Inside the body `${name}` means the copy of the same choice, so it is rewritten; from outside the loop it
 * is ambiguous (which choice?) and the importer reports it. `%(label)s` and `%(name)s` in the body's texts
 * and expressions become the choice's label (in each language) and name, as in pyxform.
 */
export interface PendingLoop {
  /** The loop's own group, in the tree already; its items are the body until expanded. */
  group: Group;
  listName: string;
  row: number;
  /** The last row of the loop (its `end loop`): references from rows in between are to the same copy. */
  last: number;
  /** Names defined in the body, at any depth. */
  names: Set<string>;
}

const TEXT_KEYS = ['label', 'hint', 'guidanceHint', 'requiredMessage', 'constraintMessage'] as const;
const EXPRESSION_KEYS = [
  ...['relevant', 'constraint', 'calculation', 'required', 'readOnly'],
  ...['default', 'choiceFilter', 'repeatCount'],
] as const;

/** Replaces every loop's body by its copies; returns the names it created, with the row of their loop. */
export function expandLoops(
  loops: readonly PendingLoop[],
  lists: Readonly<Record<string, Choice[]>>,
  defaultLanguage: string,
  issues: XlsFormIssue[],
): Map<string, number> {
  const created = new Map<string, number>();
  // Inner loops end first, so they are expanded before the outer loop copies them.
  for (const loop of loops) {
    const at = { sheet: 'survey' as const, row: loop.row, column: 'type' };
    const choices = lists[loop.listName];
    if (!choices) {
      issues.push({ ...at, message: `Choice list ${loop.listName} is not in the choices sheet` });
      continue;
    }
    const body = loop.group.items;
    const mine: string[] = [];
    const template = loop.group.label;
    if (template && Object.values(template).some((t) => t.includes('%('))) delete loop.group.label;
    // pyxform skips a `none` choice: "none of these" has nothing to loop over.
    loop.group.items = choices
      .filter((choice) => choice.name !== 'none')
      .map((choice) => {
        const copy = new LoopCopy(loop, choice, defaultLanguage);
        const group: Group = {
          kind: 'group',
          name: copy.rename(loop.group.name),
          items: body.map((i) => copy.item(i)),
        };
        group.label = template && !loop.group.label ? copy.text(template) : choice.label;
        if (loop.group.row) group.row = loop.group.row;
        for (const name of [group.name, ...copy.names]) {
          if (!FieldName.safeParse(name).success)
            issues.push({ ...at, message: `${name} (a copy for choice ${choice.name}) is not a valid name` });
          created.set(name, loop.row);
          mine.push(name);
        }
        return group;
      });
    // An enclosing loop copies these copies: it must rename them, and its body's references to them, too.
    for (const outer of loops) {
      if (outer.names.has(loop.group.name)) mine.forEach((n) => outer.names.add(n));
    }
  }
  return created;
}

/** One copy of a loop's body, for one choice. */
class LoopCopy {
  readonly names: string[] = [];

  constructor(
    private readonly loop: PendingLoop,
    private readonly choice: Choice,
    private readonly defaultLanguage: string,
  ) {}

  rename(name: string): string {
    return `${name}_${this.choice.name}`;
  }

  item(item: FormItem): FormItem {
    const copy = { ...item, name: this.rename(item.name) } as FormItem & Record<string, unknown>;
    this.names.push(copy.name);
    for (const key of TEXT_KEYS) {
      const text = copy[key] as LocalizedText | undefined;
      if (text) copy[key] = this.text(text);
    }
    for (const key of EXPRESSION_KEYS) {
      const source = copy[key];
      if (typeof source === 'string') copy[key] = this.substitute(source, this.defaultLanguage);
    }
    if (copy.kind !== 'question') copy.items = copy.items.map((child) => this.item(child));
    return copy;
  }

  text(text: LocalizedText): LocalizedText {
    return Object.fromEntries(Object.entries(text).map(([lang, t]) => [lang, this.substitute(t, lang)]));
  }

  private substitute(text: string, lang: string): string {
    const label = pickText(this.choice.label, lang, this.defaultLanguage) || this.choice.name;
    return text
      .replaceAll('%(label)s', label)
      .replaceAll('%(name)s', this.choice.name)
      .replace(/\$\{\s*([^}\s]+)\s*\}/g, (whole, name: string) =>
        this.loop.names.has(name) ? `\${${this.rename(name)}}` : whole,
      );
  }
}
