/** Money is integer cents everywhere. */
export type Cents = number;

const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

export function formatCents(cents: Cents): string {
  return brl.format(cents / 100);
}

/** Parses what a person types ('1.234,56', 'R$ 10', '10,5') into cents; null when it is not money. */
export function parseMoneyBR(value: string): Cents | null {
  const cleaned = value.replace(/R\$/g, '').replace(/\s+/g, '');
  if (!/^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$|^-?\d+(,\d{1,2})?$/.test(cleaned)) return null;
  const negative = cleaned.startsWith('-');
  const [intPart = '0', frac = ''] = cleaned.replace('-', '').replace(/\./g, '').split(',');
  const cents = Number(intPart) * 100 + Number(frac.padEnd(2, '0'));
  return negative ? -cents : cents;
}
