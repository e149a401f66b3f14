/** Lowercase without accents: 'João' → 'joao'. Used for sorting and accent-insensitive matching. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/**
 * True when the text has control characters (C0 and C1: NUL, BEL, the ESC of ANSI sequences, DEL …).
 * Multi-line text may keep tab, line feed and carriage return; a single line (a name) may not, nor
 * the Unicode line and paragraph separators.
 */
export function hasControlChars(value: string, multiline = false): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20) {
      if (multiline && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return true;
    }
    if (c >= 0x7f && c <= 0x9f) return true;
    if (!multiline && (c === 0x2028 || c === 0x2029)) return true;
  }
  return false;
}
