import { languageCode, slugify } from './languages';
import { Sheet } from './sheet';
import type { SheetRow, XlsFormIssue } from './types';

export interface XlsSettings {
  title?: string;
  id?: string;
  version?: string;
  defaultLanguage?: string;
  instanceName?: { value: string; header: string; row: number };
  style?: string;
  allowChoiceDuplicates: boolean;
}

/** Settings Terrain reads, by header (lowercase, spaces as `_`); others are listed as ignored. */
const KNOWN: Record<string, keyof XlsSettings> = {
  form_title: 'title',
  title: 'title',
  form_id: 'id',
  id_string: 'id',
  version: 'version',
  default_language: 'defaultLanguage',
  instance_name: 'instanceName',
  style: 'style',
  allow_choice_duplicates: 'allowChoiceDuplicates',
};

const keyOf = (header: string) => header.trim().toLowerCase().replace(/\s+/g, '_');

/** The first row of the settings sheet that holds anything (XLSForm has one row of settings). */
export function readSettings(rows: SheetRow[], warnings: XlsFormIssue[]): XlsSettings {
  const settings: XlsSettings = { allowChoiceDuplicates: false };
  const row = rows.find((r) => !Sheet.isBlank(r));
  if (!row) return settings;
  for (const [header, raw] of Object.entries(row.cells)) {
    const value = raw.trim();
    const field = KNOWN[keyOf(header)];
    if (!field) {
      if (value !== '')
        warnings.push({ sheet: 'settings', row: row.row, column: header, message: 'Setting ignored' });
      continue;
    }
    if (value === '') continue;
    if (field === 'allowChoiceDuplicates')
      settings.allowChoiceDuplicates = /^(yes|true|true\(\))$/i.test(value);
    else if (field === 'instanceName') settings.instanceName = { value, header, row: row.row };
    else if (field === 'defaultLanguage') settings.defaultLanguage = languageCode(value);
    else settings[field] = value;
  }
  return settings;
}

/** A form id from a file name or a free-text id: `Enquête ménage 2024.xlsx` → `enquete-menage-2024`. */
export function formIdFrom(text: string): string {
  const slug = slugify(text.replace(/\.(xlsx|xls|csv)$/i, '')).slice(0, 64);
  return slug === '' ? 'form' : slug;
}

/** The default version: the minute of the import as `YYYYMMDDHHmm` (UTC), so later imports sort later. */
export function versionAt(now: Date): string {
  return now.toISOString().slice(0, 16).replace(/[-T:]/g, '');
}
