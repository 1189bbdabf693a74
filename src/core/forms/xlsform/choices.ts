import type { Choice } from '../definition';
import { Sheet } from './sheet';
import type { SheetRow, XlsFormIssue } from './types';

export interface ChoiceLists {
  lists: Record<string, Choice[]>;
  /** Where each list begins, for messages about it. */
  firstRow: Map<string, number>;
  /** Column names a choice filter may use: name, label and every extra column. */
  filterColumns: Set<string>;
  /**
   * The same for lists from attached files (itemsetFiles.ts), by list name; undefined for a file that could
   * not be read (already reported), whose columns are unknown.
   */
  fileColumns: Map<string, Set<string> | undefined>;
}

/** Reads the choices sheet (or external_choices): every list, labels per language, media and the other columns as `extra`. */
export function readChoices(
  sheet: Sheet,
  defaultLanguage: string,
  allowDuplicates: boolean,
  issues: XlsFormIssue[],
): ChoiceLists {
  const lists: Record<string, Choice[]> = {};
  const firstRow = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const row of sheet.rows) {
    if (Sheet.isBlank(row)) continue;
    const listName = sheet.value(row, 'list_name');
    const name = sheet.cell(row, 'name');
    const at = (key: string) => ({ sheet: sheet.name, row: row.row, column: sheet.header(key) });
    if (!listName) {
      // A row of notes beside the lists (some forms have them) is not a choice; a named one without list is.
      if (name.value) issues.push({ ...at('list_name'), message: `Choice ${name.value} has no list name` });
      continue;
    }
    if (!name.value) {
      issues.push({ ...at('name'), message: `A choice of list ${listName} has no name` });
      continue;
    }
    if (name.value.length > 200) {
      issues.push({ ...at('name'), message: 'Choice names are at most 200 characters' });
      continue;
    }
    const key = `${listName}\u0000${name.value}`;
    const first = seen.get(key);
    if (first !== undefined && !allowDuplicates) {
      issues.push({
        ...at('name'),
        message: `Duplicate choice ${name.value} in list ${listName} (first at row ${first}); set allow_choice_duplicates to yes in the settings sheet if intended`,
      });
      continue;
    }
    seen.set(key, row.row);
    if (!firstRow.has(listName)) firstRow.set(listName, row.row);
    (lists[listName] ??= []).push(choiceOf(sheet, row, name.value, defaultLanguage));
  }
  const filterColumns = new Set(['name', 'label', ...sheet.otherHeaders.map((h) => h.trim())]);
  return { lists, firstRow, filterColumns, fileColumns: new Map() };
}

/** One row of a choices sheet (or of an attached CSV) as a choice: labels per language, media, extra columns. */
export function choiceOf(sheet: Sheet, row: SheetRow, name: string, defaultLanguage: string): Choice {
  const choice: Choice = { name, label: sheet.localized(row, 'label', defaultLanguage) ?? {} };
  const media = sheet.media(row, defaultLanguage);
  if (media) choice.media = media;
  const extra = sheet.extra(row);
  if (extra) choice.extra = extra;
  return choice;
}

/** pyxform's `or_other`: the list gains an `other` choice, labelled in each language of the form. */
export function addOtherChoice(list: Choice[], languages: readonly string[]): void {
  if (list.some((c) => c.name === 'other')) return;
  const label = Object.fromEntries(languages.map((lang) => [lang, lang === 'fr' ? 'Autre' : 'Other']));
  list.push({ name: 'other', label });
}
