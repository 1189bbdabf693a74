import { MediaRef } from '../forms/answersSchema';
import type { FormDefinition, FormItem, Question } from '../forms/definition';
import { allQuestions, choicesOf, isPersonal } from '../forms/definition';
import { pickText } from '../i18n/localized';
import type { Submission } from '../records/submission';
import { cellTypeOf, type CellType } from './cellTypes';
import type { Table } from './csv';
import { roundCoordinate } from './geoPrecision';
import { GEOPOINT_PARTS, hxlTagOf, META_TAGS } from './hxl';

/**
 * A form's submissions as ODK Central exports them: one table for the submissions and one per repeat (nested
 * repeats included), joined by keys. A submission's KEY is its id; a repeat instance's KEY is its parent's
 * KEY, the repeat's path and its position (`s1/household[1]/member[2]`); its PARENT_KEY is the parent's KEY; the
 * parent's `SET-OF-member` column holds `s1/household[1]/member`, the prefix of its instances' keys.
 *
 * Columns are named by the question's path of groups inside its table, joined by `-` (`identity-age`), as
 * Central does; a geopoint takes four columns (`gps-Latitude`, `gps-Longitude`, `gps-Altitude`,
 * `gps-Accuracy`). Values are choice codes, or labels in `lang` when `codes` is false; several choices
 * (select_multiple, rank) are space-separated codes, or labels joined by `; ` (labels hold spaces).
 *
 * Questions marked personal (`Question.personal`) have no column unless `includePersonal`: leaving them out
 * is the default, so a caller that forgets the option leaks nothing. `geoPrecision` rounds the latitude and
 * longitude of every geopoint, geotrace and geoshape answer (see geoPrecision.ts).
 */
export interface TableOptions {
  lang: string;
  codes: boolean;
  /** HXL hashtags by question name, overriding the default ones (see hxl.ts). */
  hxlTags?: Readonly<Record<string, string>>;
  /** Write the columns of personal questions too (a supervisor's choice, audited by the server). */
  includePersonal?: boolean;
  /** Decimals of latitudes and longitudes (0 to 8); full precision when absent. */
  geoPrecision?: number;
  /**
   * Who submitted, by account id: their username and display name fill the `SubmitterUsername` and
   * `SubmitterName` columns (empty for an account not given), so a reader sees people, not ids.
   */
  submitters?: Readonly<Record<string, { username: string; name: string }>>;
}

/** The names of the form's personal questions, in form order (for the audit of an export). */
export function personalFieldNames(form: FormDefinition): string[] {
  return allQuestions(form)
    .filter(isPersonal)
    .map((q) => q.name);
}

/** Whether the export writes this question at all. */
export function exported(question: Question, options: Pick<TableOptions, 'includePersonal'>): boolean {
  return options.includePersonal === true || !isPersonal(question);
}

/** A column of one table: how to read its value from one level's answers. */
interface Column {
  header: string;
  hxl: string;
  type: CellType;
  value: (answers: Record<string, unknown>, key: string) => string;
}

interface Level {
  /** The repeat's path from the table above, with `/` (`group/member`); '' for the submissions. */
  path: string;
  name: string;
  columns: Column[];
  repeats: { answerKey: string; path: string; level: Level }[];
}

type Answers = Record<string, unknown>;

