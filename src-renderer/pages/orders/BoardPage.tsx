import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useState } from 'react';
import { Link } from 'wouter';
import type { OutputOf } from '../../../src-shared/contract';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { useCall, useCallMutation } from '../../api/hooks';
import { toAppError } from '../../api/http';
import { queryKeyOf } from '../../api/query-keys';
import { ArtDecisionDialog, ArtThumb } from '../../components/art/ItemArt';
import { ErrorBox } from '../../components/ErrorBox';
import { BatchProgress, FichaPrinterChoice, PrintFichaButton, useFichaBatch } from '../../components/fichas/PrintFicha';
import { ConfirmDialog } from '../../components/Modal';
import { OverdueBadge, PriorityBadge } from '../../components/orders/labels';
import { Loading, Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toasts';
import { t } from '../../i18n';
import { formatInt } from '../../lib/format';
import { useSession } from '../../session';
import { Alerts } from './DeadlinesPage';

type Board = OutputOf<'orders.board'>;
type Card = Board['columns'][number]['orders'][number];
type BoardArtItem = OutputOf<'art.board'>['items'][number];

/** The stage where art is printed: moving a card into it with unapproved art asks first. */
const PRINT_STAGE = 'impressao';

const DRAG_TYPE = 'application/x-balcao-order';

/**
 * `/producao`: a column per stage and "Pronto". Dragging a card onto the next column (or its
 * "Avançar" button, for keyboard and touch) marks its current stage done. Live for everyone.
 */
export function BoardPage() {
  const board = useCall('orders.board', {});
  const [showAlerts, setShowAlerts] = useState(true);
  const fichas = useFichaBatch();
  return (
    <section className="page page-full" data-testid="board-page">
      <div className="page-header">
        <h1>
          {t('board.title')} {board.isFetching && !board.isPending && <Spinner small label={t('common.updating')} />}
        </h1>
        <div className="actions">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setShowAlerts((s) => !s)}
            aria-expanded={showAlerts}
            data-testid="board-alerts-toggle"
          >
            {showAlerts ? t('board.hideAlerts') : t('board.showAlerts')}
          </button>
          <Link href="/prazos" className="btn btn-small">
            {t('orders.nav.deadlines')}
          </Link>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void fichas.start({ today: true })}
            disabled={fichas.batch !== null && !fichas.batch.ready}
            data-testid="fichas-today"
          >
            {t('fichas.batch.today')}
          </button>
          <FichaPrinterChoice />
        </div>
      </div>
      <BatchProgress batch={fichas.batch} onOpen={fichas.open} onClose={fichas.dismiss} />
      {showAlerts && <Alerts compact />}
      <ErrorBox error={board.error} onRetry={() => void board.refetch()} />
      {board.data?.truncated && (
        <p className="alert alert-info" data-testid="board-truncated">
          {t('board.truncated')}
        </p>
      )}
      {board.isPending ? (
        <Loading />
      ) : (
        board.data && <Columns board={board.data} onPrintColumn={(orderIds) => void fichas.start({ orderIds })} />
      )}
    </section>
  );
}

