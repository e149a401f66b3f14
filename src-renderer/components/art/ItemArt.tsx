import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { OutputOf } from '../../../src-shared/contract';
import type { ArtDecision } from '../../../src-shared/contract/art';
import type { ArtChannel } from '../../../src-shared/contract/orders';
import { formatInstantBR } from '../../../src-shared/domain/dates';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import { getClient } from '../../api/client';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { getLocale, t } from '../../i18n';
import { ErrorBox } from '../ErrorBox';
import { Field } from '../Field';
import { useFileLink } from '../finance/links';
import { ConfirmDialog, Modal } from '../Modal';
import { Spinner } from '../Spinner';
import { useToast } from '../Toasts';

type ItemState = OutputOf<'art.forOrder'>['items'][number];
type Art = NonNullable<ItemState['current']>;
type Channel = z.infer<typeof ArtChannel>;
type Decision = z.infer<typeof ArtDecision>;

export const ART_CHANNELS: readonly Channel[] = ['whatsapp', 'email', 'balcao', 'telefone'];
const ACCEPT = '.pdf,.tif,.tiff,.psd,.ai,.eps,.cdr,.svg,.jpg,.jpeg,.png,.webp';

/** Refetches every art view after a change (the order's version moved too). */
function useArtRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['art'] });
    void queryClient.invalidateQueries({ queryKey: ['orders'] });
  };
}

/** The art's picture: its thumbnail when the preview exists, "gerando prévia…" meanwhile, else a generic file icon with the format. */
export function ArtThumb({
  thumbUrl,
  previewUrl,
  preview,
  format,
  name,
  size = 96,
}: {
  thumbUrl: string | null;
  previewUrl?: string | null;
  preview?: Art['preview'];
  format: string | null;
  name: string | null;
  size?: number;
}) {
  const thumb = useFileLink(thumbUrl);
  const full = useFileLink(previewUrl ?? null);
  if (thumbUrl) {
    const img = thumb && (
      <img src={thumb} alt={name ?? ''} loading="lazy" width={size} height={size} className="art-thumb-img" />
    );
    return full ? (
      <a href={full} target="_blank" rel="noreferrer noopener" title={t('art.openPreview')} data-testid="art-thumb">
        {img}
      </a>
    ) : (
      <span data-testid="art-thumb">{img}</span>
    );
  }
  return (
    <span
      className="art-icon"
      style={{ width: size, height: size }}
      data-testid={preview === 'gerando' ? 'art-generating' : 'art-icon'}
      title={name ?? undefined}
    >
      <span className="art-icon-format">{(format ?? 'link').toUpperCase()}</span>
      {preview === 'gerando' && <span className="small">{t('art.generating')}</span>}
    </span>
  );
}

function ArtLinks({ art }: { art: Art }) {
  const download = useFileLink(art.downloadUrl);
  if (art.kind === 'link' && art.linkUrl) {
    return (
      <a href={art.linkUrl} target="_blank" rel="noreferrer noopener" data-testid="art-open-link">
        {t('art.openLink')}
      </a>
    );
  }
  return download ? (
    <a href={download} download={art.name} data-testid="art-download">
      {t('art.download')}
    </a>
  ) : null;
}

/** Sends an art file to `art.upload` as multipart (the server streams it to disk; never a data URL). */
async function uploadArtFile(orderId: number, itemId: number, file: File): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = getClient().tokens.state().token;
  const res = await fetch(`/api/orders/${orderId}/items/${itemId}/art`, {
    method: 'POST',
    headers: { 'Accept-Language': getLocale(), ...(token && { authorization: `Bearer ${token}` }) },
    body: form,
  });
  if (res.ok) return;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: a proxy or a dropped connection
  }
  const error = (body as { error?: unknown } | null)?.error;
  throw error ? toAppError(error) : new AppError('INTERNAL', msg('error.INTERNAL'), {}, getLocale());
}

