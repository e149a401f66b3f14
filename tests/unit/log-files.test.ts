import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src-main/clock';
import {
  DailyFileDestination,
  daysBefore,
  LOG_RETENTION_DAYS,
  logFileName,
  logFiles,
  pruneLogs,
} from '../../src-main/log/daily-file';
import { createLogger } from '../../src-main/log/logger';
import { errorEntryOf, linesFromEnd, readRecentErrors } from '../../src-main/log/tail';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balcao-logs-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function collect(gen: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of gen) out.push(line);
  return out;
}

describe('bounded tail reader', () => {
  it('gives the lines last to first, across chunk boundaries and multi-byte characters', async () => {
    const file = path.join(tempDir(), 'a.log');
    const lines = Array.from({ length: 50 }, (_, i) => `linha ${i} — ação ${'é'.repeat(i % 7)}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    for (const chunkBytes of [1, 3, 7, 64, 65536]) {
      expect(await collect(linesFromEnd(file, { chunkBytes }))).toEqual([...lines].reverse());
    }
  });

  it('returns a last line without newline, skips empty lines, and reads no more than its budget', async () => {
    const file = path.join(tempDir(), 'b.log');
    fs.writeFileSync(file, 'um\n\ndois\ntrês');
    expect(await collect(linesFromEnd(file, { chunkBytes: 2 }))).toEqual(['três', 'dois', 'um']);
    // 12 bytes from the end: "dois\ntrês" is 10 bytes, then "\n\n": "um" is never reached.
    expect(await collect(linesFromEnd(file, { chunkBytes: 4, maxBytes: 12 }))).toEqual(['três', 'dois']);
    // A line cut by the budget is not returned.
    expect(await collect(linesFromEnd(file, { maxBytes: 8 }))).toEqual(['três']);
  });

  it('skips a line longer than the limit and goes on before it', async () => {
    const file = path.join(tempDir(), 'c.log');
    fs.writeFileSync(file, `antes\n${'x'.repeat(5000)}\ndepois\n`);
    expect(await collect(linesFromEnd(file, { chunkBytes: 100, maxLineBytes: 1000 }))).toEqual(['depois', 'antes']);
  });

  it('a missing file has no lines', async () => {
    expect(await collect(linesFromEnd(path.join(tempDir(), 'nada.log')))).toEqual([]);
  });

  it('keeps only error lines, newest first across the daily files, up to the limit', async () => {
    const dir = tempDir();
    const line = (time: string, level: number, msg: string) => JSON.stringify({ level, time, msg, evt: 'call' });
    fs.writeFileSync(
      path.join(dir, logFileName('2026-11-23')),
      `${[line('2026-11-23T10:00:00.000Z', 50, 'velho'), line('2026-11-23T11:00:00.000Z', 30, 'info')].join('\n')}\n`,
    );
    fs.writeFileSync(
      path.join(dir, logFileName('2026-11-24')),
      [
        line('2026-11-24T10:00:00.000Z', 50, 'primeiro'),
        line('2026-11-24T10:30:00.000Z', 30, 'ok'),
        line('2026-11-24T11:00:00.000Z', 60, 'fatal'),
        '{"level":50,"time":"2026-11-24T12:00', // a line still being written
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'outro-arquivo.txt'), line('2026-11-25T00:00:00.000Z', 50, 'não é log'));
    const all = await readRecentErrors(dir, 10, { chunkBytes: 16 });
    expect(all.map((e) => [e.msg, e.level])).toEqual([
      ['fatal', 'fatal'],
      ['primeiro', 'error'],
      ['velho', 'error'],
    ]);
    expect((await readRecentErrors(dir, 2)).map((e) => e.msg)).toEqual(['fatal', 'primeiro']);
    // The byte budget bounds the whole read: only the newest file's end is reached.
    const size = fs.statSync(path.join(dir, logFileName('2026-11-24'))).size;
    expect((await readRecentErrors(dir, 10, { maxBytes: size })).map((e) => e.msg)).toEqual(['fatal', 'primeiro']);
  });

  it('reads the fields of an error line', () => {
    const entry = errorEntryOf(
      JSON.stringify({
        level: 50,
        time: '2026-11-24T10:00:00.000Z',
        evt: 'call',
        msg: 'call failed: customers.list',
        reqId: 'r-1',
        userId: 3,
        proc: 'customers.list',
        outcome: 'INTERNAL',
        err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' },
      }),
    );
    expect(entry).toEqual({
      time: '2026-11-24T10:00:00.000Z',
      level: 'error',
      evt: 'call',
      msg: 'call failed: customers.list',
      requestId: 'r-1',
      userId: 3,
      procedure: 'customers.list',
      job: null,
      code: 'INTERNAL',
      error: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' },
    });
    expect(errorEntryOf('{"level":30,"time":"x","msg":"ok"}')).toBeNull();
    expect(errorEntryOf('not json "level":50')).toBeNull();
  });
});

describe('daily files and retention', () => {
  it('writes one file per shop day and keeps 14 days over a moved clock', async () => {
    const dir = tempDir();
    // An old file of another install left behind, and a file that is not ours.
    fs.writeFileSync(path.join(dir, logFileName('2025-01-01')), '{}\n');
    fs.writeFileSync(path.join(dir, 'leia-me.txt'), 'fica');
    const clock = manualClock('2026-11-01T15:00:00Z');
    const { log, files } = createLogger({ dir, clock, level: 'info' });
    for (let day = 0; day < 30; day++) {
      log.info({ day }, 'um dia');
      await files.flush(); // a day passes between two days' lines: each file is open by then
      clock.advance(86_400_000);
    }
    log.info('último');
    await files.close();
    const names = logFiles(dir).map((f) => path.basename(f));
    expect(names).toHaveLength(LOG_RETENTION_DAYS);
    // 2026-11-01 + 30 days = 2026-12-01 (the last line); 14 days back to 2026-11-18.
    expect(names[0]).toBe(logFileName('2026-12-01'));
    expect(names.at(-1)).toBe(logFileName('2026-11-18'));
    expect(fs.existsSync(path.join(dir, 'leia-me.txt'))).toBe(true);
    const last = JSON.parse(fs.readFileSync(path.join(dir, logFileName('2026-12-01')), 'utf8').trim());
    expect(last).toMatchObject({ msg: 'último', time: '2026-12-01T15:00:00.000Z', level: 30 });
    const day29 = JSON.parse(fs.readFileSync(path.join(dir, logFileName('2026-11-30')), 'utf8').trim());
    expect(day29).toMatchObject({ day: 29 });
  });

  it('the day is the shop’s: 23:30 in São Paulo is still that day', async () => {
    const dir = tempDir();
    const clock = manualClock('2026-11-25T02:30:00Z'); // 23:30 of the 24th in São Paulo
    const destination = new DailyFileDestination({ dir, now: () => clock.now(), timeZone: clock.timeZone });
    destination.write('{"a":1}\n');
    expect(path.basename(destination.currentFile)).toBe(logFileName('2026-11-24'));
    await destination.close();
  });

  it('pruning keeps today and the 13 days before it', () => {
    const dir = tempDir();
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, logFileName(daysBefore('2026-03-10', i))), '');
    const removed = pruneLogs(dir, '2026-03-10');
    expect(removed).toHaveLength(6);
    expect(logFiles(dir).map((f) => path.basename(f))).toEqual(
      Array.from({ length: 14 }, (_, i) => logFileName(daysBefore('2026-03-10', i))),
    );
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
  });
});
