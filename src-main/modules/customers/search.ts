import { onlyDigits } from '../../../src-shared/domain/documents';

/**
 * Builds an FTS5 MATCH expression from what a person typed: every word must prefix-match some
 * column. A token of digits and punctuation ('123.456', '(11) 9876') searches by its digits.
 * Returns null when nothing searchable is left.
 */
export function ftsQuery(search: string): string | null {
  const terms: string[] = [];
  const words = search.trim().split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (/^[\d.\-/()]+$/.test(word)) {
      // Joins '(11)' '98765-4321' into one run of digits.
      let digits = onlyDigits(word);
      while (i + 1 < words.length && /^[\d.\-/()]+$/.test(words[i + 1] as string))
        digits += onlyDigits(words[++i] as string);
      if (digits) terms.push(`"${digits}"*`);
      continue;
    }
    for (const part of word.match(/[\p{L}\p{N}]+/gu) ?? []) terms.push(`"${part}"*`);
  }
  return terms.length ? terms.join(' ') : null;
}

/**
 * The same expression kept off the `document` column, for users who may not see CPF/CNPJ
 * (`customers.documents`): otherwise typing a document would reveal whose it is.
 */
export function withoutDocuments(match: string): string {
  return `- {document} : (${match})`;
}

/** The phone column of the index: full digits, and without the area code, so '98765' and '1198765' both match. */
export function phoneTerms(...phones: Array<string | null>): string {
  const out: string[] = [];
  for (const p of phones) {
    if (!p) continue;
    out.push(p, p.slice(2));
  }
  return out.join(' ');
}
