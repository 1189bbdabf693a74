import type { ReviewStatus } from '../../core/records/review';
import { queryRows, type SortValue, type TableQuery, type TableRow } from '../../core/table/dataTable';
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

/**
 * One page of a form's data table, read from the device only (so it works offline): the current version
 * of each submission of the form in the project (corrections replace what they correct; discarded ones
 * never reached the server and are left out), newest finalized first, with its review status. Sorting by
 * any question and searching every shown cell needs every row, so the rows are built here, with the shown
 * columns' cells only, and only the asked page leaves: the page's React state holds one page, not 10,000.
 */
export async function listFormTable(db: TerrainDb, request: FormTableRequest): Promise<FormTablePage> {
  const { projectId, formId, columns, query, offset, limit } = request;
  return db.transaction('r', [db.submissions, db.reviews], async () => {
    // One getAll by the formId index, filtered here: a Dexie filter would walk a cursor row by row, many
    // times slower over thousands of rows (and quadratic on fake-indexeddb).
    const submissions = (await db.submissions.where('formId').equals(formId).toArray()).filter(
      (s) => s.projectId === projectId && s.versionState === undefined && !s.discardedAt,
    );
    // ISO date-times compare as text; the id breaks ties so every reader gets one order.
    submissions.sort((a, b) => byText(b.finalizedAt, a.finalizedAt) || byText(a.id, b.id));
    const reviews = await db.reviews.bulkGet(submissions.map((s) => s.id));
    const rows = submissions.map((submission, i): TableRow => {
      const review = reviews[i];
      const status = review && !review.deleted ? review.status : null;
      const cells = columns.map((column) => column.cell(submission, status));
      return {
        id: submission.id,
        status,
        values: cells.map((c) => c.value),
        texts: cells.map((c) => c.text),
      };
    });
    const shown = queryRows(rows, query);
    return { rows: shown.slice(offset, offset + limit), matching: shown.length, total: rows.length };
  });
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