/** Aprovar / pedir alteração: channel and a note; the decision goes to `art.decide`. */
export function ArtDecisionDialog({
  orderId,
  itemId,
  position,
  decision,
  onClose,
}: {
  orderId: number;
  itemId: number;
  position: number;
  decision: Decision;
  onClose: () => void;
}) {
  const decide = useCallMutation('art.decide');
  const toast = useToast();
  const refresh = useArtRefresh();
  const [channel, setChannel] = useState<Channel>('whatsapp');
  const [note, setNote] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await decide.mutateAsync({ id: orderId, itemId, decision, channel, ...(note.trim() && { note: note.trim() }) });
      refresh();
      toast(t(`art.decided.${decision}`, { position }));
      onClose();
    } catch {
      // shown below
    }
  };
  return (
    <Modal title={t(`art.decisionTitle.${decision}`, { position })} onClose={onClose} testId="art-decision-dialog">
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <Field name="art-channel" label={t('art.channel')}>
          {(p) => (
            <select {...p} value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
              {ART_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`orders.artChannel.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="art-note" label={t('art.note')} optional>
          {(p) => <textarea {...p} rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <ErrorBox error={decide.error ? toAppError(decide.error) : null} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className={decision === 'aprovada' ? 'btn btn-primary' : 'btn'}
            disabled={decide.isPending}
            data-testid="art-decision-save"
          >
            {decide.isPending && <Spinner small />}
            {decision === 'aprovada' ? t('art.approve') : t('art.requestChange')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * An order item's art on the order page: the art in use (thumbnail, or icon and name; download or
 * open the link), send a file (browser) or give a link, aprovar / pedir alteração, and the
 * approvals so far.
 */
export function ItemArtPanel({
  orderId,
  state,
  canWrite,
  canApprove,
  maxMb,
}: {
  orderId: number;
  state: ItemState;
  canWrite: boolean;
  canApprove: boolean;
  maxMb: number | null;
}) {
  const toast = useToast();
  const refresh = useArtRefresh();
  const addLink = useCallMutation('art.addLink');
  const remove = useCallMutation('art.remove');
  const [uploading, setUploading] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [url, setUrl] = useState('');
  const [linkName, setLinkName] = useState('');
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [removing, setRemoving] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const http = !('balcao' in window);
  const art = state.current;

  const upload = async (file: File) => {
    setError(null);
    setUploading(file.name);
    try {
      await uploadArtFile(orderId, state.itemId, file);
      refresh();
      toast(t('art.saved'));
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setUploading(null);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const saveLink = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await addLink.mutateAsync({
        id: orderId,
        itemId: state.itemId,
        url: url.trim(),
        ...(linkName.trim() && { name: linkName.trim() }),
      });
      setUrl('');
      setLinkName('');
      setLinkOpen(false);
      refresh();
      toast(t('art.saved'));
    } catch (err) {
      setError(toAppError(err));
    }
  };

  const doRemove = async () => {
    if (!art) return;
    try {
      await remove.mutateAsync({ id: orderId, itemId: state.itemId, artId: art.id });
      setRemoving(false);
      refresh();
    } catch {
      // shown in the dialog
    }
  };

  return (
    <div className="item-art" data-testid={`item-art-${state.position}`}>
      <h3 className="item-art-title">{t('art.title')}</h3>
      {art ? (
        <div className="item-art-current" data-testid="art-current">
          <ArtThumb
            thumbUrl={art.thumbUrl}
            previewUrl={art.previewUrl}
            preview={art.preview}
            format={art.format}
            name={art.name}
          />
          <div className="item-art-facts">
            <strong className="item-art-name" data-testid="art-name">
              {art.name}
            </strong>
            <span className="muted small">
              {art.format ? art.format.toUpperCase() : t('art.link')}
              {art.sizeBytes !== null &&
                ` · ${t('art.sizeMb', { mb: (art.sizeBytes / 1024 / 1024).toFixed(1).replace('.', ',') })}`}
              {' · '}
              {formatInstantBR(art.createdAt)}
              {art.createdByName && ` · ${art.createdByName}`}
            </span>
            {art.preview === 'indisponivel' && <span className="muted small">{t('art.previewFailed')}</span>}
            {art.preview === 'nenhuma' && art.format && (
              <span className="muted small">{t('art.noPreview', { format: art.format.toUpperCase() })}</span>
            )}
            <span className="item-art-actions">
              <ArtLinks art={art} />
              {canWrite && (
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  onClick={() => setRemoving(true)}
                  data-testid="art-remove"
                >
                  {t('art.remove')}
                </button>
              )}
            </span>
            {state.previous.length > 0 && (
              <span className="muted small">{t('art.previous', { count: state.previous.length })}</span>
            )}
          </div>
        </div>
      ) : (
        <p className="muted small">{t('art.none')}</p>
      )}

      {canApprove && art && (
        <div className="item-art-decide">
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => setDeciding('aprovada')}
            data-testid="art-approve"
          >
            {t('art.approve')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setDeciding('alteracao')}
            data-testid="art-request-change"
          >
            {t('art.requestChange')}
          </button>
        </div>
      )}

      {canWrite && (
        <div className="item-art-send">
          {http ? (
            <label className="btn btn-small">
              {uploading ? <Spinner small /> : null}
              {uploading ? t('art.uploading', { name: uploading }) : t('art.upload')}
              <input
                ref={fileRef}
                type="file"
                accept={ACCEPT}
                className="visually-hidden"
                disabled={uploading !== null}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void upload(file);
                }}
                data-testid="art-file"
              />
            </label>
          ) : (
            <span className="muted small">{t('art.uploadDesktop')}</span>
          )}
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => setLinkOpen((o) => !o)}
            data-testid="art-link-toggle"
          >
            {t('art.link')}
          </button>
          {maxMb !== null && http && <span className="muted small">{t('art.uploadHint', { mb: maxMb })}</span>}
        </div>
      )}
      {linkOpen && (
        <form className="item-art-link" onSubmit={(e) => void saveLink(e)}>
          <Field name="art-url" label={t('art.linkUrl')}>
            {(p) => <input {...p} type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} />}
          </Field>
          <Field name="art-link-name" label={t('art.linkName')} optional>
            {(p) => <input {...p} value={linkName} maxLength={200} onChange={(e) => setLinkName(e.target.value)} />}
          </Field>
          <button type="submit" className="btn btn-small" disabled={addLink.isPending} data-testid="art-link-save">
            {t('art.linkSave')}
          </button>
        </form>
      )}
      <ErrorBox error={error} />

      {state.approvals.length > 0 && (
        <details className="item-art-history">
          <summary>{t('art.history')}</summary>
          <ul className="small" data-testid="art-approvals">
            {state.approvals.map((a) => (
              <li key={a.id}>
                {t('art.decisionLine', {
                  decision: t(`art.decision.${a.decision}`),
                  channel: t(`orders.artChannel.${a.channel}`),
                  who: a.byName ?? '—',
                  when: formatInstantBR(a.at),
                })}
                {a.note && <span className="pre"> — {a.note}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}

      {deciding && (
        <ArtDecisionDialog
          orderId={orderId}
          itemId={state.itemId}
          position={state.position}
          decision={deciding}
          onClose={() => setDeciding(null)}
        />
      )}
      {removing && art && (
        <ConfirmDialog
          title={t('art.removeTitle')}
          message={t('art.removeConfirm', { name: art.name })}
          confirmLabel={t('art.remove')}
          danger
          busy={remove.isPending}
          error={<ErrorBox error={remove.error ? toAppError(remove.error) : null} />}
          onConfirm={() => void doRemove()}
          onCancel={() => setRemoving(false)}
        />
      )}
    </div>
  );
}

/** The order's art, item by item (one query for the whole order; asked again every 2 s while a preview is being made). */
export function useOrderArt(orderId: number) {
  const [poll, setPoll] = useState(false);
  const art = useCall('art.forOrder', { id: orderId }, { ...(poll && { refetchIntervalMs: 2000 }) });
  const generating = art.data?.items.some((i) => i.current?.preview === 'gerando') ?? false;
  useEffect(() => {
    setPoll(generating);
  }, [generating]);
  return art;
}
