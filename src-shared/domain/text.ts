/** Lowercase without accents: 'João' → 'joao'. Used for sorting and accent-insensitive matching. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** C0 and C1 control characters (NUL, BEL, ESC of ANSI sequences, …) except tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** The same, line breaks and tabs included: what a single-line field (a name) refuses. */
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/** True when the text has control characters: any for a single line, all but tab and line breaks for multi-line text. */
export function hasControlChars(value: string, multiline = false): boolean {
  return (multiline ? CONTROL : CONTROL_OR_BREAK).test(value);
}
