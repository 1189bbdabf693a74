import type { ReviewStatus } from '../records/review';

/**
 * The data table of a form (issue 14): its rows, and how a sort, a status filter and a search pick and
 * order them. Pure, so the browser's repository runs it over what the device holds and tests run it alone.
 */

/** What a cell sorts by: text, a number (integer and decimal answers, so 10 comes after 9), or nothing. */
export type SortValue = string | number | null;

export interface TableRow {
  id: string;
  /** The submission's review status (null: not reviewed). */
  status: ReviewStatus | null;
  /** One per shown column, in the columns' order: what it sorts by. */
  values: SortValue[];
  /** One per shown column: the text the table shows, which the search box matches. */
  texts: string[];
  /** The texts folded (foldText) once, for rows kept in memory and searched at every keystroke. */
  folded?: string[];
}

/** `none`: not reviewed yet; `all`: no filter. */
export type StatusFilter = 'all' | 'none' | ReviewStatus;

export interface TableQuery {
  /** The index of the column to sort by (in the shown columns), or null for the repository's order. */
  sortColumn: number | null;
  descending: boolean;
  status: StatusFilter;
  search: string;
}

export const DEFAULT_QUERY: TableQuery = { sortColumn: null, descending: false, status: 'all', search: '' };

/** Lower case, without accents or surrounding spaces: "Maïga" is found by "maiga". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

export function matchesStatus(status: ReviewStatus | null, filter: StatusFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'none') return status === null;
  return status === filter;
}

/** True when the (folded) needle is in one of the row's shown cells; an empty needle matches every row. */
export function matchesSearch(row: TableRow, foldedNeedle: string): boolean {
  if (!foldedNeedle) return true;
  if (row.folded) return row.folded.some((text) => text.includes(foldedNeedle));
  return row.texts.some((text) => foldText(text).includes(foldedNeedle));
}

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/**
 * Ascending order of two cells: empty cells last (whatever the direction, see `queryRows`), numbers before
 * text, numbers by value, text as a French reader orders it (accents after their letter, "2" before "10").
 */
export function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return collator.compare(a, b);
}

/**
 * The rows the query shows, in its order. Filter first (the cheap part), then a stable sort; ties keep the
 * input order, so the repository's order (newest first) stays the second key. Empty cells stay last in both
 * directions: a reader sorting by "household size" looks at the sizes, not at the blanks.
 */
export function queryRows(rows: readonly TableRow[], query: TableQuery): TableRow[] {
  const needle = foldText(query.search);
  const kept = rows.filter((row) => matchesStatus(row.status, query.status) && matchesSearch(row, needle));
  const column = query.sortColumn;
  if (column === null) return kept;
  const sign = query.descending ? -1 : 1;
  return kept
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      const a = x.row.values[column] ?? null;
      const b = y.row.values[column] ?? null;
      if (a === null || b === null) return a === b ? x.index - y.index : a === null ? 1 : -1;
      return sign * compareValues(a, b) || x.index - y.index;
    })
    .map(({ row }) => row);
}

/** The text of an answer: choices by their label, lists joined, a file or a place by its parts. */
export function answerText(value: unknown, labelOf: (choice: string) => string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => answerText(v, labelOf)).join(', ');
  if (typeof value === 'object') {
    const parts = Object.values(value as Record<string, unknown>).map((v) => answerText(v, labelOf));
    return parts.filter(Boolean).join(', ');
  }
  if (typeof value === 'string') return labelOf(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** What an answer sorts by: numbers as numbers, anything else by its text, nothing when unanswered. */
export function answerSortValue(value: unknown, text: string): SortValue {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return text === '' ? null : text;
}
