import type { LabelMedia } from '../definition';
import type { LocalizedText } from '../../i18n/localized';
import { parseColumn, type Column } from './columns';
import type { SheetName, SheetRow, XlsFormIssue } from './types';

/** Columns of the choices sheet that are the choice itself; every other one is kept in `extra`. */
const CHOICE_OWN_KEYS = new Set(['list_name', 'name', 'label', 'media:image', 'media:big-image']);
const MEDIA_KEYS = {
  image: 'media:image',
  bigImage: 'media:big-image',
  audio: 'media:audio',
  video: 'media:video',
};

/**
 * A sheet read through its headers: cells by canonical key, translatable cells as LocalizedText. Columns it
 * does not know are reported once as warnings (they may be Kobo or Enketo extensions the author relies on).
 */
export class Sheet {
  readonly columns: Column[] = [];
  /** Headers of columns no key claims, in order (choices keep them as `extra`). */
  readonly otherHeaders: string[] = [];

  constructor(
    readonly name: SheetName,
    readonly rows: SheetRow[],
  ) {
    const seen = new Set<string>();
    for (const row of rows) {
      for (const header of Object.keys(row.cells)) {
        if (seen.has(header) || header.trim() === '') continue;
        seen.add(header);
        const column = parseColumn(header);
        if (column) this.columns.push(column);
        else this.otherHeaders.push(header);
      }
    }
  }

  /** Languages of the translatable columns, in header order (undefined: a column without language). */
  languages(): (string | undefined)[] {
    return this.columns.filter((c) => c.translatable).map((c) => c.lang);
  }

  unknownColumnWarnings(known: (header: string) => boolean = () => false): XlsFormIssue[] {
    return this.otherHeaders
      .filter((header) => !known(header))
      .map((header) => ({ sheet: this.name, column: header, message: 'Unknown column, ignored' }));
  }

  /** The trimmed text of a plain column, and the header it was read from ('' if absent or empty). */
  cell(row: SheetRow, key: string): { value: string; header: string } {
    for (const column of this.columns) {
      if (column.key !== key || column.translatable) continue;
      const value = (row.cells[column.header] ?? '').trim();
      if (value !== '') return { value, header: column.header };
    }
    return { value: '', header: this.header(key) };
  }

  value(row: SheetRow, key: string): string {
    return this.cell(row, key).value;
  }

  /** The header the author used for a key, for messages (the canonical key if the sheet lacks it). */
  header(key: string): string {
    return this.columns.find((c) => c.key === key)?.header ?? key;
  }

  /** A translatable column as text per language; a column in the default language yields to a tagged one. */
  localized(row: SheetRow, key: string, defaultLanguage: string): LocalizedText | undefined {
    const text: LocalizedText = {};
    const ordered = [...this.columns].sort(
      (a, b) => Number(a.lang === undefined) - Number(b.lang === undefined),
    );
    for (const column of ordered) {
      if (column.key !== key || !column.translatable) continue;
      const value = (row.cells[column.header] ?? '').trim();
      const lang = column.lang ?? defaultLanguage;
      if (value !== '' && text[lang] === undefined) text[lang] = value;
    }
    return Object.keys(text).length > 0 ? text : undefined;
  }

  media(row: SheetRow, defaultLanguage: string): LabelMedia | undefined {
    const media: LabelMedia = {};
    for (const [field, key] of Object.entries(MEDIA_KEYS) as [keyof LabelMedia, string][]) {
      const text = this.localized(row, key, defaultLanguage);
      if (text) media[field] = text;
    }
    return Object.keys(media).length > 0 ? media : undefined;
  }

  /** Headers of the columns a choice keeps in `extra` (all but its name, labels and images). */
  extraHeaders(): string[] {
    return [
      ...this.otherHeaders,
      ...this.columns.filter((c) => !CHOICE_OWN_KEYS.has(c.key) && !c.translatable).map((c) => c.header),
    ];
  }

  /** The other columns of a choices row (filter columns such as `state`), non-empty values only. */
  extra(row: SheetRow): Record<string, string> | undefined {
    const extra: Record<string, string> = {};
    for (const header of this.extraHeaders()) {
      const value = (row.cells[header] ?? '').trim();
      if (value !== '') extra[header.trim()] = value;
    }
    return Object.keys(extra).length > 0 ? extra : undefined;
  }

  /**
   * Plain columns that mean the same thing and both hold a value on this row (`name` and its old spelling
   * `value`): pyxform refuses the row rather than pick one. Returns the later header of each such pair.
   */
  conflicts(row: SheetRow): { header: string; other: string }[] {
    const firstOf = new Map<string, string>();
    const out: { header: string; other: string }[] = [];
    for (const column of this.columns) {
      if (column.translatable || (row.cells[column.header] ?? '').trim() === '') continue;
      const other = firstOf.get(column.key);
      if (other === undefined) firstOf.set(column.key, column.header);
      else out.push({ header: column.header, other });
    }
    return out;
  }

  /** True if no cell of the row holds text. */
  static isBlank(row: SheetRow): boolean {
    return Object.values(row.cells).every((v) => v.trim() === '');
  }
}
