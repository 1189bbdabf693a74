import { walkItems, type FormItem, type Question } from '../definition';
import { checkExpression, isDynamicDefault } from './expressions';
import { issueAt, type RowContext } from './question';

/**
 * The `personal_data` column: which answers are personal data, so that exports leave them out by default.
 *
 * A cell is read as pyxform reads its yes/no columns (yes, true, true(), no, false, false(); any case), plus
 * 1 and 0 (a spreadsheet's check boxes). Anything else is refused: a privacy flag is not guessed. An empty cell
 * inherits from the enclosing group or repeat, so one flag on `begin group identite` covers its questions; a
 * question's own `no` wins over its group's `yes`.
 *
 * During the conversion `personal` is true, false (said no, on the row or its group) or absent; `finish`
 * then marks what is computed from a personal answer (a calculation or a computed default that reads it:
 * `concat(${prenom}, ' ', ${nom})` copies the name) and drops the falses, so a definition carries only `true`.
 */
export function personalCell(ctx: RowContext): boolean | undefined {
  const text = ctx.sheet.value(ctx.row, 'personal_data');
  if (text === '' || /^(no|false|false\(\)|0)$/i.test(text)) return text === '' ? undefined : false;
  if (/^(yes|true|true\(\)|1)$/i.test(text)) return true;
  issueAt(ctx, 'personal_data', `${text} is not yes or no: personal_data is yes (or true, 1), no, or empty`);
  return undefined;
}

/** Marks answers computed from personal ones (through chains of calculations), then drops `personal: false`. */
export function finishPersonal(items: readonly FormItem[]): void {
  const questions: Question[] = [];
  walkItems(items, (item) => {
    if (item.kind === 'question') questions.push(item);
  });
  const personal = new Set(questions.filter((q) => q.personal === true).map((q) => q.name));
  const sources = new Map(questions.map((q) => [q, computedFrom(q)]));
  for (let changed = true; changed;) {
    changed = false;
    for (const q of questions) {
      if (q.personal !== undefined) continue;
      if ((sources.get(q) ?? []).some((name) => personal.has(name))) {
        q.personal = true;
        personal.add(q.name);
        changed = true;
      }
    }
  }
  for (const q of questions) if (q.personal === false) delete q.personal;
}

/** The fields a question's value is computed from: its calculation's and its computed default's references. */
function computedFrom(question: Question): readonly string[] {
  const expressions = [question.calculation];
  if (question.default !== undefined && isDynamicDefault(question.default))
    expressions.push(question.default);
  return expressions.flatMap((source) => {
    if (source === undefined) return [];
    const checked = checkExpression(source);
    // A broken expression is already an issue of the form, which then does not convert.
    return checked.ok ? checked.references : [];
  });
}
