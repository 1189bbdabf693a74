import { SUBMISSION_META_KEY, type FormItem, type Group, type Question, type Repeat } from '../definition';
import {
  buildQuestion,
  commonFields,
  expressionOf,
  issueAt,
  nameOf,
  parseParameters,
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
  /**
   * Every name of the form with the rows that carry it: what expressions may refer to. A name on more than
   * one row (in different groups) is ambiguous in a reference, as in pyxform.
   */
  names: Map<string, number[]>;
  checks: PendingCheck[];
  /** Select questions, to check their lists exist once the choices are read. */
  /** Loops, innermost first, to expand once the choices are read (see loops.ts). */
  loops: PendingLoop[];
  selects: {
    listName: string;
    row: number;
    column: string;
    orOther: boolean;
    itemsetFile?: string;
    external?: boolean;
  }[];
}

interface Frame {
  block: 'group' | 'repeat' | 'loop';
  name: string;
  row: number;
  items: FormItem[];
  loop?: PendingLoop;
  /** The group's personal_data, its own or inherited: what its rows without one take (see personal.ts). */
  personal?: boolean | undefined;
  /** Names of its own items with their rows: pyxform wants names unique among siblings. */
  siblings: Map<string, number>;
  /**
   * Answer keys of its answer level with their rows: a group's questions answer at its parent's level (the
   * form or a repeat instance), so a group shares its parent's map and a repeat starts its own.
   */
  answers: Map<string, number>;
}

