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
import { misspellingHint } from './sheetNames';
import { readSurvey, type SurveyResult } from './survey';
import { lastSavedConflict, triggerProblems } from './triggers';
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

  for (const { sheet, row, header, columns } of sheets.duplicateHeaders ?? []) {
    const message = `Duplicate column header ${header} (columns ${columns.join(', ')}): keep one`;
    issues.push({ sheet, row, column: header, message });
  }
  const hint = (wanted: string) => misspellingHint(wanted, sheets.sheetNames);
  if (!sheets.survey.some((row) => !Sheet.isBlank(row)))
    issues.push({ sheet: 'survey', message: `The survey sheet is missing or empty${hint('survey')}` });
  else if (sheets.settings.length === 0 && hint('settings'))
    warnings.push({ sheet: 'settings', message: `No settings sheet${hint('settings')}` });
  const read = readSurvey(survey, defaultLanguage, languages, issues, warnings);
  issues.push(...triggerProblems(read.items, survey.header('trigger')));
  issues.push(
    ...lastSavedConflict(
      read.checks.map((c) => c.source),
      read.selects.filter((s) => s.itemsetFile),
    ),
  );
  const choices = readChoices(choiceSheet, defaultLanguage, settings.allowChoiceDuplicates, issues);
  const externalSheet = new Sheet('external_choices', sheets.external_choices ?? []);
  const external = readChoices(externalSheet, defaultLanguage, settings.allowChoiceDuplicates, issues);
  const fileContext = {
    defaultLanguage,
    allowDuplicates: settings.allowChoiceDuplicates,
    requireAttachments: options.requireAttachments ?? false,
  };
  const allAttached = options.attachments ?? {};
  const fileLists = new Set(read.selects.filter((s) => s.itemsetFile).map((s) => s.listName));
  const data = readDataFiles(
    read.checks,
    (id) => !!choices.lists[id] || !!external.lists[id] || fileLists.has(id),
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
  const misspelled = {
    choices: sheets.choices.length === 0 ? hint('choices') : '',
    external: externalSheet.rows.length === 0 ? hint('external_choices') : '',
  };
  checkSelects(read, { choices, external }, languages, issues, misspelled);
  const copies = expandLoops(read.loops, choices.lists, defaultLanguage, issues);
  for (const [name, row] of copies) {
    const first = read.names.get(name)?.[0];
    const message = `The loop makes a field ${name}, which is already the name of row ${first}`;
    if (first !== undefined) issues.push({ sheet: 'survey', row, column: survey.header('type'), message });
  }
  const known = new Map(read.names);
  for (const [name, row] of copies) known.set(name, [...(known.get(name) ?? []), row]);
  const scope = { names: known, choices, loops: read.loops, data };
  for (const check of read.checks) checkOne(check, scope, issues, warnings);
  if (settings.instanceName) {
    const { value, header, row } = settings.instanceName;
    checkOne({ row, column: header, kind: 'expression', source: value }, scope, issues, warnings, 'settings');
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
  { choices, external }: { choices: ChoiceLists; external: ChoiceLists },
  languages: string[],
  issues: XlsFormIssue[],
  misspelled: { choices: string; external: string },
): void {
  for (const select of read.selects) {
    const at = { sheet: 'survey' as const, row: select.row, column: select.column };
    if (select.external) {
      useExternalList(
        select.listName,
        { choices, external },
        (message) => issues.push({ ...at, message }),
        misspelled.external,
      );
      continue;
    }
    const list = choices.lists[select.listName];
    // Choices from a file are checked by readItemsetFiles.
    if (select.itemsetFile) continue;
    if (!list) {
      const message = `Choice list ${select.listName} is not in the choices sheet${misspelled.choices}`;
      issues.push({ ...at, message });
    } else if (select.orOther) addOtherChoice(list, languages);
  }
}

/**
 * select_one_external LIST takes its choices from the external_choices sheet, as in pyxform; ODK Collect
 * reads them from itemsets.csv, filtered by the choice filter. A browser has no such file: the list joins
 * the form's lists, with the external sheet's columns for its choice filter.
 */
function useExternalList(
  listName: string,
  { choices, external }: { choices: ChoiceLists; external: ChoiceLists },
  issue: (message: string) => void,
  misspelled: string,
): void {
  const list = external.lists[listName];
  // Without the list, its columns are unknown: its choice filter is checked for syntax only.
  if (!list) choices.fileColumns.set(listName, undefined);
  if (!list)
    issue(
      external.firstRow.size === 0
        ? `select_one_external ${listName} needs an external_choices sheet with the list ${listName}${misspelled}`
        : `Choice list ${listName} is not in the external_choices sheet`,
    );
  else if (choices.lists[listName] && choices.lists[listName] !== list)
    issue(`Choice list ${listName} is in both the choices and the external_choices sheets: rename one`);
  else {
    choices.lists[listName] = list;
    choices.fileColumns.set(listName, external.filterColumns);
  }
}

interface CheckScope {
  /** Each name with the rows that carry it. */
  names: ReadonlyMap<string, readonly number[]>;
  choices: ChoiceLists;
  loops: readonly PendingLoop[];
  data: DataFiles;
}

function checkOne(
  check: PendingCheck,
  { names, choices, loops, data }: CheckScope,
  issues: XlsFormIssue[],
  warnings: XlsFormIssue[],
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
    for (const message of result.warnings ?? []) warnings.push({ ...at, message });
    const isList = (list: string) =>
      !!choices.lists[list] || choices.fileColumns.has(list) || data.columns.has(list);
    for (const message of instanceProblems(result.instances, isList, columnsOf))
      issues.push({ ...at, message });
  }
  for (const name of new Set(references)) {
    const rows = names.get(name);
    if (!rows && check.display) {
      const message = `\${${name}} is not a field of this form: the text shows nothing in its place`;
      warnings.push({ ...at, message });
    } else if (!rows) issues.push({ ...at, message: `\${${name}} is not a field of this form` });
    else if (rows.length > 1) {
      // pyxform's rule: a reference must name one item; the same name in two groups is ambiguous.
      const message = `\${${name}} is ambiguous: rows ${rows.join(', ')} are all named ${name}; rename them so each name is used once`;
      issues.push({ ...at, message });
    }
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

const SHEET_ORDER = { file: 0, settings: 1, survey: 2, choices: 3, external_choices: 4 };

/** Sheet by sheet, row by row: the order an author fixes them in. */
function sortIssues(issues: XlsFormIssue[]): XlsFormIssue[] {
  return [...issues].sort(
    (a, b) => SHEET_ORDER[a.sheet] - SHEET_ORDER[b.sheet] || (a.row ?? 0) - (b.row ?? 0),
  );
}
