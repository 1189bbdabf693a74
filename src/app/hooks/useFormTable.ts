import { useLiveQuery } from 'dexie-react-hooks';
import type { TableQuery } from '../../core/table/dataTable';
import { listFormTable, type FormTablePage, type TableColumn } from '../repositories/formTable';
import { useSignedIn } from './useSignedIn';

/**
 * One page of a form's data table, live: it follows pulled submissions and saved reviews. `columns` must
 * keep its identity while the shown columns do not change (memoize it), or the page is read again.
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
  const { sortColumn, descending, status, search } = query;
  return useLiveQuery(
    () =>
      listFormTable(db, {
        projectId,
        formId,
        columns,
        query: { sortColumn, descending, status, search },
        offset,
        limit,
      }),
    [db, projectId, formId, columns, sortColumn, descending, status, search, offset, limit],
  );
}
