import { type FormEvent, useState } from 'react';
import type { OutputOf } from '../../../src-shared/contract';
import type { AppError, FieldErrors } from '../../../src-shared/errors';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { ArtSettingsCard } from '../../components/art/ArtSettings';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Spinner';
import { TagInput } from '../../components/TagInput';
import { useToast } from '../../components/Toasts';
import { t } from '../../i18n';
import { onlyInt } from '../../lib/order-form';
import { FINANCE_STAGE, stageKeyFrom, validateProductionSettings } from '../../lib/production-settings';

type Settings = OutputOf<'settings.production.get'>;

interface StageRow {
  /** React key (a new stage has no stored key until saved). */
  rowKey: string;
  key: string;
  label: string;
  /** Saved stages keep their key (orders refer to it); new ones derive it from the label. */
  isNew: boolean;
}

let seq = 0;

function toRows(settings: Settings): StageRow[] {
  return settings.stages.map((s) => ({ rowKey: `s${++seq}`, key: s.key, label: s.label, isNew: false }));
}

/** `/configuracoes/producao` (admin, gerente): stages, production types, art approval, stalled hours. */
export function ProductionSettingsPage() {
  const settings = useCall('settings.production.get', {});
  /** What the form was loaded from: a change by someone else is announced, never pulled in over typing. */
  const [loaded, setLoaded] = useState<{ settings: Settings; n: number } | null>(null);
  if (settings.data && !loaded) setLoaded({ settings: settings.data, n: 0 });
  if (settings.isPending || !loaded) {
    return settings.isError ? <ErrorBox error={settings.error} onRetry={() => void settings.refetch()} /> : <Loading />;
  }
  const changed = settings.data !== undefined && JSON.stringify(settings.data) !== JSON.stringify(loaded.settings);
  return (
    <>
      {changed && settings.data && (
        <div className="alert alert-warn" role="alert" data-testid="stale-banner">
          <span>{t('production.changedElsewhere')}</span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => settings.data && setLoaded({ settings: settings.data, n: loaded.n + 1 })}
            data-testid="stale-reload"
          >
            {t('orders.stale.reload')}
          </button>
        </div>
      )}
      <SettingsForm
        key={loaded.n}
        settings={loaded.settings}
        onSaved={(saved) => setLoaded({ settings: saved, n: loaded.n + 1 })}
      />
      <ArtSettingsCard />
    </>
  );
}

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: (saved: Settings) => void }) {
  const toast = useToast();
  const [stages, setStages] = useState<StageRow[]>(() => toRows(settings));
  const [types, setTypes] = useState<string[]>(settings.productionTypes);
  const [requireArt, setRequireArt] = useState(settings.requireArtApproval);
  const [stalled, setStalled] = useState(String(settings.stalledHours));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<AppError | null>(null);
  const save = useCallMutation('settings.production.update');

  const move = (index: number, delta: number) => {
    setStages((list) => {
      const next = [...list];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index + delta, 0, row);
      return next;
    });
  };
  const setLabel = (index: number, label: string) =>
    setStages((list) =>
      list.map((s, i) => (i === index ? { ...s, label, ...(s.isNew && { key: stageKeyFrom(label, list, i) }) } : s)),
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const input = {
      stages: stages.map((s) => ({ key: s.key, label: s.label.trim() })),
      productionTypes: types,
      requireArtApproval: requireArt,
      stalledHours: Number(stalled),
    };
    const found = validateProductionSettings(input);
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      const saved = await save.mutateAsync(input);
      toast(t('production.saved'));
      onSaved(saved);
    } catch (err) {
      const error = toAppError(err);
      setErrors(error.fields ?? {});
      setGeneral(error);
    }
  };

  return (
    <section className="page" data-testid="production-settings-page">
      <div className="page-header">
        <h1>{t('production.title')}</h1>
      </div>
      <form className="form card" onSubmit={submit} noValidate data-testid="production-settings-form">
        <fieldset className="group">
          <legend>{t('production.stages')}</legend>
          <p className="hint">{t('production.stagesHint')}</p>
          <ol className="stage-editor">
            {stages.map((stage, index) => {
              const isFinance = index === 0 && stage.key === FINANCE_STAGE;
              return (
                <li key={stage.rowKey} data-testid="stage-row">
                  <Field
                    name={`stages.${index}.label`}
                    label={t('production.stageLabel', { n: index + 1 })}
                    error={errors[`stages.${index}.label`] ?? errors[`stages.${index}.key`]}
                    hint={t('production.stageKey', { key: stage.key || '—' })}
                  >
                    {(p) => (
                      <input
                        {...p}
                        maxLength={40}
                        value={stage.label}
                        onChange={(e) => setLabel(index, e.target.value)}
                      />
                    )}
                  </Field>
                  <div className="stage-buttons">
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => move(index, -1)}
                      disabled={isFinance || index <= 1}
                      aria-label={t('production.up', { stage: stage.label })}
                      data-testid="stage-up"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => move(index, 1)}
                      disabled={isFinance || index === stages.length - 1}
                      aria-label={t('production.down', { stage: stage.label })}
                      data-testid="stage-down"
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="btn btn-small btn-danger-outline"
                      onClick={() => setStages((list) => list.filter((_, i) => i !== index))}
                      disabled={isFinance || stages.length <= 1}
                      aria-label={t('production.remove', { stage: stage.label })}
                      data-testid="stage-remove"
                    >
                      {t('production.removeShort')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          {errors.stages && <p className="field-error">{errors.stages}</p>}
          <button
            type="button"
            className="btn btn-small"
            disabled={stages.length >= 12}
            onClick={() => setStages((list) => [...list, { rowKey: `s${++seq}`, key: '', label: '', isNew: true }])}
            data-testid="stage-add"
          >
            + {t('production.addStage')}
          </button>
          <Notice>{t('production.stagesNote')}</Notice>
        </fieldset>

        <Field
          name="productionTypes"
          label={t('production.types')}
          error={errors.productionTypes}
          hint={t('production.typesHint')}
        >
          {(p) => <TagInput control={p} tags={types} suggestions={[]} onChange={setTypes} />}
        </Field>

        <label className="checkbox">
          <input
            type="checkbox"
            checked={requireArt}
            onChange={(e) => setRequireArt(e.target.checked)}
            data-testid="field-requireArtApproval"
          />
          {t('production.requireArt')}
        </label>

        <Field
          name="stalledHours"
          label={t('production.stalledHours')}
          error={errors.stalledHours}
          hint={t('production.stalledHint')}
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              className="input-short"
              value={stalled}
              onChange={(e) => setStalled(onlyInt(e.target.value, 3))}
            />
          )}
        </Field>

        <ErrorBox error={general} testId="form-error" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="production-save">
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
