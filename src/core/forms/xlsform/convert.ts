import { FormDefinition } from '../definition';
import { addOtherChoice, readChoices, type ChoiceLists } from './choices';
import { readDataFiles, type DataFiles } from './dataFiles';
import { checkChoiceFilter, checkExpression, instanceProblems, textReferences } from './expressions';
import { readItemsetFiles } from './itemsetFiles';
import { expandLoops, type PendingLoop } from './loops';
import { finishPersonal } from './personal';
import type { PendingCheck } from './question';
import { formIdFrom, readSettings, versionAt, type XlsSettings } from './settings';
import { Sheet } from './sheet';
import { readSurvey, type SurveyResult } from './survey';
import type { ConvertOptions, ConvertResult, XlsFormIssue, XlsFormSheets } from './types';

const FORM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Converts the rows of an XLSForm into Terrain's form definition. Pure: no I/O, so it can run on the server
 * or in a browser chunk. Either the whole form, or every problem found (never a half form).
 */
export function convertXlsForm(sheets: XlsFormSheets, options: ConvertOptions = {}): ConvertResult {
  const issues: XlsFormIssue[] = [];
  const warnings: XlsFormIssue[] = [];
  const survey = new Sheet('survey', sheets.survey);
  const choiceSheet = new Sheet('choices', sheets.choices);
  const settings = readSettings(sheets.settings, warnings);
  warnings.push(...survey.unknownColumnWarnings());

  // Languages in header order; text in columns without a language belongs to the default one.
  const tagged = [...survey.languages(), ...choiceSheet.languages()].filter((l): l is string => !!l);
  const defaultLanguage = settings.defaultLanguage ?? tagged[0] ?? 'und';
  const languages = [...new Set([defaultLanguage, ...tagged])];

  if (!sheets.survey.some((row) => !Sheet.isBlank(row)))
    issues.push({ sheet: 'survey', message: 'The survey sheet is missing or empty' });
  const read = readSurvey(survey, defaultLanguage, languages, issues, warnings);
  const choices = readChoices(choiceSheet, defaultLanguage, settings.allowChoiceDuplicates, issues);
  const fileContext = {
    defaultLanguage,
    allowDuplicates: settings.allowChoiceDuplicates,
    requireAttachments: options.requireAttachments ?? false,
  };
  const allAttached = options.attachments ?? {};
  const fileLists = new Set(read.selects.filter((s) => s.itemsetFile).map((s) => s.listName));
  const data = readDataFiles(
    read.checks,
    (id) => !!choices.lists[id] || fileLists.has(id),
    allAttached,
    fileContext.requireAttachments,
    issues,
    warnings,
  );
  const attached = Object.fromEntries(Object.entries(allAttached).filter(([name]) => !data.files.has(name)));
  const missingFiles = [
    ...readItemsetFiles(read.selects, attached, choices, fileContext, issues, warnings),
    ...data.missing,
  ];
  checkSelects(read, choices, languages, issues);
  const copies = expandLoops(read.loops, choices.lists, defaultLanguage, issues);
  for (const [name, row] of copies) {
    const first = read.names.get(name);
    const message = `The loop makes a field ${name}, which is already the name of row ${first}`;
    if (first !== undefined) issues.push({ sheet: 'survey', row, column: survey.header('type'), message });
  }
  const known = new Set([...read.names.keys(), ...copies.keys()]);
  const scope = { names: known, choices, loops: read.loops, data };
  for (const check of read.checks) checkOne(check, scope, issues);
  if (settings.instanceName) {
    const { value, header, row } = settings.instanceName;
    checkOne({ row, column: header, kind: 'expression', source: value }, scope, issues, 'settings');
  }

  const head = identity(settings, options, defaultLanguage, warnings, issues);
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues), warnings, missingFiles };
  finishPersonal(read.items);

  const parsed = FormDefinition.safeParse({
    ...head,
    defaultLanguage,
    languages,
    settings: {
      ...(settings.instanceName ? { instanceName: settings.instanceName.value } : {}),
      ...(settings.style ? { style: settings.style } : {}),
    },
    items: read.items,
    choiceLists: choices.lists,
    ...(Object.keys(data.instances).length > 0 ? { secondaryInstances: data.instances } : {}),
  });
  if (!parsed.success) {
    // The checks above should leave nothing for the schema to find; if it does, say where rather than crash.
    const schemaIssues = parsed.error.issues.map((i) => ({
      sheet: 'survey' as const,
      message: `${i.path.join('.')}: ${i.message}`,
    }));
    return { ok: false, issues: schemaIssues, warnings, missingFiles };
  }
  return { ok: true, form: parsed.data, warnings, missingFiles };
}

