import type { Choice } from '../definition';
import { choiceOf, type ChoiceLists } from './choices';
import { readFeatures } from './geojson';
import { Sheet } from './sheet';
import type { SurveyResult } from './survey';
import type { AttachmentContent, SheetRow, XlsFormIssue } from './types';
import { parseXml, XmlError } from './xml';

/** Past this many problems in one file the rest are counted, not listed: one broken column is enough to say. */
const MAX_FILE_PROBLEMS = 20;

type Select = SurveyResult['selects'][number];

interface FileContext {
  defaultLanguage: string;
  allowDuplicates: boolean;
  /** Publishing: a missing file is an issue. Otherwise (a preview) it is a warning and its questions wait. */
  requireAttachments: boolean;
}

/**
 * select_one_from_file / select_multiple_from_file, as ODK Central's form attachments: the file attached
 * with the form becomes a choice list embedded in the definition (under the file's base name, the instance
 * id pyxform gives it), so a device has the choices offline and `instance('villages')` reads them. The
 * three formats pyxform and ODK accept:
 * - `.csv`: `name` and `label` (with `label::Lang (xx)` translations) are the choice, other columns are kept;
 * - `.xml`: `<root><item><name/><label/>…</item></root>`, every child of an item a column;
 * - `.geojson`: a FeatureCollection, each feature a choice named by its id and labelled by its `title`
 *   property (pyxform's `value=id`, `label=title`), its properties, `id` and `geometry` (in ODK's
 *   `lat lon 0 0; …` notation) kept as columns.
 * Other columns serve choice filters and instance(). Every problem is an issue on the row of the first
 * question using the file, naming the file. Returns the files the form names but nobody attached.
 */
export function readItemsetFiles(
  selects: SurveyResult['selects'],
  attachments: Readonly<Record<string, AttachmentContent | undefined>>,
  choices: ChoiceLists,
  context: FileContext,
  issues: XlsFormIssue[],
  warnings: XlsFormIssue[],
): string[] {
  const uses = new Map<string, Select[]>();
  for (const select of selects)
    if (select.itemsetFile) uses.set(select.itemsetFile, [...(uses.get(select.itemsetFile) ?? []), select]);
  const fileOfList = new Map<string, string>();
  const missing: string[] = [];
  for (const [file, questions] of uses) {
    const first = questions[0] as Select;
    const at = { sheet: 'survey' as const, row: first.row, column: first.column };
    const issue = (message: string) => issues.push({ ...at, message });
    const { listName } = first;
    // Until read, its columns are unknown: choice filters on it are checked for syntax only.
    if (!choices.fileColumns.has(listName)) choices.fileColumns.set(listName, undefined);
    const other = fileOfList.get(listName);
    if (other) {
      issue(`${file} and ${other} make the same list ${listName}: rename one of them`);
      continue;
    }
    fileOfList.set(listName, file);
    if (choices.lists[listName]) {
      issue(`${file}: the choices sheet has a list ${listName} too; rename one of them`);
      continue;
    }
    if (!Object.hasOwn(attachments, file)) {
      missing.push(file);
      const rows = questions.length > 1 ? ` (rows ${questions.map((q) => q.row).join(', ')})` : '';
      if (context.requireAttachments)
        issue(`Choices come from ${file}, which is not attached${rows}: add it to the import with the form`);
      else
        warnings.push({
          ...at,
          message: `Choices come from ${file}, which is not attached: ${rows ? `these questions${rows} have` : 'this question has'} no choices until it is`,
        });
      continue;
    }
    const content = attachments[file];
    // Attached but unreadable: the reader has said why.
    if (content === undefined) continue;
    const result = listFromFile(file, content, context);
    if (result.problems.length > 0) {
      result.problems.forEach(issue);
      continue;
    }
    choices.lists[listName] = result.list;
    choices.fileColumns.set(listName, result.columns);
  }
  for (const name of Object.keys(attachments)
    .filter((n) => !uses.has(n))
    .sort())
    warnings.push({
      sheet: 'file',
      message: `${name} is attached but no select_one_from_file or select_multiple_from_file question uses it: ignored`,
    });
  return missing;
}

interface FileList {
  list: Choice[];
  /** Columns a choice filter may name: name, label and the others. */
  columns: Set<string>;
  problems: string[];
}

function listFromFile(file: string, content: AttachmentContent, context: FileContext): FileList {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  const isText = typeof content === 'string';
  if (ext === 'csv' && !isText) return listFromCsv(file, content, context);
  if (ext === 'xml' && isText) return listFromXml(file, content, context);
  if (ext === 'geojson' && isText) return listFromGeoJson(file, content, context);
  const expected = ext === 'csv' ? 'rows' : 'text';
  return {
    list: [],
    columns: new Set(),
    problems: [`${file}: its ${expected} were not given to the converter`],
  };
}