type ItemKind = 'group' | 'repeat' | 'question';

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
  const root: Frame = {
    block: 'group',
    name: '',
    row: 0,
    items: [],
    siblings: new Map(),
    answers: new Map(),
  };
  const repeatNames = new Map<string, number>();
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

  const register = (ctx: RowContext, name: string, kind: ItemKind): boolean => {
    const where = { atTop: stack.length === 1, atRootLevel: top().answers === root.answers };
    const problem = nameProblem(name, kind, top(), where, repeatNames);
    if (problem) {
      issueAt(ctx, 'name', problem);
      return false;
    }
    const row = ctx.row.row;
    top().siblings.set(name, row);
    if (kind !== 'group') top().answers.set(name, row);
    if (kind === 'repeat') repeatNames.set(name, row);
    result.names.set(name, [...(result.names.get(name) ?? []), row]);
    for (const frame of stack) frame.loop?.names.add(name);
    return true;
  };

  for (const row of sheet.rows) {
    if (Sheet.isBlank(row)) continue;
    const ctx: RowContext = { sheet, row, defaultLanguage, issues, checks: result.checks };
    for (const { header, other } of sheet.conflicts(row)) {
      const message = `${header} and ${other} are the same column under two names: keep one`;
      issues.push({ sheet: 'survey', row: row.row, column: header, message });
    }
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
        const answers = parsed.block === 'repeat' ? new Map<string, number>() : top().answers;
        const frame: Frame = {
          block: parsed.block,
          name,
          row: row.row,
          items: [],
          siblings: new Map(),
          answers,
        };
        frame.personal = personal(ctx).personal;
        if (register(ctx, name, parsed.block === 'repeat' ? 'repeat' : 'group')) {
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
        if (!name || !register(ctx, name, 'question')) break;
        const built = { ...buildQuestion(ctx, name, parsed), ...personal(ctx) };
        if (parsed.kind === 'question' && parsed.osm) {
          const message = 'OpenMapKit cannot run in a browser: Terrain asks for the .osm file as an upload';
          warnings.push({ sheet: 'survey', row: row.row, column: typeCell.header, message });
        }
        top().items.push(built);
        if (parsed.kind !== 'select') break;
        result.selects.push({
          listName: parsed.listName,
          row: row.row,
          column: typeCell.header,
          orOther: parsed.orOther,
          ...(parsed.itemsetFile ? { itemsetFile: parsed.itemsetFile } : {}),
          ...(parsed.external ? { external: true } : {}),
        });
        if (parsed.orOther) {
          const other = otherQuestion(name, languages, row.row);
          // What "other" is, said in words, is as personal as the choice.
          if (built.personal) other.personal = true;
          if (register(ctx, other.name, 'question')) top().items.push(other);
        }
        break;
      }
      case 'meta':
      case 'skippedMeta': {
        // Metadata become hidden questions the engine fills (start, today, deviceid…). What a browser cannot
        // collect (SIM serial, phone number…) stays empty, as on a phone without SIM: the form keeps its names,
        // so its expressions and label outputs still resolve.
        // pyxform names the audit log `audit` whatever the row says, and refuses another name.
        const name = parsed.meta === 'audit' ? auditName(ctx) : nameOf(ctx, parsed.meta);
        if (name && register(ctx, name, 'question'))
          top().items.push({
            kind: 'question',
            type: 'hidden',
            name,
            appearance: `meta:${parsed.meta}`,
            row: row.row,
            ...personal(ctx),
          });
        // The audit log and background audio take parameters pyxform checks (ODK Collect acts on them).
        if (parsed.meta === 'audit' || parsed.meta === 'background-audio') parseParameters(ctx, parsed.meta);
        // A background position is taken when its trigger changes: without one it would never be taken.
        if (parsed.meta === 'background-geopoint' && !ctx.sheet.value(row, 'trigger'))
          issueAt(
            ctx,
            'trigger',
            'background-geopoint needs a trigger: ${name} of the question whose answer records the position',
          );
        if (parsed.kind === 'skippedMeta') {
          const message = `${parsed.meta} is not collected by Terrain: it stays empty`;
          warnings.push({ sheet: 'survey', row: row.row, column: typeCell.header, message });
        }
        break;
      }
      case 'external': {
        // No question: the file the row names is read as a list that instance('name') looks up.
        const name = nameOf(ctx, `${parsed.extension}-external`);
        if (!name) break;
        const itemsetFile = `${name}.${parsed.extension}`;
        result.selects.push({
          listName: name,
          row: row.row,
          column: typeCell.header,
          orOther: false,
          itemsetFile,
        });
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

/**
 * Why a name cannot be used here, if it cannot. pyxform's rules: unique among siblings, `meta` reserved at
 * the top of the form, repeat names unique in the whole form. Terrain's own: a group's questions answer at
 * its parent's level, so two questions of one answer level (through groups) cannot share a name.
 */
function nameProblem(
  name: string,
  kind: ItemKind,
  parent: Frame,
  { atTop, atRootLevel }: { atTop: boolean; atRootLevel: boolean },
  repeatNames: ReadonlyMap<string, number>,
): string | undefined {
  const sibling = parent.siblings.get(name);
  if (sibling !== undefined) {
    const where = parent.name ? `group ${parent.name}` : 'the top of the form';
    return `Duplicate name ${name} (first at row ${sibling}): items of ${where} must have different names`;
  }
  const reserved = 'The name meta is reserved for the submission’s metadata: choose another name';
  if (name === SUBMISSION_META_KEY && atTop) return reserved;
  const repeat = repeatNames.get(name);
  if (kind === 'repeat' && repeat !== undefined)
    return `Duplicate repeat name ${name} (first at row ${repeat}): repeat names must be unique in the whole form`;
  if (kind === 'group') return undefined;
  // The submission's metadata sit under `meta` among the form's root answers.
  if (name === SUBMISSION_META_KEY && atRootLevel) return reserved;
  const other = parent.answers.get(name);
  if (other !== undefined)
    return `${name} is also the name of row ${other}, whose answer Terrain keeps at the same level (a group's answers belong to the form or repeat around it): rename one of them`;
  return undefined;
}

/** The audit log is always named audit (pyxform): a blank name is fine, another one is refused. */
function auditName(ctx: RowContext): string | undefined {
  const written = ctx.sheet.value(ctx.row, 'name');
  if (written && written !== 'audit') {
    issueAt(ctx, 'name', `The audit log is always named audit: leave the name empty or write audit`);
    return undefined;
  }
  return 'audit';
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