function checkSelects(
  read: SurveyResult,
  choices: ChoiceLists,
  languages: string[],
  issues: XlsFormIssue[],
): void {
  for (const select of read.selects) {
    const list = choices.lists[select.listName];
    // Choices from a file are checked by readItemsetFiles.
    if (select.itemsetFile) continue;
    if (!list) {
      const message = `Choice list ${select.listName} is not in the choices sheet`;
      issues.push({ sheet: 'survey', row: select.row, column: select.column, message });
    } else if (select.orOther) addOtherChoice(list, languages);
  }
}

interface CheckScope {
  names: ReadonlySet<string>;
  choices: ChoiceLists;
  loops: readonly PendingLoop[];
  data: DataFiles;
}

function checkOne(
  check: PendingCheck,
  { names, choices, loops, data }: CheckScope,
  issues: XlsFormIssue[],
  sheet: 'survey' | 'settings' = 'survey',
): void {
  const at = { sheet, row: check.row, column: check.column };
  let references: readonly string[];
  if (check.kind === 'text') references = textReferences(check.source);
  else {
    // A list read from a file has its own columns; the choices sheet's lists share the sheet's.
    const columnsOf = (list: string | undefined) =>
      list !== undefined && data.columns.has(list)
        ? data.columns.get(list)
        : list !== undefined && choices.fileColumns.has(list)
          ? choices.fileColumns.get(list)
          : choices.filterColumns;
    const result =
      check.kind === 'choiceFilter'
        ? checkChoiceFilter(check.source, columnsOf(check.listName))
        : checkExpression(check.source);
    if (!result.ok) {
      issues.push({ ...at, message: result.message });
      return;
    }
    references = result.references;
    const isList = (list: string) =>
      !!choices.lists[list] || choices.fileColumns.has(list) || data.columns.has(list);
    for (const message of instanceProblems(result.instances, isList, columnsOf))
      issues.push({ ...at, message });
  }
  for (const name of new Set(references)) {
    if (!names.has(name)) issues.push({ ...at, message: `\${${name}} is not a field of this form` });
    // A loop's body exists once per choice: only a row of the same loop knows which copy it means.
    const loop = loops.find((l) => l.names.has(name));
    const inside = loop && sheet === 'survey' && check.row > loop.row && check.row < loop.last;
    if (loop && !inside) {
      const message = `\${${name}} is inside loop ${loop.group.name}, once per choice of ${loop.listName}: name one copy, \${${name}_<choice>}`;
      issues.push({ ...at, message });
    }
  }
}

/** Title, id and version, from the settings sheet or else the file name and the clock. */
function identity(
  settings: XlsSettings,
  options: ConvertOptions,
  defaultLanguage: string,
  warnings: XlsFormIssue[],
  issues: XlsFormIssue[],
) {
  const fileBase = (options.fileName ?? '').replace(/^.*[\\/]/, '').replace(/\.(xlsx|xls|csv)$/i, '');
  let id = settings.id ?? formIdFrom(fileBase);
  if (!FORM_ID.test(id)) {
    const fixed = formIdFrom(id);
    warnings.push({
      sheet: 'settings',
      column: 'form_id',
      message: `form_id ${id} has characters ids cannot hold: ${fixed} is used`,
    });
    id = fixed;
  }
  const version = settings.version ?? versionAt(options.now ?? new Date());
  if (version.length > 40)
    issues.push({ sheet: 'settings', column: 'version', message: 'The version is at most 40 characters' });
  const title = settings.title ?? (fileBase || id);
  return { id, version, title: { [defaultLanguage]: title } };
}

const SHEET_ORDER = { file: 0, settings: 1, survey: 2, choices: 3 };

/** Sheet by sheet, row by row: the order an author fixes them in. */
function sortIssues(issues: XlsFormIssue[]): XlsFormIssue[] {
  return [...issues].sort(
    (a, b) => SHEET_ORDER[a.sheet] - SHEET_ORDER[b.sheet] || (a.row ?? 0) - (b.row ?? 0),
  );
}
