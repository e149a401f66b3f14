/** Amounts in words in Portuguese, as receipts and promissory notes write them. */
import type { Cents } from './money';

const UNITS = [
  '',
  'um',
  'dois',
  'três',
  'quatro',
  'cinco',
  'seis',
  'sete',
  'oito',
  'nove',
  'dez',
  'onze',
  'doze',
  'treze',
  'quatorze',
  'quinze',
  'dezesseis',
  'dezessete',
  'dezoito',
  'dezenove',
];
const TENS = ['', '', 'vinte', 'trinta', 'quarenta', 'cinquenta', 'sessenta', 'setenta', 'oitenta', 'noventa'];
const HUNDREDS = [
  '',
  'cento',
  'duzentos',
  'trezentos',
  'quatrocentos',
  'quinhentos',
  'seiscentos',
  'setecentos',
  'oitocentos',
  'novecentos',
];

function upTo999(n: number): string {
  if (n === 100) return 'cem';
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h) parts.push(HUNDREDS[h] as string);
  if (rest < 20) {
    if (rest) parts.push(UNITS[rest] as string);
  } else {
    const t = Math.floor(rest / 10);
    const u = rest % 10;
    parts.push(u ? `${TENS[t]} e ${UNITS[u]}` : (TENS[t] as string));
  }
  return parts.join(' e ');
}

const SCALES: Array<[string, string]> = [
  ['', ''],
  ['mil', 'mil'],
  ['milhão', 'milhões'],
  ['bilhão', 'bilhões'],
];

/** 1234567 → "um milhão, duzentos e trinta e quatro mil, quinhentos e sessenta e sete". */
export function integerInWords(n: number): string {
  if (n === 0) return 'zero';
  const groups: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 1000)) groups.push(v % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] as number;
    if (!g) continue;
    const [one, many] = SCALES[i] as [string, string];
    const text = i === 1 && g === 1 ? 'mil' : `${upTo999(g)}${one ? ` ${g === 1 ? one : many}` : ''}`;
    words.push(text);
  }
  // "e" joins the last group when it is below 100 or a round hundred; commas elsewhere.
  const last = groups[0] as number;
  if (words.length > 1 && last && (last < 100 || last % 100 === 0)) {
    const tail = words.pop() as string;
    return `${words.join(', ')} e ${tail}`;
  }
  return words.join(', ');
}

/** 12050 → "cento e vinte reais e cinquenta centavos". */
export function centsInWords(cents: Cents): string {
  const reais = Math.floor(Math.abs(cents) / 100);
  const centavos = Math.abs(cents) % 100;
  const parts: string[] = [];
  if (reais) {
    const big = reais >= 1_000_000 && reais % 1_000_000 === 0;
    parts.push(`${integerInWords(reais)}${big ? ' de' : ''} ${reais === 1 ? 'real' : 'reais'}`);
  }
  if (centavos) parts.push(`${integerInWords(centavos)} ${centavos === 1 ? 'centavo' : 'centavos'}`);
  if (!parts.length) return 'zero real';
  return parts.join(' e ');
}
