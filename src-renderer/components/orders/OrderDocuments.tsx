import { t } from '../../i18n';
import {
  type OrderDocKind,
  orderDocPaths,
  orderDocumentMessage,
  shareableLink,
  whatsappDocumentUrl,
} from '../../lib/order-documents';
import { useSession } from '../../session';
import { DocLink, useFileLink } from '../finance/links';

/**
 * The order's documents: open the Orçamento or the Pedido/OS PDF (with the company header), or send
 * it by WhatsApp — a wa.me link with a short text and a signed link to the PDF. E-mail sending comes
 * with the e-mail feature (the seam: another button here calling its procedure).
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
