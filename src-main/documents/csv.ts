/** A number as Excel in Brazil reads it: `-20,00`, `1.234,5`, `12`. Such cells are data, never formulas. */
const NUMERIC = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

/**
 * One CSV cell, for every export. Text that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or carriage return, even after spaces) gets a leading `'`, so a customer
 * name or payment note like `=HYPERLINK(…)` shows as text; numbers (`-20,00`) are left as they are.
 */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && !NUMERIC.test(s) && /^[\s]*[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Excel in Brazil opens `;`-separated UTF-8 with a BOM and decimal commas. */
export function toCsv(rows: Array<Array<string | number | null>>): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(';')).join('\n')}\n`;
}