function Columns({ board, onPrintColumn }: { board: Board; onPrintColumn: (orderIds: number[]) => void }) {
  const session = useSession();
  const toast = useToast();
  const queryClient = useQueryClient();
  const stage = useCallMutation('orders.stage');
  const [moving, setMoving] = useState<number | null>(null);
  const [dragging, setDragging] = useState<{ id: number; column: number } | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const columns = board.columns;
  const financeKey = columns[0]?.key;
  const art = useCall('art.board', {});
  const artByOrder = new Map<number, BoardArtItem[]>();
  for (const item of art.data?.items ?? []) {
    const list = artByOrder.get(item.orderId) ?? [];
    list.push(item);
    artByOrder.set(item.orderId, list);
  }
  const printIndex = columns.findIndex((c) => c.key === PRINT_STAGE);
  const [warn, setWarn] = useState<{ card: Card; column: number; pending: number } | null>(null);
  const [deciding, setDeciding] = useState<{
    orderId: number;
    itemId: number;
    position: number;
    decision: 'aprovada' | 'alteracao';
  } | null>(null);

  /** Before a card goes into printing: items whose art is not approved are a warning (the server blocks when the shop says so). */
  const tryAdvance = (card: Card, columnIndex: number) => {
    const pending = (artByOrder.get(card.id) ?? []).filter((i) => i.artStatus !== 'aprovada').length;
    if (printIndex > 0 && columnIndex + 1 === printIndex && pending > 0) {
      setWarn({ card, column: columnIndex, pending });
      return;
    }
    void advance(card, columnIndex);
  };

  const canAdvanceFrom = (columnIndex: number) =>
    columnIndex < columns.length - 1 && session.can(columnIndex === 0 ? 'orders.approve' : 'orders.advance');

  const advance = async (card: Card, columnIndex: number) => {
    const column = columns[columnIndex];
    if (!column || columnIndex >= columns.length - 1) return;
    setMoving(card.id);
    try {
      // No version: the stage named is the move intended, and marking a stage already done changes nothing.
      const saved = await stage.mutateAsync({ id: card.id, stage: column.key, done: true });
      queryClient.setQueryData(queryKeyOf('orders.get', { id: saved.id }), saved);
      const next = columns[columnIndex + 1];
      toast(t('board.moved', { number: saved.number, column: next?.label ?? '' }));
    } catch (err) {
      const error = toAppError(err);
      toast(error.message);
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
    } finally {
      setMoving(null);
    }
  };

  const onDrop = (e: DragEvent<HTMLElement>, columnIndex: number) => {
    e.preventDefault();
    setOver(null);
    const raw = e.dataTransfer.getData(DRAG_TYPE);
    setDragging(null);
    if (!raw) return;
    const { id, column } = JSON.parse(raw) as { id: number; column: number };
    if (columnIndex !== column + 1) {
      if (columnIndex !== column) toast(t('board.onlyNext'));
      return;
    }
    const card = columns[column]?.orders.find((o) => o.id === id);
    if (card) tryAdvance(card, column);
  };

  return (
    <div className="board" data-testid="board">
      {columns.map((column, columnIndex) => {
        const droppable = dragging !== null && columnIndex === dragging.column + 1;
        return (
          <section
            key={column.key}
            className={['board-column', droppable ? 'droppable' : '', over === columnIndex && droppable ? 'over' : '']
              .filter(Boolean)
              .join(' ')}
            aria-label={column.label}
            data-testid={`board-column-${column.key}`}
            onDragOver={(e) => {
              if (!droppable) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              setOver(columnIndex);
            }}
            onDragLeave={() => setOver((o) => (o === columnIndex ? null : o))}
            onDrop={(e) => onDrop(e, columnIndex)}
          >
            <header className="board-column-head">
              <h2>{column.label}</h2>
              <span className="board-count" data-testid="board-column-count">
                {formatInt(column.orders.length)}
              </span>
              {column.orders.length > 0 && (
                <button
                  type="button"
                  className="btn btn-small board-column-print"
                  onClick={() => onPrintColumn(column.orders.slice(0, 500).map((o) => o.id))}
                  aria-label={t('fichas.batch.columnLabel', { column: column.label })}
                  data-testid="board-column-print"
                >
                  {t('fichas.batch.column')}
                </button>
              )}
            </header>
            <ol className="board-cards">
              {column.orders.map((card) => (
                <li
                  key={card.id}
                  className={[
                    'board-card',
                    card.priority === 'ALTA' ? 'is-high' : '',
                    card.overdue ? 'is-overdue' : '',
                    moving === card.id ? 'is-moving' : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  draggable={canAdvanceFrom(columnIndex)}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ id: card.id, column: columnIndex }));
                    e.dataTransfer.effectAllowed = 'move';
                    setDragging({ id: card.id, column: columnIndex });
                  }}
                  onDragEnd={() => {
                    setDragging(null);
                    setOver(null);
                  }}
                  data-testid="board-card"
                  data-order-id={card.id}
                >
                  <div className="board-card-head">
                    <Link href={`/pedidos/${card.id}`} className="board-number" data-testid="board-card-number">
                      {card.number}
                    </Link>
                    <PriorityBadge priority={card.priority} />
                  </div>
                  <div className="board-customer">{card.customerName}</div>
                  <div className={card.overdue ? 'board-date text-overdue' : 'board-date'}>
                    {card.deliveryDate
                      ? t('board.delivery', { date: formatDateBR(card.deliveryDate) })
                      : t('board.noDate')}
                    <OverdueBadge overdue={card.overdue} />
                  </div>
                  <div className="board-meta muted small">
                    {t('board.items', { n: card.itemsCount })}
                    {card.isReprint && ` · ${t('orders.reprintBadge')}`}
                  </div>
                  <BoardCardArt
                    items={artByOrder.get(card.id) ?? []}
                    canApprove={session.can('art.approve')}
                    onDecide={(item, decision) =>
                      setDeciding({ orderId: card.id, itemId: item.itemId, position: item.position, decision })
                    }
                  />
                  <PrintFichaButton
                    orderId={card.id}
                    className="btn btn-small btn-block"
                    ariaLabel={t('fichas.printCard', { number: card.number })}
                    testId="board-print-ficha"
                  />
                  {canAdvanceFrom(columnIndex) && (
                    <button
                      type="button"
                      className="btn btn-small btn-block"
                      onClick={() => tryAdvance(card, columnIndex)}
                      disabled={moving === card.id}
                      aria-label={t('board.advanceTo', {
                        number: card.number,
                        column: columns[columnIndex + 1]?.label ?? '',
                      })}
                      data-testid="board-advance"
                    >
                      {moving === card.id ? <Spinner small /> : null}
                      {column.key === financeKey ? t('board.approve') : t('board.advance')} →
                    </button>
                  )}
                </li>
              ))}
            </ol>
            {column.orders.length === 0 && <p className="muted small board-empty">{t('board.empty')}</p>}
          </section>
        );
      })}
      {warn && (
        <ConfirmDialog
          title={t('board.artWaitingTitle')}
          message={t('board.artWaiting', {
            number: warn.card.number,
            count: warn.pending,
            column: columns[warn.column + 1]?.label ?? '',
          })}
          confirmLabel={t('board.artSendAnyway')}
          onConfirm={() => {
            const { card, column } = warn;
            setWarn(null);
            void advance(card, column);
          }}
          onCancel={() => setWarn(null)}
        />
      )}
      {deciding && (
        <ArtDecisionDialog
          orderId={deciding.orderId}
          itemId={deciding.itemId}
          position={deciding.position}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
        />
      )}
    </div>
  );
}