/** The choices of one file, checked as a choices sheet's: a name each, unique unless duplicates are allowed. */
class FileChoices {
  readonly list: Choice[] = [];
  readonly columns = new Set(['name', 'label']);
  private readonly problems: string[] = [];
  private more = 0;
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly file: string,
    private readonly allowDuplicates: boolean,
  ) {}

  problem(message: string): void {
    if (this.problems.length < MAX_FILE_PROBLEMS) this.problems.push(message);
    else this.more++;
  }

  /** The choice found at `where` (`line 3`, `feature 2`), built only if its name is good. */
  add(where: string, name: string, build: () => Choice): void {
    const at = `${this.file} ${where}`;
    const first = this.seen.get(name);
    if (!name) this.problem(`${at}: this choice has no name`);
    else if (name.length > 200) this.problem(`${at}: choice names are at most 200 characters`);
    else if (first !== undefined && !this.allowDuplicates)
      this.problem(`${at}: duplicate choice ${name} (first at ${first})`);
    else {
      if (first === undefined) this.seen.set(name, where);
      this.list.push(build());
    }
  }

  result(): FileList {
    const problems = [...this.problems];
    if (this.more > 0)
      problems.push(`${this.file}: ${this.more} more problem${this.more === 1 ? '' : 's'} like these`);
    else if (problems.length === 0 && this.list.length === 0) problems.push(`${this.file} has no choices`);
    return { list: this.list, columns: this.columns, problems };
  }
}

const refused = (problem: string): FileList => ({ list: [], columns: new Set(), problems: [problem] });

/** Only the columns that hold text: as in a choices sheet, an empty cell is no value. */
function extraOf(
  cells: Iterable<[string, string]>,
  skip: ReadonlySet<string>,
): Record<string, string> | undefined {
  const extra = Object.fromEntries([...cells].filter(([key, value]) => value !== '' && !skip.has(key)));
  return Object.keys(extra).length > 0 ? extra : undefined;
}

function listFromCsv(
  file: string,
  rows: SheetRow[],
  { defaultLanguage, allowDuplicates }: FileContext,
): FileList {
  // Rows carry their header's names: a file with a header and no row has no columns to check either.
  if (rows.every((row) => Sheet.isBlank(row))) return refused(`${file} has no choices`);
  const sheet = new Sheet('choices', rows);
  const has = (key: string, translatable: boolean) =>
    sheet.columns.some((c) => c.key === key && c.translatable === translatable);
  const missing = [has('name', false) ? '' : 'name', has('label', true) ? '' : 'label'].filter(Boolean);
  if (missing.length > 0) {
    const found = [...sheet.columns.map((c) => c.header), ...sheet.otherHeaders].join(', ') || 'none';
    const what = missing.length === 2 ? 'name and label columns' : `${missing[0]} column`;
    return refused(`${file} has no ${what} (its columns: ${found})`);
  }
  const out = new FileChoices(file, allowDuplicates);
  for (const header of sheet.extraHeaders()) out.columns.add(header.trim());
  for (const row of rows) {
    if (Sheet.isBlank(row)) continue;
    const name = sheet.value(row, 'name');
    out.add(`line ${row.row}`, name, () => choiceOf(sheet, row, name, defaultLanguage));
  }
  return out.result();
}

const ITEM_OWN = new Set(['name', 'label']);

/** ODK's XML external instance: the columns of each `<item>` of `<root>` are its child elements. */
function listFromXml(
  file: string,
  text: string,
  { defaultLanguage, allowDuplicates }: FileContext,
): FileList {
  let root;
  try {
    root = parseXml(text);
  } catch (err) {
    if (!(err instanceof XmlError)) throw err;
    return refused(`${file} is not well-formed XML: line ${err.line}: ${err.message}`);
  }
  if (root.name !== 'root')
    return refused(
      `${file}: its top element is <${root.name}>; choices files have <root> with an <item> per choice`,
    );
  const out = new FileChoices(file, allowDuplicates);
  for (const item of root.children) {
    if (item.name !== 'item') continue;
    const cells = new Map<string, string>();
    for (const child of item.children) {
      out.columns.add(child.name);
      if (!cells.has(child.name)) cells.set(child.name, child.text.trim());
    }
    const name = cells.get('name') ?? '';
    const label = cells.get('label');
    out.add(`line ${item.line}`, name, () => {
      const choice: Choice = { name, label: label ? { [defaultLanguage]: label } : {} };
      const extra = extraOf(cells, ITEM_OWN);
      if (extra) choice.extra = extra;
      return choice;
    });
  }
  return out.result();
}

const NOTHING = new Set<string>();

/**
 * A GeoJSON FeatureCollection: every column (properties, id, geometry) is kept in `extra`, so a filter or
 * instance() reading `name`, `label` or `title` sees the feature's own property, as in ODK.
 */
function listFromGeoJson(
  file: string,
  text: string,
  { defaultLanguage, allowDuplicates }: FileContext,
): FileList {
  const out = new FileChoices(file, allowDuplicates);
  for (const { index, columns } of readFeatures(file, text, (m) => out.problem(m))) {
    for (const key of Object.keys(columns)) out.columns.add(key);
    const name = columns.id ?? '';
    const title = columns.title?.trim();
    out.add(`feature ${index}`, name, () => {
      const choice: Choice = { name, label: title ? { [defaultLanguage]: title } : {} };
      const extra = extraOf(Object.entries(columns), NOTHING);
      if (extra) choice.extra = extra;
      return choice;
    });
  }
  return out.result();
}
