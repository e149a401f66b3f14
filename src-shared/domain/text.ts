/** Lowercase without accents: 'João' → 'joao'. Used for sorting and accent-insensitive matching. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}
