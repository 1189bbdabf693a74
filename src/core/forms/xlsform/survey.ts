import type { FormItem, Group, Question, Repeat } from '../definition';
import {
  buildQuestion,
  commonFields,
  expressionOf,
  issueAt,
  nameOf,
  type PendingCheck,
  type RowContext,
} from './question';
import type { PendingLoop } from './loops';
import { personalCell } from './personal';
import { parseType } from './questionTypes';
import { Sheet } from './sheet';
import type { XlsFormIssue } from './types';

export interface SurveyResult {
  items: FormItem[];
  /** Every name of the form with its row: what expressions may refer to. */
  names: Map<string, number>;
  checks: PendingCheck[];
  /** Select questions, to check their lists exist once the choices are read. */
  /** Loops, innermost first, to expand once the choices are read (see loops.ts). */
  loops: PendingLoop[];
  selects: { listName: string; row: number; column: string; orOther: boolean; itemsetFile?: string }[];
}

interface Frame {
  block: 'group' | 'repeat' | 'loop';
  name: string;
  row: number;
  items: FormItem[];
  loop?: PendingLoop;
  /** The group's personal_data, its own or inherited: what its rows without one take (see personal.ts). */
  personal?: boolean | undefined;
}

/**
 * Walks the survey sheet into the item tree: `begin group`/`begin repeat` open a level, `end …` closes it.
 * Problems are collected and the walk goes on, so the author gets every issue of the sheet at once.
 */
export function readSurvey(
  sheet: Sheet,
  defaultLanguage: string,
  languages: readonly string[],
  issues: XlsFormIssue[],
  warnings: XlsFormIssue[],
): SurveyResult {
  const root: Frame = { block: 'group', name: '', row: 0, items: [] };
  const stack: Frame[] = [root];
  const result: SurveyResult = {
    items: root.items,
    names: new Map(),
    checks: [],
    loops: [],
    selects: [],
  };
  const top = () => stack[stack.length - 1] ?? root;
  /** The row's personal_data, or its group's; set on the item only when there is one. */
  const personal = (ctx: RowContext) => {
    const flag = personalCell(ctx) ?? top().personal;
    return flag === undefined ? {} : { personal: flag };
  };

  const register = (ctx: RowContext, name: string): boolean => {
    const first = result.names.get(name);
    if (first === undefined) {
      result.names.set(name, ctx.row.row);
      for (const frame of stack) frame.loop?.names.add(name);
      return true;
    }
    issueAt(
      ctx,
      'name',
      `Duplicate name ${name} (first at row ${first}): names must be unique in the whole form`,
    );
    return false;
  };

  for (const row of sheet.rows) {
    if (Sheet.isBlank(row)) continue;
    const ctx: RowContext = { sheet, row, defaultLanguage, issues, checks: result.checks };
    const typeCell = sheet.cell(row, 'type');
    if (!typeCell.value) {
      // Rows of notes beside the form are common; a row that names a field without a type is a mistake.
      if (sheet.value(row, 'name')) issueAt(ctx, 'type', 'This row has a name but no type');
      continue;
    }
    const parsed = parseType(typeCell.value);
    switch (parsed.kind) {
      case 'begin': {
        const name = nameOf(ctx, `begin ${parsed.block}`) ?? `_row${row.row}`;
        const frame: Frame = { block: parsed.block, name, row: row.row, items: [] };
        frame.personal = personal(ctx).personal;
        if (register(ctx, name)) {
          const item = container(ctx, parsed.block, name, frame.items);
          top().items.push(item);
          const listName = parsed.listName ?? '';
          if (parsed.block === 'loop' && item.kind === 'group')
            frame.loop = { group: item, listName, row: row.row, last: row.row, names: new Set() };
        }
        stack.push(frame);
        break;
      }
      case 'end': {
        const open = stack.length > 1 ? stack.pop() : undefined;
        if (!open) issueAt(ctx, 'type', `end ${parsed.block} without a matching begin ${parsed.block}`);
        else if (open.block === parsed.block && open.loop) {
          open.loop.last = row.row;
          result.loops.push(open.loop);
        } else if (open.block !== parsed.block)
          issueAt(
            ctx,
            'type',
            `end ${parsed.block} closes begin ${open.block} ${open.name} of row ${open.row}`,
          );
        break;
      }
      case 'question':
      case 'select': {
        const name = nameOf(ctx, 'This question');
        if (!name || !register(ctx, name)) break;
        const built = { ...buildQuestion(ctx, name, parsed), ...personal(ctx) };
        top().items.push(built);
        if (parsed.kind !== 'select') break;
        result.selects.push({
          listName: parsed.listName,
          row: row.row,
          column: typeCell.header,
          orOther: parsed.orOther,
          ...(parsed.itemsetFile ? { itemsetFile: parsed.itemsetFile } : {}),
        });
        if (parsed.orOther) {
          const other = otherQuestion(name, languages, row.row);
          // What "other" is, said in words, is as personal as the choice.
          if (built.personal) other.personal = true;
          if (register(ctx, other.name)) top().items.push(other);
        }
        break;
      }
      case 'meta':
      case 'skippedMeta': {
        // Metadata become hidden questions the engine fills (start, today, deviceid…). What a browser cannot
        // collect (SIM serial, phone number…) stays empty, as on a phone without SIM: the form keeps its names,
        // so its expressions and label outputs still resolve.
        const name = nameOf(ctx, parsed.meta);
        if (name && register(ctx, name))
          top().items.push({
            kind: 'question',
            type: 'hidden',
            name,
            appearance: `meta:${parsed.meta}`,
            row: row.row,
            ...personal(ctx),
          });
        if (parsed.kind === 'skippedMeta') {
          const message = `${parsed.meta} is not collected by Terrain: it stays empty`;
          warnings.push({ sheet: 'survey', row: row.row, column: typeCell.header, message });
        }
        break;
      }
      case 'unsupported':
        issueAt(ctx, 'type', `${typeCell.value}: ${parsed.message}`);
        break;
      case 'unknown':
        issueAt(ctx, 'type', `Unknown question type ${typeCell.value}`);
        break;
    }
  }
  for (const open of stack.slice(1))
    issues.push({
      sheet: 'survey',
      row: open.row,
      column: sheet.header('type'),
      message: `begin ${open.block} ${open.name} is never closed: add end ${open.block}`,
    });
  return result;
}

function container(
  ctx: RowContext,
  block: 'group' | 'repeat' | 'loop',
  name: string,
  items: FormItem[],
): Group | Repeat {
  const common = commonFields(ctx);
  // A loop is a group whose items become one group per choice (loops.ts).
  if (block !== 'repeat') return { kind: 'group', name, ...common, items };
  const repeatCount = expressionOf(ctx, 'repeat_count');
  return { kind: 'repeat', name, ...common, ...(repeatCount ? { repeatCount } : {}), items };
}

/** The text question pyxform adds after an `or_other` select, shown when "other" is chosen. */
function otherQuestion(name: string, languages: readonly string[], row: number): Question {
  const label = Object.fromEntries(
    languages.map((lang) => [lang, lang === 'fr' ? 'Précisez :' : 'Specify other.']),
  );
  return {
    kind: 'question',
    type: 'text',
    name: `${name}_other`,
    label,
    relevant: `selected(\${${name}}, 'other')`,
    row,
  };
}
