import { FieldName, HXL_TAG_PATTERN, type Question } from '../definition';
import type { LocalizedText } from '../../i18n/localized';
import { booleanCell, flagCell, isDynamicDefault } from './expressions';
import { parameterProblems } from './parameters';
import type { ParsedType } from './questionTypes';
import type { Sheet } from './sheet';
import type { SheetRow, XlsFormIssue } from './types';

/** An expression or text to check once every name of the form is known. */
export interface PendingCheck {
  row: number;
  column: string;
  kind: 'expression' | 'choiceFilter' | 'text';
  source: string;
  listName?: string;
  /**
   * Text shown to the user (label, hint, messages): a `${name}` the form does not have is a warning, as
   * pyxform accepts it and ODK shows an output of a missing node as nothing; the trigger column is not.
   */
  display?: true;
}

/** What one survey row contributes: its fields, plus the checks and problems found on the way. */
export interface RowContext {
  sheet: Sheet;
  row: SheetRow;
  defaultLanguage: string;
  issues: XlsFormIssue[];
  checks: PendingCheck[];
}

const TEXT_COLUMNS = ['label', 'hint', 'guidance_hint', 'required_message', 'constraint_message'];

export function issueAt(ctx: RowContext, key: string, message: string): void {
  ctx.issues.push({ sheet: 'survey', row: ctx.row.row, column: ctx.sheet.header(key), message });
}

/** The row's name, checked as an answer key; undefined (with an issue) if missing or invalid. */
export function nameOf(ctx: RowContext, what: string): string | undefined {
  const name = ctx.sheet.value(ctx.row, 'name');
  if (!name) issueAt(ctx, 'name', `${what} has no name`);
  else if (!FieldName.safeParse(name).success)
    issueAt(
      ctx,
      'name',
      `${name} is not a valid name: start with a letter or _, then letters, digits, _ or - (64 at most)`,
    );
  else return name;
  return undefined;
}

/** Reads an expression column (queued for checking); Excel's TRUE/FALSE become true()/false(). */
export function expressionOf(
  ctx: RowContext,
  key: string,
  kind: PendingCheck['kind'] = 'expression',
  listName?: string,
) {
  const { value, header } = ctx.sheet.cell(ctx.row, key);
  if (!value) return undefined;
  const source = booleanCell(value);
  ctx.checks.push({ row: ctx.row.row, column: header, kind, source, ...(listName ? { listName } : {}) });
  return source;
}

function localized(ctx: RowContext, key: string): LocalizedText | undefined {
  const text = ctx.sheet.localized(ctx.row, key, ctx.defaultLanguage);
  // Labels and messages insert answers with ${name}: those names must exist too.
  for (const value of Object.values(text ?? {}))
    if (value.includes('${'))
      ctx.checks.push({
        row: ctx.row.row,
        column: ctx.sheet.header(key),
        kind: 'text',
        source: value,
        display: true,
      });
  return text;
}

/** Fields shared by questions, groups and repeats. */
export function commonFields(ctx: RowContext) {
  const [label, hint, guidanceHint] = TEXT_COLUMNS.slice(0, 3).map((key) => localized(ctx, key));
  return prune({
    label,
    hint,
    guidanceHint,
    media: ctx.sheet.media(ctx.row, ctx.defaultLanguage),
    relevant: expressionOf(ctx, 'relevant'),
    appearance: ctx.sheet.value(ctx.row, 'appearance') || undefined,
    row: ctx.row.row,
  });
}

/** `max-pixels=1024`, `start=0 end=10 step=1`, `start=1;end=10` (pyxform accepts spaces, `;` and `,`). */
export function parseParameters(ctx: RowContext, kind?: string): Record<string, string> | undefined {
  const text = ctx.sheet.value(ctx.row, 'parameters');
  if (!text) return undefined;
  const out: Record<string, string> = {};
  // pyxform allows spaces around `=` (`start = 1`).
  for (const pair of text
    .replace(/\s*=\s*/g, '=')
    .split(/[\s;,]+/)
    .filter(Boolean)) {
    const match = /^([A-Za-z][\w-]*)=(.+)$/.exec(pair);
    if (match?.[1] && match[2]) out[match[1].toLowerCase()] = match[2];
    else issueAt(ctx, 'parameters', `${pair} is not a key=value parameter`);
  }
  if (kind) for (const problem of parameterProblems(kind, out)) issueAt(ctx, 'parameters', problem);
  return out;
}

