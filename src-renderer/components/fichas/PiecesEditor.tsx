import { type ClipboardEvent, useState } from 'react';
import {
  type PieceName,
  parseNames,
  parseSizeGrid,
  SIZES,
  type SizeCount,
  sizeGridTotal,
  sortSizes,
} from '../../../src-shared/domain/size-grid';
import { t } from '../../i18n';

const namesToText = (names: readonly PieceName[]) =>
  names.map((n) => [n.name, n.number, n.size ?? ''].join('\t').replace(/\t+$/, '')).join('\n');

/**
 * The item's size grid (PP…EXG, a count each) and its names and numbers, on the order form. A grid
 * or a list copied from a spreadsheet can be pasted: into any size box (the whole grid) or into the
 * names box (one piece per line: name, number, size).
 */
export function PiecesEditor({
  index,
  quantity,
  sizeGrid,
  names,
  errors,
  onChange,
}: {
  index: number;
  quantity: number | null;
  sizeGrid: SizeCount[];
  names: PieceName[];
  errors: { sizeGrid?: string | undefined; names?: string | undefined };
  onChange: (patch: { sizeGrid?: SizeCount[]; names?: PieceName[] }) => void;
}) {
  const [namesText, setNamesText] = useState(() => namesToText(names));
  const [pasteError, setPasteError] = useState(false);
  const sizes = [...SIZES, ...sizeGrid.map((s) => s.size).filter((s) => !(SIZES as readonly string[]).includes(s))];
  const countOf = (size: string) => sizeGrid.find((s) => s.size === size)?.quantity ?? 0;
  const setCount = (size: string, text: string) => {
    const n = Number(text.replace(/\D/g, '').slice(0, 6) || '0');
    const rest = sizeGrid.filter((s) => s.size !== size);
    onChange({ sizeGrid: sortSizes(n > 0 ? [...rest, { size, quantity: n }] : rest) });
  };
  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    if (!/[\n\t;]/.test(text)) return;
    e.preventDefault();
    const grid = parseSizeGrid(text);
    setPasteError(grid === null);
    if (grid) onChange({ sizeGrid: grid });
  };
  const sum = sizeGridTotal(sizeGrid);
  const open = sizeGrid.length > 0 || names.length > 0;
  return (
    <details className="pieces-details" open={open} data-testid={`item-${index}-pieces`}>
      <summary>{t('pieces.pieces')}</summary>
      <div className="pieces-editor">
        <fieldset className={errors.sizeGrid ? 'field has-error' : 'field'}>
          <legend>{t('pieces.sizeGrid')}</legend>
          <div className="size-grid-inputs">
            {sizes.map((size) => (
              <label key={size}>
                {size}
                <input
                  className="size-count"
                  inputMode="numeric"
                  value={countOf(size) || ''}
                  onChange={(e) => setCount(size, e.target.value)}
                  onPaste={onPaste}
                  data-testid={`size-${size}`}
                />
              </label>
            ))}
          </div>
          <small
            className={sizeGrid.length > 0 && quantity !== null && sum !== quantity ? 'hint text-overdue' : 'hint'}
          >
            {sizeGrid.length > 0 && t('pieces.sizeGridSum', { sum, quantity: quantity ?? 0 })}{' '}
            {t('pieces.sizeGridHint')}
          </small>
          {pasteError && <p className="field-error">{t('pieces.pasteInvalid')}</p>}
          {errors.sizeGrid && <p className="field-error">{errors.sizeGrid}</p>}
        </fieldset>
        <label className={errors.names ? 'field has-error' : 'field'}>
          <span>
            {t('pieces.names')} <span className="muted">({t('pieces.namesCount', { count: names.length })})</span>
          </span>
          <textarea
            rows={4}
            value={namesText}
            onChange={(e) => {
              setNamesText(e.target.value);
              onChange({ names: parseNames(e.target.value) });
            }}
            data-testid="item-names"
          />
          <small className="hint">{t('pieces.namesHint')}</small>
          {errors.names && <p className="field-error">{errors.names}</p>}
        </label>
      </div>
    </details>
  );
}
