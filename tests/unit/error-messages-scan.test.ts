import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every error the core throws says its message through the catalogue (`msg(key, params)`), so it can
 * be rendered in the caller's language. The type of `AppError` already refuses a plain string; this
 * scan also refuses text written into an error's `fields`: once the `msg(…)` calls are taken out of a
 * `new AppError(…)`, no quote may be left.
 */
const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The index just past the bracket closing the one at `open`, skipping strings and templates. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '(' || c === '{' || c === '[') depth++;
    else if ((c === ')' || c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The arguments of `new AppError(…)` after the code, with every `msg(…)`/`codeMessage(…)` call taken out. */
function messageArguments(call: string): string {
  const afterCode = call.replace(/^new AppError\(\s*'[A-Z_]+'\s*,?/, '');
  let out = '';
  let i = 0;
  for (const match of afterCode.matchAll(/\b(msg|codeMessage)\(/g)) {
    if (match.index < i) continue;
    out += afterCode.slice(i, match.index);
    i = closingParen(afterCode, match.index + match[0].length - 1);
  }
  return out + afterCode.slice(i);
}

describe('no error message written as text in the core', () => {
  const files = [...sourceFiles(path.join(ROOT, 'src-main')), path.join(ROOT, 'src-shared/errors.ts')];

  it('every new AppError(…) says its message and fields by catalogue key', () => {
    const offences: string[] = [];
    let seen = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new AppError\(/g)) {
        seen++;
        const call = text.slice(match.index, closingParen(text, match.index + match[0].length - 1));
        // What is left once the catalogue calls are out: names, numbers, punctuation — never text.
        const literal = /['"`]/.exec(messageArguments(call));
        if (literal) offences.push(`${path.relative(ROOT, file)}: ${call.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
    expect(seen).toBeGreaterThan(100);
    expect(offences).toEqual([]);
  });

  it('the scan tells text from catalogue calls', () => {
    const flagged = (call: string) => /['"`]/.test(messageArguments(call));
    expect(flagged("new AppError('NOT_FOUND', 'Cliente não encontrado.')")).toBe(true);
    expect(flagged("new AppError('X', `Pedido nº `)")).toBe(true);
    expect(flagged("new AppError('X', msg('k'), { fields: { a: 'texto' } })")).toBe(true);
    expect(flagged("new AppError('X', msg('k', { who: 'Ana', n: f('x') }), { fields: { [p]: msg('k') } })")).toBe(
      false,
    );
    expect(flagged("new AppError('X', reason)")).toBe(false);
  });

  it('the grep finds no new AppError with a string message either', () => {
    const pattern = /new AppError\(\s*'[A-Z_]+',\s*['"`]/;
    const hits = files.filter((file) => pattern.test(fs.readFileSync(file, 'utf8')));
    expect(hits.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
