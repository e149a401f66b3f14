import { useState } from 'react';
import { useCallMutation } from '../../api/hooks';
import { t } from '../../i18n';
import {
  type OrderDocKind,
  orderDocPaths,
  orderDocumentMessage,
  shareableLink,
  whatsappDocumentUrl,
} from '../../lib/order-documents';
import { useSession } from '../../session';
import { ErrorBox } from '../ErrorBox';
import { DocLink, useFileLink } from '../finance/links';
import { useToast } from '../Toasts';

/**
 * The order's documents: open the Orçamento or the Pedido/OS PDF (with the company header), send it
 * by WhatsApp — a wa.me link with a short text and a signed link to the PDF —, or by e-mail through
 * the outbox (`messages.emailOrderDocument`: the PDF attached, to the customer's e-mail when they
 * accept e-mail messages, or to an address typed here).
 */
export function OrderDocuments({
  order,
}: {
  order: { id: number; number: string; kind: string; customerName: string; customerPhone: string | null };
}) {
  const kind: OrderDocKind = order.kind === 'orcamento' ? 'quote' : 'os';
  return (
    <>
      {kind === 'quote' && (
        <DocLink path={orderDocPaths.quote(order.id)} testId="order-quote-pdf" className="btn">
          {t('docs.quotePdf')}
        </DocLink>
      )}
      {kind === 'os' && (
        <DocLink path={orderDocPaths.os(order.id)} testId="order-os-pdf" className="btn">
          {t('docs.osPdf')}
        </DocLink>
      )}
      <WhatsappDocument order={order} kind={kind} />
      <EmailDocument orderId={order.id} kind={kind} />
    </>
  );
}

function WhatsappDocument({
  order,
  kind,
}: {
  order: { id: number; number: string; customerName: string; customerPhone: string | null };
  kind: OrderDocKind;
}) {
  const session = useSession();
  const link = useFileLink(orderDocPaths[kind](order.id));
  if (!link) return null;
  const text = orderDocumentMessage({
    kind,
    number: order.number,
    customerName: order.customerName,
    companyName: session.me.companyName ?? null,
    link: shareableLink(link, window.location.origin),
  });
  return (
    <a
      href={whatsappDocumentUrl(order.customerPhone, text)}
      target="_blank"
      rel="noopener noreferrer"
      className="btn"
      data-testid="order-doc-whatsapp"
    >
      {t('docs.sendWhatsapp')}
    </a>
  );
}

function EmailDocument({ orderId, kind }: { orderId: number; kind: OrderDocKind }) {
  const session = useSession();
  const toast = useToast();
  const send = useCallMutation('messages.emailOrderDocument');
  const [asking, setAsking] = useState(false);
  const [to, setTo] = useState('');
  if (!session.can('messages.send')) return null;
  const go = async (address?: string) => {
    try {
      const out = await send.mutateAsync({
        id: orderId,
        document: kind === 'quote' ? 'orcamento' : 'os',
        ...(address && { to: address }),
      });
      setAsking(false);
      toast(t('docs.emailQueued', { document: t(kind === 'quote' ? 'docs.quotePdf' : 'docs.osPdf'), to: out.to }));
    } catch (err) {
      // No e-mail on record, or no consent: ask for an address (the error says why).
      const code = (err as { code?: string }).code;
      if (code === 'VALIDATION' || code === 'BUSINESS_RULE') setAsking(true);
    }
  };
  return (
    <span className="order-doc-email" data-testid="order-doc-email">
      <button type="button" className="btn" disabled={send.isPending} onClick={() => void go()}>
        {t('docs.sendEmail')}
      </button>
      {asking && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void go(to.trim());
          }}
        >
          <input
            type="email"
            inputMode="email"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-label={t('customer.email')}
            data-testid="order-doc-email-to"
          />
          <button type="submit" className="btn btn-small" disabled={!to.trim() || send.isPending}>
            {t('docs.sendEmail')}
          </button>
        </form>
      )}
      <ErrorBox error={send.error} />
    </span>
  );
}
