import { useT } from '../../i18n/useT';
import type { ColumnChoice } from './columns';

/** The column picker: a checkbox per column, in a disclosure so a long form's questions fold away. */
export function ColumnPicker({
  columns,
  shown,
  onChange,
}: {
  columns: readonly ColumnChoice[];
  shown: readonly string[];
  onChange: (keys: string[]) => void;
}) {
  const { t } = useT();
  const toggle = (key: string, on: boolean) => {
    // Kept in the form's column order whatever the order of the clicks.
    const next = new Set(shown);
    if (on) next.add(key);
    else next.delete(key);
    onChange(columns.map((c) => c.key).filter((k) => next.has(k)));
  };
  return (
    <details className="data-columns">
      <summary>{t('table.columns')}</summary>
      <fieldset>
        <legend>{t('table.columnsHint')}</legend>
        {columns.map((column) => (
          <label key={column.key}>
            <input
              type="checkbox"
              checked={shown.includes(column.key)}
              onChange={(event) => toggle(column.key, event.target.checked)}
            />{' '}
            {column.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
