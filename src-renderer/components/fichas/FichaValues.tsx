import { useState } from 'react';
import type { OutputOf } from '../../../src-shared/contract';
import { pickTemplate } from '../../../src-shared/domain/ficha-templates';
import { useCall, useCallMutation } from '../../api/hooks';
import { t } from '../../i18n';
import { useSession } from '../../session';
import { ErrorBox } from '../ErrorBox';
import { useToast } from '../Toasts';

type Item = OutputOf<'orders.get'>['items'][number];
type Ficha = OutputOf<'fichas.get'>;

/**
 * The item's ficha: its template and the custom fields production fills in (temperature and time
 * of the press, fabric tension…), kept with the ficha and printed on it.
 */
export function FichaValues({ orderId, item }: { orderId: number; item: Item }) {
  const session = useSession();
  const templates = useCall('fichaTemplates.list', {});
  const fichas = useCall('fichas.list', { orderId, itemId: item.id });
  const ficha = fichas.data?.items.at(-1);
  if (!templates.data || !fichas.data) return null;
  const fallback = pickTemplate(templates.data.items, item.productionType);
  return (
    <details className="ficha-values" data-testid="ficha-values">
      <summary>{t('fichas.values')}</summary>
      <ValuesForm
        key={`${ficha?.id ?? 'new'}-${ficha?.version ?? 0}`}
        orderId={orderId}
        itemId={item.id}
        ficha={ficha}
        templates={templates.data.items}
        initialTemplate={ficha?.templateId ?? fallback?.id ?? null}
        canWrite={session.can('fichas.write')}
      />
    </details>
  );
}

function ValuesForm({
  orderId,
  itemId,
  ficha,
  templates,
  initialTemplate,
  canWrite,
}: {
  orderId: number;
  itemId: number;
  ficha: Ficha | undefined;
  templates: OutputOf<'fichaTemplates.list'>['items'];
  initialTemplate: number | null;
  canWrite: boolean;
}) {
  const toast = useToast();
  const [templateId, setTemplateId] = useState(initialTemplate);
  const [values, setValues] = useState<Record<string, string>>(ficha?.values ?? {});
  const create = useCallMutation('fichas.create');
  const update = useCallMutation('fichas.update');
  const template = templates.find((x) => x.id === templateId);
  const error = create.error ?? update.error;
  const save = async () => {
    if (templateId === null) return;
    const own = Object.fromEntries(Object.entries(values).filter(([k]) => template?.fields.some((f) => f.key === k)));
    if (ficha) await update.mutateAsync({ id: ficha.id, version: ficha.version, templateId, values: own });
    else await create.mutateAsync({ orderId, itemId, templateId, values: own });
    toast(t('fichas.valuesSaved'));
  };
  return (
    <div className="ficha-values-form">
      <label className="field">
        <span>{t('fichas.template')}</span>
        <select
          value={templateId ?? ''}
          disabled={!canWrite}
          onChange={(e) => setTemplateId(Number(e.target.value))}
          data-testid="ficha-template"
        >
          {templates.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      {template?.fields.map((f) => (
        <label key={f.key} className="field">
          <span>{f.label}</span>
          <input
            value={values[f.key] ?? ''}
            readOnly={!canWrite}
            maxLength={500}
            onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            data-testid={`ficha-value-${f.key}`}
          />
        </label>
      ))}
      <ErrorBox error={error} />
      {canWrite && (
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => void save().catch(() => {})}
          disabled={create.isPending || update.isPending}
          data-testid="ficha-values-save"
        >
          {t('fichas.saveValues')}
        </button>
      )}
    </div>
  );
}
