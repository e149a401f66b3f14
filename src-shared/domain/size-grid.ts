/**
 * Size grids and personalisation lists of apparel and sublimation items (team jerseys): pure rules
 * shared by the order form (paste from a spreadsheet) and the server (the grid sums to the item's
 * quantity), and printed on the ficha.
 */

/** The usual sizes, in the order a grid is shown; a shop may type others (e.g. "16", "BL"). */
export const SIZES = ['PP', 'P', 'M', 'G', 'GG', 'XG', 'XGG', 'EXG'] as const;

export interface SizeCount {
  size: string;
  quantity: number;
}

export interface PieceName {
  name: string;
  number: string;
  size?: string | undefined;
}

export const sizeGridTotal = (grid: readonly SizeCount[]): number => grid.reduce((sum, s) => sum + s.quantity, 0);

/** The sizes in their usual order (unknown ones after, as typed). */
export function sortSizes<T extends { size: string }>(grid: readonly T[]): T[] {
  const rank = (size: string) => {
    const i = (SIZES as readonly string[]).indexOf(size.toUpperCase());
    return i < 0 ? SIZES.length : i;
  };
  return [...grid].sort((a, b) => rank(a.size) - rank(b.size));
}

const cellsOf = (line: string): string[] => line.split(/\t|;/).map((c) => c.trim());
const linesOf = (text: string): string[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => l.trim() !== '');
const isCount = (v: string) => /^\d{1,6}$/.test(v);

/**
 * A grid pasted from a spreadsheet: one size per line ("P<TAB>10", "P;10", "P 10"), or two lines
 * (sizes, then quantities). Sizes repeated are added up; blank or zero quantities are left out.
 * Returns null when the text is not a grid.
 */
export function parseSizeGrid(text: string): SizeCount[] | null {
  const lines = linesOf(text);
  if (lines.length === 0) return null;
  let pairs: Array<[string, string]> = [];
  const first = cellsOf(lines[0] as string);
  const second = lines[1] ? cellsOf(lines[1]) : [];
  if (lines.length === 2 && first.length > 2 && second.length === first.length && second.every(isCount)) {
    pairs = first.map((size, i) => [size, second[i] as string]);
  } else {
    for (const line of lines) {
      const cells = cellsOf(line).filter(Boolean);
      const parts = cells.length >= 2 ? cells : line.trim().split(/\s+/);
      if (parts.length < 2) return null;
      pairs.push([parts[0] as string, parts[parts.length - 1] as string]);
    }
  }
  const out = new Map<string, number>();
  for (const [size, count] of pairs) {
    if (!size || !isCount(count)) return null;
    const key = size.toUpperCase();
    const n = Number(count);
    if (n > 0) out.set(key, (out.get(key) ?? 0) + n);
  }
  return sortSizes([...out].map(([size, quantity]) => ({ size, quantity })));
}

/**
 * Names and numbers pasted from a spreadsheet: "name<TAB>number[<TAB>size]" per line (";" also
 * separates). A first line that says "nome" is a header and is skipped.
 */
export function parseNames(text: string): PieceName[] {
  const out: PieceName[] = [];
  for (const [i, line] of linesOf(text).entries()) {
    const cells = cellsOf(line);
    if (i === 0 && /^nome$/i.test(cells[0] ?? '')) continue;
    const [name = '', number = '', size = ''] = cells;
    if (!name && !number) continue;
    out.push({ name, number, ...(size && { size: size.toUpperCase() }) });
  }
  return out;
}
