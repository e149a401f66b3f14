/** Static Pix QR code payload (BR Code, EMV MPM) with CRC16-CCITT, built offline. */

/** CRC16-CCITT (poly 0x1021, initial 0xFFFF), as the BR Code specifies; 4 upper-case hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  // Every field is plain ASCII (see `ascii`), so a character is a byte.
  for (let k = 0; k < text.length; k++) {
    crc ^= (text.charCodeAt(k) & 0xff) << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

const field = (id: string, value: string) => `${id}${String(value.length).padStart(2, '0')}${value}`;

/** Pix fields allow only plain ASCII: accents are dropped and lengths bounded. */
const ascii = (value: string, max: number) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7E]/g, '')
    .trim()
    .slice(0, max);

export interface PixInput {
  key: string;
  merchantName: string;
  merchantCity: string;
  amountCents?: number | null;
  /** Reference (txid): letters and digits, up to 25. */
  txid?: string | null;
  description?: string | null;
}

export function pixPayload(input: PixInput): string {
  const account =
    field('00', 'br.gov.bcb.pix') +
    field('01', ascii(input.key, 77)) +
    (input.description ? field('02', ascii(input.description, 40)) : '');
  const txid = (input.txid ?? '***').replace(/[^A-Za-z0-9]/g, '').slice(0, 25) || '***';
  let payload =
    field('00', '01') +
    field('26', account) +
    field('52', '0000') +
    field('53', '986') +
    (input.amountCents ? field('54', (input.amountCents / 100).toFixed(2)) : '') +
    field('58', 'BR') +
    field('59', ascii(input.merchantName, 25) || 'LOJA') +
    field('60', ascii(input.merchantCity, 15) || 'CIDADE') +
    field('62', field('05', txid));
  payload += '6304';
  return payload + crc16(payload);
}

/** Reads an EMV payload back into its top-level fields (for checks and tests). */
export function parseEmv(payload: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i + 4 <= payload.length) {
    const id = payload.slice(i, i + 2);
    const len = Number(payload.slice(i + 2, i + 4));
    out.set(id, payload.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}