function isAnswers(value: unknown): value is Answers {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A geopoint's latitude, longitude, altitude and accuracy (those present), the first two rounded. */
function geopointParts(value: unknown, precision: number | undefined): number[] | null {
  if (!isAnswers(value) || typeof value.latitude !== 'number' || typeof value.longitude !== 'number')
    return null;
  const latitude = roundCoordinate(value.latitude, precision);
  const longitude = roundCoordinate(value.longitude, precision);
  return [latitude, longitude, value.altitude, value.accuracy].filter(
    (n): n is number => typeof n === 'number',
  );
}

/**
 * A geotrace or geoshape answer (an array of geopoints) in ODK's text form: `lat lon alt acc` points
 * separated by `;`, a geoshape's ring closed (its last point repeats the first), as ODK Collect writes it.
 */
export function odkGeoText(type: 'geotrace' | 'geoshape', value: unknown, precision?: number): string {
  if (!Array.isArray(value)) return '';
  const points = value.map((p) => geopointParts(p, precision)?.join(' ') ?? '');
  if (type === 'geoshape' && points.length >= 3 && points[0] !== points.at(-1)) points.push(points[0]!);
  return points.join(';');
}

/** A value of no known shape, as text: strings as they are, anything else as JSON. */
function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function formatValue(
  form: FormDefinition,
  question: Question,
  value: unknown,
  options: TableOptions,
): string {
  if (value === undefined || value === null) return '';
  const label = (code: string) => {
    if (options.codes) return code;
    const choice = choicesOf(form, question).find((c) => c.name === code);
    return choice ? pickText(choice.label, options.lang, form.defaultLanguage) : code;
  };
  switch (question.type) {
    case 'select_one':
      return typeof value === 'string' ? label(value) : plain(value);
    case 'select_multiple':
    case 'rank':
      return Array.isArray(value)
        ? value.map((v) => label(plain(v))).join(options.codes ? ' ' : '; ')
        : plain(value);
    case 'geotrace':
    case 'geoshape':
      return odkGeoText(question.type, value, options.geoPrecision);
  }
  const media = MediaRef.safeParse(value);
  if (media.success) return media.data.name;
  return plain(value);
}

function buildLevel(
  form: FormDefinition,
  items: readonly FormItem[],
  path: string,
  name: string,
  options: TableOptions,
): Level {
  const level: Level = { path, name, columns: [], repeats: [] };
  const overrides = options.hxlTags ?? {};
  const visit = (list: readonly FormItem[], prefix: string, groupPath: string) => {
    for (const item of list) {
      const header = prefix + item.name;
      if (item.kind === 'question' && !exported(item, options)) continue;
      if (item.kind === 'group') {
        visit(item.items, `${header}-`, `${groupPath}${item.name}/`);
      } else if (item.kind === 'repeat') {
        const repeatPath = `${groupPath}${item.name}`;
        level.columns.push({
          header: `SET-OF-${item.name}`,
          hxl: '',
          type: 'text',
          value: (_a, key) => `${key}/${repeatPath}`,
        });
        level.repeats.push({
          answerKey: item.name,
          path: repeatPath,
          level: buildLevel(form, item.items, repeatPath, `${name}-${item.name}`, options),
        });
      } else if (item.type === 'geopoint') {
        GEOPOINT_PARTS.forEach((part, i) => {
          level.columns.push({
            header: `${header}-${part}`,
            hxl: hxlTagOf(item, part, overrides),
            type: 'number',
            value: (a) => {
              const n = geopointParts(a[item.name], options.geoPrecision)?.[i];
              return n === undefined ? '' : String(n);
            },
          });
        });
      } else if (item.type !== 'note') {
        level.columns.push({
          header,
          hxl: hxlTagOf(item, undefined, overrides),
          type: cellTypeOf(item.type),
          value: (a) => formatValue(form, item, a[item.name], options),
        });
      }
    }
  };
  visit(items, '', '');
  return level;
}

function emptyTable(level: Level, root: boolean): Table {
  const meta = root
    ? ['KEY', 'SubmitterID', 'SubmitterUsername', 'SubmitterName', 'FormVersion']
    : ['PARENT_KEY', 'KEY'];
  const header = [...(root ? ['SubmissionDate'] : []), ...level.columns.map((c) => c.header), ...meta];
  return {
    name: level.name,
    header,
    hxl: [
      ...(root ? [META_TAGS.SubmissionDate ?? ''] : []),
      ...level.columns.map((c) => c.hxl),
      ...meta.map((m) => META_TAGS[m] ?? ''),
    ],
    rows: [],
    types: [
      ...(root ? ['dateTime' as const] : []),
      ...level.columns.map((c) => c.type),
      ...meta.map(() => 'text' as const),
    ],
  };
}

/** The tables of `form`'s submissions, the submissions' first, then each repeat's (depth first). */
export function submissionTables(
  form: FormDefinition,
  submissions: readonly Submission[],
  options: TableOptions,
): Table[] {
  const root = buildLevel(form, form.items, '', form.id, options);
  const tables = new Map<Level, Table>();
  const collect = (level: Level, isRoot: boolean) => {
    tables.set(level, emptyTable(level, isRoot));
    for (const r of level.repeats) collect(r.level, false);
  };
  collect(root, true);

  const addInstances = (level: Level, answers: Answers, key: string) => {
    for (const repeat of level.repeats) {
      const instances = answers[repeat.answerKey];
      if (!Array.isArray(instances)) continue;
      instances.forEach((instance, i) => {
        const child = isAnswers(instance) ? instance : {};
        const childKey = `${key}/${repeat.path}[${i + 1}]`;
        tables
          .get(repeat.level)
          ?.rows.push([...repeat.level.columns.map((c) => c.value(child, childKey)), key, childKey]);
        addInstances(repeat.level, child, childKey);
      });
    }
  };
  for (const s of submissions) {
    tables
      .get(root)
      ?.rows.push([
        s.finalizedAt,
        ...root.columns.map((c) => c.value(s.data, s.id)),
        s.id,
        s.createdBy,
        options.submitters?.[s.createdBy]?.username ?? '',
        options.submitters?.[s.createdBy]?.name ?? '',
        s.formVersion,
      ]);
    addInstances(root, s.data, s.id);
  }
  return [...tables.values()];
}
