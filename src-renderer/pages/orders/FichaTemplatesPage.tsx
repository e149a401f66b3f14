import { useEffect, useState } from 'react';
import type { InputOf, OutputOf } from '../../../src-shared/contract';
import {
  FICHA_BLOCK_TYPES,
  FICHA_PAPERS,
  type FichaBlockType,
  IMAGE_SOURCES,
} from '../../../src-shared/contract/fichas';
import type { AppError } from '../../../src-shared/errors';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading, Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toasts';
import { useDebounced } from '../../hooks/useDebounced';
import { t } from '../../i18n';
import { pdfBlob } from '../../lib/fichas';

type Template = OutputOf<'fichaTemplates.list'>['items'][number];
type Paper = (typeof FICHA_PAPERS)[number];
type Block = Template['blocks'][number];

interface Draft {
  name: string;
  types: string;
  paper: Paper;
  isDefault: boolean;
  blocks: Block[];
  fields: Array<{ key: string; label: string }>;
}

const toDraft = (x: Template | null): Draft =>
  x
    ? {
        name: x.name,
        types: x.productionTypes.join(', '),
        paper: x.paper,
        isDefault: x.isDefault,
        blocks: x.blocks,
        fields: x.fields,
      }
    : {
        name: t('fichas.templates.newName'),
        types: '',
        paper: 'a4',
        isDefault: false,
        blocks: [{ type: 'cabecalho' }, { type: 'pedido' }, { type: 'cliente' }, { type: 'item' }],
        fields: [],
      };

function toTemplateInput(d: Draft): InputOf<'fichaTemplates.preview'>['template'] {
  return {
    name: d.name,
    productionTypes: d.types
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    paper: d.paper,
    blocks: d.blocks,
    fields: d.fields,
  };
}

const blockLabel = (type: string) =>
  (FICHA_BLOCK_TYPES as readonly string[]).includes(type) ? t(`fichas.block.${type as FichaBlockType}`) : type;

/**
 * `/configuracoes/fichas` (admin, gerente): the ficha templates — paper, blocks in order, custom
 * fields — with a live preview: the unsaved template is rendered by the core as the real PDF
 * (`fichaTemplates.preview`) and shown in a frame, so what is seen is what prints.
 */
