import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { TableQuery } from '../../core/table/dataTable';
import {
  buildRows,
  pageOf,
  readFormSource,
  type FormTablePage,
  type TableColumn,
} from '../repositories/formTable';
import { useSignedIn } from './useSignedIn';

/**
 * One page of a form's data table, live. The form's submissions and their review statuses are read from
 * IndexedDB (and opened, when sealed) once, then again only when they change: a Dexie live query that
 * depends on the form alone, not on the query. The rows are built again only when the shown columns
 * change, and a sort, a filter, a search or a page change works on the rows held in memory.
 * `columns` must keep its identity while the shown columns do not change (memoize it).
 */
export function useFormTable(
  projectId: string,
  formId: string,
  columns: readonly TableColumn[],
  query: TableQuery,
  offset: number,
  limit: number,
): FormTablePage | undefined {
  const { db } = useSignedIn();
  const source = useLiveQuery(() => readFormSource(db, projectId, formId), [db, projectId, formId]);
  const rows = useMemo(() => (source ? buildRows(source, columns) : undefined), [source, columns]);
  const { sortColumn, descending, status, search } = query;
  return useMemo(
    () => (rows ? pageOf(rows, { sortColumn, descending, status, search }, offset, limit) : undefined),
    [rows, sortColumn, descending, status, search, offset, limit],
  );
}
