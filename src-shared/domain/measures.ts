/**
 * Sizes as people type them, into the millimetres the orders store.
 *
 * With a unit, the unit says it: "2,5 m", "2,5m", "250 cm", "2500 mm", "2,5 metros".
 * A bare number is read by its size, one rule for every field:
 * - below 10 → metres ("3" = 3 m, "2,5" or "2.5" = 2,5 m, "0,8" = 80 cm);
 * - 10 up to 999 → centimetres ("80" = 80 cm, "250" = 2,5 m);
 * - 1000 and above → millimetres ("2500" = 2,5 m, the way the form used to ask).
 * Comma or dot is the decimal mark (no thousands separators). The result is rounded to the
 * millimetre; the form always shows how it read the value ("= 2,50 m"), so a surprise is seen.
 */

export type MeasureUnit = 'm' | 'cm' | 'mm';

export interface Measure {
  mm: number;
  /** The unit the value was read in. */
  unit: MeasureUnit;
  /** Whether the unit was typed, or deduced from the size of a bare number. */
  explicit: boolean;
}

/** Largest measure accepted (the contract's limit): 100 m. */
export const MAX_MEASURE_MM = 100_000;

const FACTOR: Record<MeasureUnit, number> = { m: 1000, cm: 10, mm: 1 };

const UNIT_WORDS: Record<string, MeasureUnit> = {
  m: 'm',
  mt: 'm',
  mts: 'm',
  metro: 'm',
  metros: 'm',
  cm: 'cm',
  centimetro: 'cm',
  centimetros: 'cm',
  mm: 'mm',
  milimetro: 'mm',
  milimetros: 'mm',
};

/** How a bare number is read (see the module comment). */
export function bareUnit(value: number): MeasureUnit {
  if (value < 10) return 'm';
  if (value < 1000) return 'cm';
  return 'mm';
}

/** One measure ("2,5", "250 cm", "2500mm"…) → millimetres; null when it is not a measure, is zero or over 100 m. */
export function parseMeasure(text: string): Measure | null {
  const folded = text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const m = /^(\d+(?:[.,]\d+)?|[.,]\d+)\s*([a-z]*)\.?$/.exec(folded);
  if (!m) return null;
  const value = Number((m[1] as string).replace(',', '.'));
  if (!Number.isFinite(value) || value <= 0) return null;
  const word = m[2] as string;
  const unit = word ? UNIT_WORDS[word] : bareUnit(value);
  if (!unit) return null;
  const mm = Math.round(value * FACTOR[unit] + 1e-9);
  if (mm < 1 || mm > MAX_MEASURE_MM) return null;
  return { mm, unit, explicit: word !== '' };
}

/** "1,20 x 0,80", "120x80 cm", "3 × 2,5 m": width and height (a unit at the end applies to both). */
export function parseSize(text: string): { widthMm: number; heightMm: number } | null {
  const parts = text.split(/\s*[x×X*]\s*/);
  if (parts.length !== 2) return null;
  const [a = '', b = ''] = parts;
  const trailing = /[a-zA-Z]+\.?$/.exec(b.trim())?.[0] ?? '';
  const first = /[a-zA-Z]/.test(a) || !trailing ? a : `${a} ${trailing}`;
  const w = parseMeasure(first);
  const h = parseMeasure(b);
  return w && h ? { widthMm: w.mm, heightMm: h.mm } : null;
}

const metres = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 3 });

/** 2500 → "2,50 m"; 805 → "0,805 m" (what the form echoes next to a measure). */
export function formatMeasureMm(mm: number): string {
  return `${metres.format(mm / 1000)} m`;
}

/** A stored measure as the form shows it to edit: always with its unit, so it reads back the same. */
export function measureToInput(mm: number | null | undefined): string {
  if (!mm) return '';
  return `${new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 3, useGrouping: false }).format(mm / 1000)} m`;
}
