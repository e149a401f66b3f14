import { useEffect, useState } from 'react';
import { t } from '../i18n';
import { type ColumnChoice, isColumnShown, parseColumnChoice, type TableColumn } from '../lib/table';

function readStored(key: string): unknown {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

/** The columns this user chose for a table, remembered on this device (`balcao.columns.<tableId>`). */
export function useColumnChoice<T>(
  tableId: string,
  columns: readonly TableColumn<T>[],
): [ColumnChoice, (id: string, shown: boolean) => void] {
  const storageKey = `balcao.columns.${tableId}`;
  const [choice, setChoice] = useState<ColumnChoice>(() => parseColumnChoice(readStored(storageKey), columns));
  useEffect(() => {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(choice));
    } catch {
      // Storage blocked or full: the choice lasts while the page is open.
    }
  }, [storageKey, choice]);
  return [choice, (id, shown) => setChoice((c) => ({ ...c, [id]: shown }))];
}

/** "Colunas": a checkbox per column that may be hidden. */
export function ColumnChooser<T>({
  tableId,
  columns,
  choice,
  onChange,
}: {
  tableId: string;
  columns: readonly TableColumn<T>[];
  choice: ColumnChoice;
  onChange: (id: string, shown: boolean) => void;
}) {
  const hideable = columns.filter((c) => !c.required);
  if (hideable.length === 0) return null;
  return (
    <details className="column-chooser" data-testid={`columns-${tableId}`}>
      <summary>{t('table.columns')}</summary>
      <div className="column-chooser-list">
        {hideable.map((column) => (
          <label key={column.id} className="checkbox">
            <input
              type="checkbox"
              checked={isColumnShown(column, choice)}
              onChange={(e) => onChange(column.id, e.target.checked)}
              data-testid={`column-${column.id}`}
            />
            {column.header}
          </label>
        ))}
      </div>
    </details>
  );
}

/** A header that sorts: its label, the direction mark, and a click. */
export function SortButton({
  id,
  label,
  active,
  desc,
  onClick,
}: {
  id: string;
  label: string;
  active: boolean;
  desc: boolean;
  onClick: () => void;
}) {
  return (
    <button type="button" className="th-sort" onClick={onClick} data-testid={`sort-${id}`}>
      {label}
      <span className="th-sort-mark" aria-hidden="true">
        {active ? (desc ? '▼' : '▲') : '↕'}
      </span>
    </button>
  );
}
