import { useId, useState } from 'react';
import { useCall } from '../../api/hooks';
import { useDebounced } from '../../hooks/useDebounced';
import { t } from '../../i18n';
import { displayDocument } from '../../lib/format';
import type { ControlProps } from '../Field';

export interface PickedCustomer {
  id: number;
  name: string;
}

/** Search a customer by name, CPF/CNPJ or phone and pick one; shows the picked one with a clear button. */
export function CustomerPicker({
  control,
  value,
  onChange,
}: {
  control: ControlProps;
  value: PickedCustomer | null;
  onChange: (value: PickedCustomer | null) => void;
}) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const search = useDebounced(text.trim(), 250);
  const listId = useId();
  const results = useCall(
    'customers.list',
    { page: 1, perPage: 8, search, active: 'all', sort: 'name' },
    { enabled: open && search.length >= 2, keepPrevious: true },
  );

  if (value) {
    return (
      <div className="fin-picked">
        <span className="chip" data-testid={`${control['data-testid']}-picked`}>
          {value.name}
          <button
            type="button"
            className="chip-remove"
            aria-label={t('finance.filter.clearCustomer')}
            onClick={() => onChange(null)}
          >
            ×
          </button>
        </span>
      </div>
    );
  }
  const items = search.length >= 2 ? (results.data?.items ?? []) : [];
  return (
    <div className="fin-picker">
      <input
        {...control}
        type="search"
        aria-describedby={open && items.length > 0 ? listId : control['aria-describedby']}
        autoComplete="off"
        maxLength={100}
        placeholder={t('finance.filter.customerPlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {open && items.length > 0 && (
        <ul id={listId} className="fin-picker-list">
          {items.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="fin-picker-option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  onChange({ id: c.id, name: c.name });
                  setText('');
                  setOpen(false);
                }}
                data-testid="customer-option"
              >
                {c.name} {c.document && <span className="muted small">{displayDocument(c.document)}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
