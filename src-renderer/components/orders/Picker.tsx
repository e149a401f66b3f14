import { type KeyboardEvent, type ReactNode, useId, useState } from 'react';
import type { OutputOf } from '../../../src-shared/contract';
import { useCall } from '../../api/hooks';
import { useDebounced } from '../../hooks/useDebounced';
import { t } from '../../i18n';
import { cityUf, displayDocument, formatCentsOrDash } from '../../lib/format';
import type { ControlProps } from '../Field';
import { Spinner } from '../Spinner';

export interface PickerOption<T> {
  id: number;
  label: string;
  detail?: ReactNode;
  data: T;
}

/**
 * A search box with a list of matches (a combobox): type, then click or use ↑ ↓ Enter. Shows the
 * chosen record's name while it is not being searched.
 */
export function PickerBox<T>({
  control,
  selectedLabel,
  text,
  onText,
  options,
  loading,
  onPick,
  onClear,
  placeholder,
  disabled,
}: {
  control: ControlProps;
  selectedLabel: string;
  text: string;
  onText: (text: string) => void;
  options: ReadonlyArray<PickerOption<T>>;
  loading: boolean;
  onPick: (option: PickerOption<T>) => void;
  onClear?: () => void;
  placeholder?: string;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const pick = (option: PickerOption<T>) => {
    onPick(option);
    onText('');
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, Math.max(0, options.length - 1)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter') {
      if (!open) return;
      e.preventDefault();
      const option = options[active];
      if (option) pick(option);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };
  const showList = open && !disabled;
  return (
    <div className="picker">
      <input
        {...control}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && options[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        maxLength={100}
        disabled={disabled}
        placeholder={selectedLabel || placeholder}
        value={open ? text : selectedLabel || text}
        onFocus={() => {
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          onText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {selectedLabel && onClear && !disabled && (
        <button
          type="button"
          className="picker-clear"
          aria-label={t('orders.picker.clear')}
          onClick={() => onClear()}
          data-testid={`${control['data-testid']}-clear`}
        >
          ×
        </button>
      )}
      {showList && (
        <div className="picker-list" id={listId} role="listbox">
          {loading && options.length === 0 && (
            <div className="picker-empty">
              <Spinner small /> {t('common.loading')}
            </div>
          )}
          {!loading && options.length === 0 && <div className="picker-empty">{t('orders.picker.none')}</div>}
          {options.map((option, i) => (
            <div
              key={option.id}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={i === active ? 'picker-option active' : 'picker-option'}
              data-testid="picker-option"
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(option)}
              onKeyDown={() => {}}
            >
              <span className="picker-label">{option.label}</span>
              {option.detail && <span className="picker-detail">{option.detail}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

type CustomerRow = OutputOf<'customers.list'>['items'][number];

/** Chooses a customer among thousands: searches by name, CPF/CNPJ, phone or city. */
export function CustomerPicker({
  control,
  value,
  onChange,
  clearable,
  disabled,
}: {
  control: ControlProps;
  value: { id: number; name: string } | null;
  onChange: (customer: { id: number; name: string } | null) => void;
  clearable?: boolean;
  disabled?: boolean;
}) {
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const list = useCall(
    'customers.list',
    { page: 1, perPage: 10, active: 'true', sort: 'name', ...(search && { search }) },
    { keepPrevious: true },
  );
  const options: Array<PickerOption<CustomerRow>> = (list.data?.items ?? []).map((c) => ({
    id: c.id,
    label: c.name,
    detail: [displayDocument(c.document), cityUf(c.address)].filter(Boolean).join(' · '),
    data: c,
  }));
  return (
    <PickerBox
      control={control}
      selectedLabel={value?.name ?? ''}
      text={text}
      onText={setText}
      options={options}
      loading={list.isFetching}
      onPick={(o) => onChange({ id: o.id, name: o.label })}
      {...(clearable && { onClear: () => onChange(null) })}
      placeholder={t('orders.picker.customer')}
      disabled={disabled}
    />
  );
}

export type ProductRow = OutputOf<'products.list'>['items'][number];

/** Chooses an active product or service; the item takes its unit and price. */
export function ProductPicker({
  control,
  value,
  onChange,
  disabled,
}: {
  control: ControlProps;
  value: { id: number; name: string } | null;
  onChange: (product: ProductRow) => void;
  disabled?: boolean;
}) {
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 200);
  const list = useCall(
    'products.list',
    { page: 1, perPage: 20, active: 'true', ...(search && { search }) },
    { keepPrevious: true },
  );
  const options: Array<PickerOption<ProductRow>> = (list.data?.items ?? []).map((p) => ({
    id: p.id,
    label: p.name,
    detail: `${formatCentsOrDash(p.priceCents)} / ${t(`registry.unit.${p.unit}`)} · ${p.productionType}`,
    data: p,
  }));
  return (
    <PickerBox
      control={control}
      selectedLabel={value?.name ?? ''}
      text={text}
      onText={setText}
      options={options}
      loading={list.isFetching}
      onPick={(o) => onChange(o.data)}
      placeholder={t('orders.picker.product')}
      disabled={disabled}
    />
  );
}
