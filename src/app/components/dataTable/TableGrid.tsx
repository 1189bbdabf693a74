import type { TableRow } from '../../../core/table/dataTable';
import { useT } from '../../i18n/useT';
import { hrefOf } from '../../state/router';
import type { ColumnChoice } from './columns';

export interface SortState {
  key: string;
  descending: boolean;
}

/**
 * The table itself: one page of rows. Each header is a button that sorts by its column (again: the other
 * way), with `aria-sort` on the sorted one; the first cell of a row opens the submission. With `selected`,
 * a checkbox per row and one for the page (native inputs: Tab and Space work as everywhere).
 */
export function TableGrid({
  caption,
  columns,
  rows,
  sort,
  onSort,
  selected,
  onSelect,
}: {
  caption: string;
  columns: readonly ColumnChoice[];
  rows: readonly TableRow[];
  sort: SortState | null;
  onSort: (key: string) => void;
  /** The selected ids; absent when the user may not act on several rows. */
  selected?: ReadonlySet<string>;
  onSelect?: (ids: readonly string[], on: boolean) => void;
}) {
  const { t } = useT();
  const selectable = selected !== undefined && onSelect !== undefined;
  const pageIds = rows.map((r) => r.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected?.has(id));
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {selectable ? (
            <th scope="col" className="select">
              <input
                type="checkbox"
                aria-label={t('table.selectPage')}
                checked={allOnPage}
                onChange={(event) => onSelect(pageIds, event.target.checked)}
              />
            </th>
          ) : null}
          {columns.map((column) => {
            const sorted = sort?.key === column.key;
            return (
              <th
                key={column.key}
                scope="col"
                aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : undefined}
              >
                <button type="button" onClick={() => onSort(column.key)}>
                  {column.label}
                  {sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const name = row.texts.find(Boolean) ?? row.id;
          return (
            <tr key={row.id}>
              {selectable ? (
                <td className="select">
                  <input
                    type="checkbox"
                    aria-label={t('table.select', { name })}
                    checked={selected.has(row.id)}
                    onChange={(event) => onSelect([row.id], event.target.checked)}
                  />
                </td>
              ) : null}
              {row.texts.map((text, i) =>
                i === 0 ? (
                  <th key={columns[i]?.key ?? i} scope="row">
                    <a href={hrefOf({ name: 'submission', id: row.id })}>{text || t('table.open')}</a>
                  </th>
                ) : (
                  <td
                    key={columns[i]?.key ?? i}
                    className={typeof row.values[i] === 'number' ? 'num' : undefined}
                  >
                    {text}
                  </td>
                ),
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
