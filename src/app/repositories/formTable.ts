import type { ReviewStatus } from '../../core/records/review';
import {
  foldText,
  queryRows,
  type SortValue,
  type TableQuery,
  type TableRow,
} from '../../core/table/dataTable';
import type { TerrainDb } from '../db/TerrainDb';
import type { SubmissionRecord } from '../db/schema';

/** One column of a form's data table: what its cell of a submission shows and sorts by. */
export interface TableColumn {
  key: string;
  cell: (submission: SubmissionRecord, status: ReviewStatus | null) => { value: SortValue; text: string };
}

export interface FormTableRequest {
  projectId: string;
  formId: string;
  /** The shown columns: only their cells are built, and the search matches only them. */
  columns: readonly TableColumn[];
  query: TableQuery;
  offset: number;
  limit: number;
}

export interface FormTablePage {
  /** The rows of the page asked for, in the query's order. */
  rows: TableRow[];
  /** How many rows the filter and search keep (what the pages go through). */
  matching: number;
  /** How many current submissions of the form the device holds. */
  total: number;
}

/** What a form's table is built from: the form's current submissions as the device holds them, each with its review status. */
export interface FormTableSource {
  submissions: SubmissionRecord[];
  /** The review status of each submission, in the same order (null: not reviewed, or withdrawn). */
  statuses: (ReviewStatus | null)[];
}

/**
 * The rows of a form's data table, read from the device only (so it works offline): the current version
 * of each submission of the form in the project (corrections replace what they correct; discarded ones
 * never reached the server and are left out), newest finalized first, with its review status. This is the
 * costly part (every row read from IndexedDB, and opened when the store is sealed): the page reads it once
 * and again only when the submissions or reviews change (useFormTable, a Dexie live query), and serves
 * every sort, filter, search and page from what it holds (buildRows, pageOf).
 */
export async function readFormSource(
  db: TerrainDb,
  projectId: string,
  formId: string,
): Promise<FormTableSource> {
  return db.transaction('r', [db.submissions, db.reviews], async () => {
    // One getAll by the formId index, filtered here: a Dexie filter would walk a cursor row by row, many
    // times slower over thousands of rows (and quadratic on fake-indexeddb).
    const submissions = (await db.submissions.where('formId').equals(formId).toArray()).filter(
      (s) => s.projectId === projectId && s.versionState === undefined && !s.discardedAt,
    );
    // ISO date-times compare as text; the id breaks ties so every reader gets one order.
    submissions.sort((a, b) => byText(b.finalizedAt, a.finalizedAt) || byText(a.id, b.id));
    const reviews = await db.reviews.bulkGet(submissions.map((s) => s.id));
    const statuses = reviews.map((review) => (review && !review.deleted ? review.status : null));
    return { submissions, statuses };
  });
}

/** The table's rows with the shown columns' cells only (the search matches only them). */
export function buildRows(source: FormTableSource, columns: readonly TableColumn[]): TableRow[] {
  return source.submissions.map((submission, i): TableRow => {
    const status = source.statuses[i] ?? null;
    const cells = columns.map((column) => column.cell(submission, status));
    return { id: submission.id, status, values: cells.map((c) => c.value), texts: cells.map((c) => c.text) };
  });
}

/**
 * One page of the rows, as the query sorts, filters and searches them: only that page leaves. The first
 * search folds the rows' texts (accents, case) once and keeps them on the rows (buildRows' own objects), so
 * the next keystrokes only compare.
 */
export function pageOf(
  rows: readonly TableRow[],
  query: TableQuery,
  offset: number,
  limit: number,
): FormTablePage {
  if (query.search.trim() !== '') for (const row of rows) row.folded ??= row.texts.map(foldText);
  const shown = queryRows(rows, query);
  return { rows: shown.slice(offset, offset + limit), matching: shown.length, total: rows.length };
}

/** One page of a form's data table, read afresh (readFormSource, buildRows, pageOf). */
export async function listFormTable(db: TerrainDb, request: FormTableRequest): Promise<FormTablePage> {
  const { projectId, formId, columns, query, offset, limit } = request;
  return pageOf(buildRows(await readFormSource(db, projectId, formId), columns), query, offset, limit);
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
