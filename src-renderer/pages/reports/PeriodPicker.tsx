import type { InputOf } from '../../../src-shared/contract';
import { PERIOD_PRESETS, type PeriodPreset } from '../../../src-shared/domain/periods';
import { DateFilterField } from '../../components/DateInput';
import { t } from '../../i18n';
import { dateFilter } from '../../lib/format';

export type Basis = 'entrada' | 'entrega';

/** The period every report asks: a preset or personalizado (dd/mm/aaaa typed), and the date basis. */
export interface PeriodState {
  preset: PeriodPreset;
  from: string;
  to: string;
  basis: Basis;
}

export const INITIAL_PERIOD: PeriodState = { preset: 'mes', from: '', to: '', basis: 'entrada' };

export function parsePeriod(stored: unknown, initial: PeriodState = INITIAL_PERIOD): PeriodState {
  if (typeof stored !== 'object' || stored === null) return initial;
  const s = stored as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const preset = PERIOD_PRESETS.includes(s.preset as PeriodPreset) ? (s.preset as PeriodPreset) : initial.preset;
  return { preset, from: str(s.from), to: str(s.to), basis: s.basis === 'entrega' ? 'entrega' : 'entrada' };
}

/** The procedure input for the period, or null while a custom date is incomplete or invalid. */
export function periodInput(
  state: PeriodState,
): Pick<InputOf<'reports.closing'>, 'preset' | 'from' | 'to' | 'basis'> | null {
  if (state.preset !== 'personalizado') return { preset: state.preset, basis: state.basis };
  const from = dateFilter(state.from);
  const to = dateFilter(state.to);
  if (!from.iso || !to.iso) return null;
  return { preset: 'personalizado', from: from.iso, to: to.iso, basis: state.basis };
}

export function PeriodPicker({
  state,
  onChange,
  basis = true,
}: {
  state: PeriodState;
  onChange: (next: PeriodState) => void;
  basis?: boolean;
}) {
  const from = dateFilter(state.from);
  const to = dateFilter(state.to);
  return (
    <div className="report-period" data-testid="report-period">
      <fieldset className="report-presets" aria-label={t('reports.period')}>
        {PERIOD_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={state.preset === p ? 'btn btn-small btn-primary' : 'btn btn-small'}
            aria-pressed={state.preset === p}
            data-testid={`report-preset-${p}`}
            onClick={() => onChange({ ...state, preset: p })}
          >
            {t(`reports.preset.${p}`)}
          </button>
        ))}
      </fieldset>
      {state.preset === 'personalizado' && (
        <div className="filters-grid">
          <DateFilterField
            name="report-from"
            label={t('reports.from')}
            error={from.error}
            value={state.from}
            onChange={(v) => onChange({ ...state, from: v })}
          />
          <DateFilterField
            name="report-to"
            label={t('reports.to')}
            error={to.error}
            value={state.to}
            onChange={(v) => onChange({ ...state, to: v })}
          />
        </div>
      )}
      {basis && (
        <label className="report-basis">
          <span>{t('reports.basis')}</span>
          <select
            value={state.basis}
            data-testid="report-basis"
            onChange={(e) => onChange({ ...state, basis: e.target.value === 'entrega' ? 'entrega' : 'entrada' })}
          >
            <option value="entrada">{t('reports.basis.entrada')}</option>
            <option value="entrega">{t('reports.basis.entrega')}</option>
          </select>
        </label>
      )}
    </div>
  );
}
