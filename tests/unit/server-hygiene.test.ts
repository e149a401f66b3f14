import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src-main/documents/csv';
import { hostChecker, hostName, isLoopback, parseAllowedHosts } from '../../src-main/http/hosts';
import { canonicalJson, inputHash } from '../../src-main/rpc/dispatcher';
import { isStorageFull, knownError } from '../../src-main/rpc/errors';
import { hasControlChars } from '../../src-shared/domain/text';
import { AppError } from '../../src-shared/errors';

describe('CSV cells', () => {
  it('neutralises text a spreadsheet would run, leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+5511987654321')).toBe("'+5511987654321");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('  =1+1')).toBe("'  =1+1");
    expect(csvCell('-20,00')).toBe('-20,00');
    expect(csvCell('-1.234,56')).toBe('-1.234,56');
    expect(csvCell('20,00')).toBe('20,00');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('João; Maria')).toBe('"João; Maria"');
    expect(csvCell(null)).toBe('');
    expect(
      toCsv([
        ['a', '=b'],
        [-1, '-1,50'],
      ]),
    ).toBe("\ufeffa;'=b\n-1;-1,50\n");
  });
});

describe('hosts', () => {
  it('parses Host headers', () => {
    expect(hostName('[::1]:8787')).toBe('::1');
    expect(hostName('Loja.Local.:80')).toBe('loja.local');
    expect(hostName('192.168.0.10')).toBe('192.168.0.10');
    expect(isLoopback('127.8.9.10')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('192.168.0.2')).toBe(false);
    expect(parseAllowedHosts(' balcao.loja , 10.0.0.5:8787,,')).toEqual(['balcao.loja', '10.0.0.5']);
  });

  it('allows loopback, this machine and configured names only', async () => {
    const os = await import('node:os');
    const check = hostChecker(['balcao.loja']);
    expect(check('localhost:8787')).toBe(true);
    expect(check('127.0.0.1')).toBe(true);
    expect(check('[::1]:1')).toBe(true);
    expect(check(`${os.hostname()}:8787`)).toBe(true);
    expect(check(`${os.hostname()}.local`)).toBe(true);
    expect(check('BALCAO.LOJA:8787')).toBe(true);
    expect(check('evil.example')).toBe(false);
    expect(check('localhost.evil.example')).toBe(false);
    expect(check(undefined)).toBe(true);
  });
});

describe('idempotency input hash', () => {
  it('is the same for the same input whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(inputHash({ a: 1, b: 2 })).toBe(inputHash({ b: 2, a: 1 }));
    expect(inputHash({ a: 1 })).not.toBe(inputHash({ a: 2 }));
  });
});

describe('control characters', () => {
  it('refuses C0/C1 controls; tab and line breaks only in multi-line text', () => {
    for (const bad of ['\u0000', 'a\u0007', '\u001b[31m', '\u007f', '\u0085', '\u009b']) {
      expect(hasControlChars(bad), JSON.stringify(bad)).toBe(true);
      expect(hasControlChars(bad, true), JSON.stringify(bad)).toBe(true);
    }
    expect(hasControlChars('a\nb')).toBe(true);
    expect(hasControlChars('a\tb')).toBe(true);
    expect(hasControlChars('a\u2028b')).toBe(true);
    expect(hasControlChars('a\r\n\tb', true)).toBe(false);
    expect(hasControlChars('João Ação 💥 ç')).toBe(false);
  });
});

describe('SQLite errors as answers', () => {
  const db = new SQLite(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(`create table parent (id integer primary key, name text unique);
    create table child (id integer primary key, parent_id integer not null references parent(id));
    create table money (cents integer check (cents >= 0));
    insert into parent values (1, 'a'); insert into child values (1, 1);`);
  const errorOf = (sql: string) => {
    try {
      db.exec(sql);
    } catch (err) {
      return err;
    }
    throw new Error(`no error: ${sql}`);
  };

  it('foreign key and unique → 409, check and not null → 422, in pt-BR', () => {
    const fk = knownError(errorOf('delete from parent where id = 1'));
    expect(fk).toBeInstanceOf(AppError);
    expect(fk).toMatchObject({ code: 'CONFLICT', status: 409, message: expect.stringMatching(/ligado a outros/) });
    expect(knownError(errorOf("insert into parent values (2, 'a')"))).toMatchObject({ code: 'CONFLICT' });
    expect(knownError(errorOf('insert into parent values (1, null)'))).toMatchObject({ code: 'CONFLICT' });
    expect(knownError(errorOf('insert into money values (-1)'))).toMatchObject({ code: 'BUSINESS_RULE', status: 422 });
    expect(knownError(errorOf('insert into child values (2, null)'))).toMatchObject({ code: 'BUSINESS_RULE' });
    expect(knownError(new Error('bug'))).toBeNull();
  });

  it('a full disk, even wrapped as a cause, is 507', () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(isStorageFull(new Error('wrapped', { cause: full }))).toBe(true);
    expect(knownError(full)).toMatchObject({ code: 'STORAGE_FULL', status: 507 });
    expect(knownError(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toMatchObject({ code: 'STORAGE_FULL' });
  });
});
