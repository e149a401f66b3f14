import { type ClipboardEvent, type DragEvent, useRef, useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { t } from '../../i18n';
import type { OrderItem } from '../../lib/order-form';
import { ErrorBox } from '../ErrorBox';
import { useFileLink } from '../finance/links';
import { ConfirmDialog } from '../Modal';
import { Spinner } from '../Spinner';
import { useToast } from '../Toasts';

type Image = OrderItem['images'][number];

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];

/** One thumbnail: an <img> cannot send the Authorization header, so both URLs are short-lived signed links. */
function Thumb({ image, alt }: { image: Image; alt: string }) {
  const full = useFileLink(image.url);
  const thumb = useFileLink(image.thumbUrl);
  return (
    <a href={full ?? undefined} target="_blank" rel="noreferrer noopener" title={t('orders.images.open')}>
      {thumb && <img src={thumb} alt={alt} loading="lazy" width={96} height={96} />}
    </a>
  );
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('read')));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}

function imageFiles(list: FileList | null | undefined): File[] {
  return list ? [...list].filter((f) => f.type.startsWith('image/') || f.type === '') : [];
}

/**
 * An item's images: thumbnails (click opens the full image), and a zone to drop, paste or choose
 * JPEG/PNG/WebP files; each goes to `orders.addImage` as a data URL. `onChanged` runs after each
 * of this user's own additions and removals (each changes the order's version by one).
 */
export function ItemImages({
  orderId,
  item,
  canWrite,
  onChanged,
  index,
}: {
  orderId: number;
  item: Pick<OrderItem, 'id' | 'images' | 'description'>;
  canWrite: boolean;
  onChanged?: () => void;
  index: number;
}) {
  const add = useCallMutation('orders.addImage');
  const remove = useCallMutation('orders.removeImage');
  const toast = useToast();
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [dragging, setDragging] = useState(false);
  const [removing, setRemoving] = useState<Image | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const upload = async (files: File[]) => {
    setError(null);
    for (const file of files) {
      if (file.type && !ACCEPTED.includes(file.type)) {
        toast(t('orders.images.wrongType', { name: file.name }));
        continue;
      }
      if (file.size > MAX_BYTES) {
        toast(t('orders.images.tooLarge', { name: file.name }));
        continue;
      }
      setBusy((n) => n + 1);
      try {
        const dataUrl = await readAsDataUrl(file);
        await add.mutateAsync({ id: orderId, itemId: item.id, dataUrl });
        onChanged?.();
        toast(t('orders.images.added'));
      } catch (err) {
        setError(toAppError(err));
      } finally {
        setBusy((n) => n - 1);
      }
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (!canWrite) return;
    void upload(imageFiles(e.dataTransfer.files));
  };
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (!canWrite) return;
    const files = imageFiles(e.clipboardData.files);
    if (files.length === 0) return;
    e.preventDefault();
    void upload(files);
  };

  const doRemove = async () => {
    if (!removing) return;
    try {
      await remove.mutateAsync({ id: orderId, itemId: item.id, imageId: removing.id });
      onChanged?.();
      setRemoving(null);
      toast(t('orders.images.removed'));
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <div className="item-images" data-testid={`item-images-${index}`}>
      {item.images.length > 0 && (
        <ul className="thumbs">
          {item.images.map((image) => (
            <li key={image.id} className="thumb" data-testid="item-image">
              <Thumb image={image} alt={t('orders.images.alt', { item: item.description })} />
              {canWrite && (
                <button
                  type="button"
                  className="thumb-remove"
                  aria-label={t('orders.images.remove')}
                  onClick={() => setRemoving(image)}
                  data-testid="item-image-remove"
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        // biome-ignore lint/a11y/noStaticElementInteractions: the drop zone also takes paste; the button inside is the keyboard path.
        <div
          className={dragging ? 'drop-zone dragging' : 'drop-zone'}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          onPaste={onPaste}
          data-testid={`item-drop-${index}`}
        >
          {busy > 0 ? (
            <span>
              <Spinner small /> {t('orders.images.uploading')}
            </span>
          ) : (
            <span className="muted small">{t('orders.images.drop')}</span>
          )}
          <button type="button" className="btn btn-small" onClick={() => fileRef.current?.click()}>
            {t('orders.images.choose')}
          </button>
          <input
            ref={fileRef}
            type="file"
            accept={ACCEPTED.join(',')}
            multiple
            hidden
            onChange={(e) => {
              void upload(imageFiles(e.target.files));
              e.target.value = '';
            }}
            data-testid={`item-file-${index}`}
          />
        </div>
      )}
      <ErrorBox error={error} />
      {removing && (
        <ConfirmDialog
          title={t('orders.images.removeTitle')}
          message={t('orders.images.removeConfirm')}
          confirmLabel={t('orders.images.remove')}
          danger
          busy={remove.isPending}
          error={<ErrorBox error={remove.error} />}
          onConfirm={() => void doRemove()}
          onCancel={() => {
            remove.reset();
            setRemoving(null);
          }}
        />
      )}
    </div>
  );
}
