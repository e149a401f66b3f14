import { whatsappUrl } from './format';

/** The shop's documents of an order (orders.quotePdf / orders.osPdf). */
export const orderDocPaths = {
  quote: (orderId: number) => `/api/orders/${orderId}/orcamento.pdf`,
  os: (orderId: number) => `/api/orders/${orderId}/os.pdf`,
} as const;

export type OrderDocKind = keyof typeof orderDocPaths;

/**
 * A signed file link as the customer can open it: absolute on the LAN address this browser uses;
 * null in the desktop window (`app://`), whose links only this computer opens — the shop then
 * attaches the downloaded PDF instead.
 */
export function shareableLink(link: string | null, origin: string): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  return /^https?:\/\//.test(origin) ? `${origin}${link}` : null;
}

/** The short pt-BR message sent with an orçamento or a pedido/OS (documents stay in pt-BR). */
export function orderDocumentMessage(p: {
  kind: OrderDocKind;
  number: string;
  customerName: string;
  companyName: string | null;
  link: string | null;
}): string {
  const first = p.customerName.trim().split(/\s+/)[0] ?? '';
  const what = p.kind === 'quote' ? `o orçamento nº ${p.number}` : `o pedido nº ${p.number}`;
  const from = p.companyName ? ` da ${p.companyName}` : '';
  const tail = p.link ? `: ${p.link}` : ' (PDF em anexo).';
  return `Olá${first ? `, ${first}` : ''}! Segue ${what}${from}${tail}`;
}

/** wa.me with the message, to the customer's number when there is one (else WhatsApp asks whom). */
export function whatsappDocumentUrl(phone: string | null, text: string): string {
  const base = phone ? whatsappUrl(phone) : 'https://wa.me/';
  return `${base}?text=${encodeURIComponent(text)}`;
}