export function FichaTemplatesPage() {
  const list = useCall('fichaTemplates.list', {});
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  if (list.isError) return <ErrorBox error={list.error} onRetry={() => void list.refetch()} />;
  if (list.isPending) return <Loading />;
  const items = list.data?.items ?? [];
  const current = selected === 'new' ? null : (items.find((x) => x.id === selected) ?? items[0] ?? null);
  const key = selected === 'new' ? 'new' : `${current?.id}-${current?.version}`;
  return (
    <section className="page page-wide" data-testid="ficha-templates-page">
      <div className="page-header">
        <h1>{t('fichas.templates.title')}</h1>
        <div className="actions">
          <select
            value={selected === 'new' ? 'new' : (current?.id ?? '')}
            onChange={(e) => setSelected(e.target.value === 'new' ? 'new' : Number(e.target.value))}
            aria-label={t('fichas.templates.title')}
            data-testid="ficha-template-select"
          >
            {items.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
            <option value="new">+ {t('fichas.templates.new')}</option>
          </select>
        </div>
      </div>
      <Editor key={key} template={current} onSaved={(id) => setSelected(id)} onDeleted={() => setSelected(null)} />
    </section>
  );
}

function Editor({
  template,
  onSaved,
  onDeleted,
}: {
  template: Template | null;
  onSaved: (id: number) => void;
  onDeleted: () => void;
}) {
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => toDraft(template));
  const [error, setError] = useState<AppError | null>(null);
  const create = useCallMutation('fichaTemplates.create');
  const update = useCallMutation('fichaTemplates.update');
  const remove = useCallMutation('fichaTemplates.delete');
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setBlock = (i: number, patch: Partial<Block>) =>
    set({ blocks: draft.blocks.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  const move = (i: number, by: number) => {
    const blocks = [...draft.blocks];
    const [b] = blocks.splice(i, 1);
    if (b) blocks.splice(i + by, 0, b);
    set({ blocks });
  };
  const save = async () => {
    setError(null);
    try {
      const body = { ...toTemplateInput(draft), isDefault: draft.isDefault };
      const saved = template
        ? await update.mutateAsync({ id: template.id, version: template.version, ...body })
        : await create.mutateAsync(body);
      toast(t('fichas.templates.saved'));
      onSaved(saved.id);
    } catch (err) {
      setError(toAppError(err));
    }
  };
  const del = async () => {
    if (!template) return;
    try {
      await remove.mutateAsync({ id: template.id });
      toast(t('fichas.templates.deleted'));
      onDeleted();
    } catch (err) {
      setError(toAppError(err));
    }
  };
  return (
    <div className="template-editor">
      <div className="card">
        <div className="form-grid">
          <label className="field">
            <span>{t('fichas.templates.name')}</span>
            <input
              value={draft.name}
              maxLength={80}
              onChange={(e) => set({ name: e.target.value })}
              data-testid="template-name"
            />
          </label>
          <label className="field">
            <span>{t('fichas.templates.paper')}</span>
            <select
              value={draft.paper}
              onChange={(e) => set({ paper: e.target.value as Paper })}
              data-testid="template-paper"
            >
              {FICHA_PAPERS.map((p) => (
                <option key={p} value={p}>
                  {t(`fichas.paper.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('fichas.templates.types')}</span>
            <input value={draft.types} onChange={(e) => set({ types: e.target.value })} data-testid="template-types" />
            <small className="hint">{t('fichas.templates.typesHint')}</small>
          </label>
          <label className="inline-field">
            <input type="checkbox" checked={draft.isDefault} onChange={(e) => set({ isDefault: e.target.checked })} />{' '}
            {t('fichas.templates.default')}
          </label>
        </div>

        <h2>{t('fichas.templates.blocks')}</h2>
        <ol className="template-blocks" data-testid="template-blocks">
          {draft.blocks.map((b, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no identity of their own; the position is it
            <li key={i} data-testid="template-block">
              <span className="block-name">{blockLabel(b.type)}</span>
              {b.type === 'imagem' && (
                <select
                  value={b.source ?? ''}
                  onChange={(e) => setBlock(i, { source: e.target.value })}
                  aria-label={t('fichas.templates.source')}
                >
                  {IMAGE_SOURCES.map((s) => (
                    <option key={s} value={s}>
                      {t(`fichas.source.${s}`)}
                    </option>
                  ))}
                </select>
              )}
              <input
                className="input-small"
                placeholder={t('fichas.templates.blockTitle')}
                value={b.title ?? ''}
                maxLength={60}
                onChange={(e) =>
                  set({
                    blocks: draft.blocks.map((x, j) => {
                      if (j !== i) return x;
                      const { title: _title, ...rest } = x;
                      return e.target.value ? { ...rest, title: e.target.value } : rest;
                    }),
                  })
                }
                aria-label={t('fichas.templates.blockTitle')}
              />
              <button
                type="button"
                className="btn btn-small"
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={t('fichas.templates.up', { block: blockLabel(b.type) })}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={i === draft.blocks.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t('fichas.templates.down', { block: blockLabel(b.type) })}
              >
                ↓
              </button>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => set({ blocks: draft.blocks.filter((_, j) => j !== i) })}
                aria-label={t('fichas.templates.remove', { block: blockLabel(b.type) })}
                data-testid="template-block-remove"
              >
                ✕
              </button>
            </li>
          ))}
        </ol>
        <label className="inline-field">
          {t('fichas.templates.addBlock')}{' '}
          <select
            value=""
            onChange={(e) => {
              const type = e.target.value;
              if (type) set({ blocks: [...draft.blocks, type === 'imagem' ? { type, source: 'arte' } : { type }] });
            }}
            data-testid="template-add-block"
          >
            <option value="">—</option>
            {FICHA_BLOCK_TYPES.map((b) => (
              <option key={b} value={b}>
                {blockLabel(b)}
              </option>
            ))}
          </select>
        </label>

        <h2>{t('fichas.templates.fields')}</h2>
        {draft.fields.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a field being typed changes its key; the position is its identity
          <div key={i} className="form-row">
            <input
              value={f.label}
              placeholder={t('fichas.templates.fieldLabel')}
              aria-label={t('fichas.templates.fieldLabel')}
              maxLength={60}
              onChange={(e) =>
                set({ fields: draft.fields.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })
              }
              data-testid="template-field-label"
            />
            <input
              value={f.key}
              placeholder={t('fichas.templates.fieldKey')}
              aria-label={t('fichas.templates.fieldKey')}
              maxLength={40}
              onChange={(e) =>
                set({ fields: draft.fields.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)) })
              }
            />
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={() => set({ fields: draft.fields.filter((_, j) => j !== i) })}
              aria-label={t('fichas.templates.remove', { block: f.label })}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-small"
          onClick={() => set({ fields: [...draft.fields, { key: `campo_${draft.fields.length + 1}`, label: '' }] })}
          data-testid="template-add-field"
        >
          + {t('fichas.templates.addField')}
        </button>

        <ErrorBox error={error} />
        <div className="actions form-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void save()}
            disabled={create.isPending || update.isPending}
            data-testid="template-save"
          >
            {t('common.save')}
          </button>
          {template && (
            <button type="button" className="btn btn-danger" onClick={() => void del()} data-testid="template-delete">
              {t('fichas.templates.delete')}
            </button>
          )}
        </div>
      </div>
      <Preview draft={draft} />
    </div>
  );
}

/** The real PDF of the template as it is being edited, re-rendered half a second after each change. */
function Preview({ draft }: { draft: Draft }) {
  const input = useDebounced(JSON.stringify(toTemplateInput(draft)), 500);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    setBusy(true);
    pdfBlob('fichaTemplates.preview', { template: JSON.parse(input) })
      .then((blob) => {
        if (!alive) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
        setError(null);
      })
      .catch((err: unknown) => alive && setError(toAppError(err)))
      .finally(() => alive && setBusy(false));
    return () => {
      alive = false;
      if (made) setTimeout(() => URL.revokeObjectURL(made as string), 30_000);
    };
  }, [input]);
  return (
    <div className="card template-preview">
      <h2>
        {t('fichas.templates.preview')} {busy && <Spinner small label={t('fichas.templates.updating')} />}
      </h2>
      <p className="muted small">{t('fichas.templates.previewHint')}</p>
      <ErrorBox error={error} />
      {url && (
        <iframe
          src={url}
          title={t('fichas.templates.preview')}
          data-testid="template-preview"
          data-preview-input={input}
        />
      )}
    </div>
  );
}