/**
 * A card's art: the thumbnails of its items' art (an icon with the format when there is no
 * preview), how many wait for approval, and aprovar / pedir alteração for the first of them.
 */
function BoardCardArt({
  items,
  canApprove,
  onDecide,
}: {
  items: BoardArtItem[];
  canApprove: boolean;
  onDecide: (item: BoardArtItem, decision: 'aprovada' | 'alteracao') => void;
}) {
  const withArt = items.filter((i) => i.kind !== null);
  const pending = items.filter((i) => i.artStatus !== 'aprovada');
  const next = pending.find((i) => i.kind !== null);
  if (items.length === 0) return null;
  return (
    <div className="board-art" data-testid="board-card-art">
      {withArt.length > 0 && (
        <div className="board-art-thumbs">
          {withArt.slice(0, 3).map((i) => (
            <ArtThumb key={i.itemId} thumbUrl={i.thumbUrl} format={i.format} name={i.name} size={56} />
          ))}
        </div>
      )}
      {pending.length > 0 && (
        <span className="badge badge-warn" data-testid="board-art-pending">
          {t('board.artPending', { count: pending.length })}
        </span>
      )}
      {canApprove && next && (
        <div className="board-art-actions">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => onDecide(next, 'aprovada')}
            data-testid="board-art-approve"
          >
            {t('art.approve')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => onDecide(next, 'alteracao')}
            data-testid="board-art-change"
          >
            {t('art.requestChange')}
          </button>
        </div>
      )}
    </div>
  );
}
