import { onlyDigits } from '../../../src-shared/domain/documents';

/** Digits reversed behind a marker: the token that makes "ends with 5432" a prefix search. */
export function reversedDigits(digits: string): string {
  return `r${[...digits].reverse().join('')}`;
}

/** Typed digits this short are too common to look for at the end of a phone. */
const MIN_SUFFIX_DIGITS = 4;

export interface FtsQueryOptions {
  /** A column indexed with `phoneTerms`: a run of digits also matches the end of a number there. */
  phoneColumn?: string;
}

/**
 * Builds an FTS5 MATCH expression from what a person typed: every word must prefix-match some
 * column. A token of digits and punctuation ('123.456', '(11) 9876') searches by its digits; with
 * `phoneColumn`, four or more digits also find phones ending with them ('5432').
 * Returns null when nothing searchable is left.
 */
export function ftsQuery(search: string, options: FtsQueryOptions = {}): string | null {
  const terms: string[] = [];
  const words = search.trim().split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (/^[\d.\-/()]+$/.test(word)) {
      // Joins '(11)' '98765-4321' into one run of digits.
      let digits = onlyDigits(word);
      while (i + 1 < words.length && /^[\d.\-/()]+$/.test(words[i + 1] as string))
        digits += onlyDigits(words[++i] as string);
      if (digits && options.phoneColumn && digits.length >= MIN_SUFFIX_DIGITS)
        terms.push(`("${digits}"* OR ${options.phoneColumn} : "${reversedDigits(digits)}"*)`);
      else if (digits) terms.push(`"${digits}"*`);
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

/**
 * The phone column of the index: full digits, without the area code (so '98765' and '1198765' both
 * match), and reversed (so the last digits match: `reversedDigits`).
 */
export function phoneTerms(...phones: Array<string | null>): string {
  const out: string[] = [];
  for (const p of phones) {
    if (!p) continue;
    out.push(p, p.slice(2), reversedDigits(p));
  }
  return out.join(' ');
}