/** A question of a plain or select type, with every column XLSForm gives it. */
export function buildQuestion(
  ctx: RowContext,
  name: string,
  parsed: Extract<ParsedType, { kind: 'question' | 'select' }>,
): Question {
  const common = commonFields(ctx);
  const kind = parsed.kind === 'select' ? (parsed.itemsetFile ? 'selectFromFile' : 'select') : parsed.type;
  const parameters = parseParameters(ctx, kind);
  const question: Question = {
    kind: 'question',
    type: parsed.type,
    name,
    ...common,
    required: flag(ctx, 'required'),
    requiredMessage: localized(ctx, 'required_message'),
    constraint: expressionOf(ctx, 'constraint'),
    constraintMessage: localized(ctx, 'constraint_message'),
    default: defaultOf(ctx),
    calculation: expressionOf(ctx, 'calculation'),
    trigger: triggerOf(ctx),
    readOnly: flag(ctx, 'read_only'),
    parameters,
    hxl: hxlOf(ctx),
  };
  if (parsed.kind === 'question' && parsed.appearance && !question.appearance)
    question.appearance = parsed.appearance;
  // `percentage`, `number of days in last month`…: pyxform's bound, unless the row has its own constraint.
  if (parsed.kind === 'question' && parsed.constraint && !question.constraint)
    question.constraint = parsed.constraint;
  if (parsed.kind === 'select') {
    question.listName = parsed.listName;
    if (parsed.itemsetFile) question.itemsetFile = parsed.itemsetFile;
    question.choiceFilter = expressionOf(ctx, 'choice_filter', 'choiceFilter', parsed.listName);
  }
  // A dynamic default computes the value once, which pyxform accepts in place of a calculation.
  if (parsed.type === 'calculate' && !question.calculation && !isDynamicDefault(question.default ?? ''))
    issueAt(ctx, 'calculation', 'A calculate question needs a calculation');
  displayProblems(ctx, question);
  if (parsed.type === 'range') Object.assign(question, rangeBounds(ctx, parameters ?? {}));
  return prune(question);
}

/**
 * pyxform's checks of what a question shows: a guidance hint alone is hidden by default in ODK Collect, so
 * it does not stand for a label; a big image is the enlargement of an image, which must be there too.
 */
function displayProblems(ctx: RowContext, question: Question): void {
  if (question.guidanceHint && !question.label && !question.hint && !question.media)
    issueAt(ctx, 'guidance_hint', 'A guidance hint alone is not shown: give the question a label or a hint');
  if (question.media?.bigImage && !question.media.image)
    issueAt(ctx, 'media:big-image', 'A big image enlarges the image: give the question an image too');
}

/**
 * The `trigger` column: `${name}` of the question whose change recomputes this one's calculation (pyxform
 * writes an odk:setvalue on its xforms-value-changed). The name is checked with the form's other references.
 */
function triggerOf(ctx: RowContext): string | undefined {
  const { value, header } = ctx.sheet.cell(ctx.row, 'trigger');
  if (!value) return undefined;
  const name = /^\$\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/.exec(value.trim())?.[1];
  if (!name) {
    issueAt(ctx, 'trigger', `${value} is not a trigger: write the question it follows as \${name}`);
    return undefined;
  }
  ctx.checks.push({ row: ctx.row.row, column: header, kind: 'text', source: value });
  return name;
}

/** The `hxl` column: HXL is case-insensitive and allows spaces around `+`; the tag is kept lowercase. */
function hxlOf(ctx: RowContext): string | undefined {
  const text = ctx.sheet.value(ctx.row, 'hxl');
  if (!text) return undefined;
  const tag = text.toLowerCase().replace(/\s+/g, '');
  if (HXL_TAG_PATTERN.test(tag) && tag.length <= 200) return tag;
  issueAt(
    ctx,
    'hxl',
    `${text} is not an HXL hashtag: write #tag then +attributes, e.g. #affected+f+children`,
  );
  return undefined;
}

function flag(ctx: RowContext, key: string): boolean | string | undefined {
  const value = flagCell(ctx.sheet.value(ctx.row, key));
  if (typeof value !== 'string') return value;
  return expressionOf(ctx, key);
}

function defaultOf(ctx: RowContext): string | undefined {
  const value = ctx.sheet.value(ctx.row, 'default');
  if (value && isDynamicDefault(value)) return expressionOf(ctx, 'default');
  return value || undefined;
}

/** A range's bounds from its start and end parameters; ODK's defaults are 1 and 10. */
function rangeBounds(ctx: RowContext, parameters: Record<string, string>): { min: number; max: number } {
  const read = (key: string, fallback: number): number => {
    const text = parameters[key];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n))
      issueAt(ctx, 'parameters', `${key}=${text} is not a number`);
    return Number.isFinite(n) ? n : fallback;
  };
  const min = read('start', 1);
  const max = read('end', 10);
  const step = read('step', 1);
  // As pyxform: a step of 0 never moves, one wider than the range never lands inside it.
  if (step === 0) issueAt(ctx, 'parameters', 'step=0: the step of a range cannot be 0');
  else if (Math.abs(step) > Math.abs(max - min))
    issueAt(ctx, 'parameters', `step=${step}: the step is wider than the range from ${min} to ${max}`);
  return { min: Math.min(min, max), max: Math.max(min, max) };
}

/** Drops undefined fields, so the stored JSON holds only what the author wrote. */
export function prune<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
