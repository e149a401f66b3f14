import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { businessDateOf } from '../../src-shared/domain/dates';

/** Days of log files kept: today's and the 13 before it. */
export const LOG_RETENTION_DAYS = 14;

/** `balcao-2026-11-24.log`: one file per shop day. */
const FILE = /^balcao-(\d{4}-\d{2}-\d{2})\.log$/;

export function logFileName(day: string): string {
  return `balcao-${day}.log`;
}

/** The day a log file holds, or null for a file that is not one of ours. */
export function logFileDay(name: string): string | null {
  return FILE.exec(name)?.[1] ?? null;
}

/** The log files of a folder, newest day first. */
export function logFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => logFileDay(name) !== null)
    .sort()
    .reverse()
    .map((name) => path.join(dir, name));
}

/** `YYYY-MM-DD` minus `days` days. */
export function daysBefore(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** Removes the log files older than the retention (by the day in their name); returns what it removed. */
export function pruneLogs(dir: string, today: string, keepDays = LOG_RETENTION_DAYS): string[] {
  const oldest = daysBefore(today, keepDays - 1);
  const removed: string[] = [];
  for (const file of logFiles(dir)) {
    const day = logFileDay(path.basename(file)) as string;
    if (day >= oldest) continue;
    try {
      fs.rmSync(file, { force: true });
      removed.push(file);
    } catch {
      // A file another program holds open (Windows): tried again at the next rollover.
    }
  }
  return removed;
}

export interface DailyFileOptions {
  dir: string;
  /** "Now" (the app's clock, so tests can move it). */
  now: () => Date;
  /** The shop's time zone: a file holds one shop day. */
  timeZone: string;
  keepDays?: number;
  /** Called when the file cannot be written (never throws into the caller). */
  onError?: (err: Error) => void;
  /** Where error lines go while the file cannot be written (default: the process's stderr). */
  fallback?: (line: string) => void;
}

/** How long a file that failed (full disk) is left alone before it is opened again. */
export const REOPEN_AFTER_MS = 5_000;

type Boom = ReturnType<typeof pino.destination>;

/**
 * A pino destination that writes JSON lines to `<dir>/balcao-<shop day>.log`, asynchronously
 * (sonic-boom, `sync: false`): a write returns at once and the bytes reach the file shortly
 * after. When the shop day changes it moves to the next day's file and removes files older than
 * the retention (14 days), which it also does when opened. The day is read from the clock at most
 * once per second of that clock, so a write costs no date formatting.
 */
export class DailyFileDestination {
  private boom: Boom | null = null;
  private day = '';
  /** Clock instants (ms) between which `day` is known to hold. */
  private checkedFrom = 0;
  private checkedUntil = -1;
  private readonly keepDays: number;
  /** Set when the file failed (disk full, folder gone): real time (ms) at which to open it again. */
  private failedUntil = 0;
  private closed = false;

  constructor(private readonly opts: DailyFileOptions) {
    this.keepDays = opts.keepDays ?? LOG_RETENTION_DAYS;
    fs.mkdirSync(opts.dir, { recursive: true });
    this.rollIfNeeded();
  }

  /** The file written now. */
  get currentFile(): string {
    return path.join(this.opts.dir, logFileName(this.day));
  }

  write(line: string): boolean {
    this.rollIfNeeded();
    if (!this.boom && !this.closed && Date.now() >= this.failedUntil) this.open();
    if (this.boom) return this.boom.write(line);
    if (!this.closed) this.fallback(line);
    return false;
  }

  /**
   * The file cannot be written now (a full disk is the usual reason, and the very thing to tell):
   * error lines go to stderr meanwhile; the rest is dropped.
   */
  private fallback(line: string): void {
    if (!line.includes('"level":50') && !line.includes('"level":60')) return;
    if (this.opts.fallback) this.opts.fallback(line);
    else process.stderr.write(line);
  }

  /**
   * Resolves once everything written so far is in the file (or after `timeoutMs`): the file is
   * open and sonic-boom has nothing queued or in flight. Polls its state, which costs nothing
   * while logging and is used only on demand (the recent-errors screen, tests).
   */
  flush(timeoutMs = 2000): Promise<void> {
    const boom = this.boom as (Boom & { fd: number; _writing: boolean; _len: number; destroyed: boolean }) | null;
    if (!boom) return Promise.resolve();
    const idle = () => boom.destroyed || (boom.fd >= 0 && !boom._writing && boom._len === 0);
    if (idle()) return Promise.resolve();
    const until = Date.now() + timeoutMs;
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        if (!idle() && Date.now() < until) return;
        clearInterval(timer);
        resolve();
      }, 2);
    });
  }

  /** Writes what is pending now, blocking (a process about to die of an uncaught error). */
  flushSync(): void {
    try {
      this.boom?.flushSync();
    } catch {
      // Not open yet, or the disk refuses: nothing more can be done on the way out.
    }
  }

  /** Writes what is pending and closes the file; later writes are dropped. */
  close(): Promise<void> {
    const boom = this.boom;
    this.boom = null;
    this.closed = true;
    this.checkedUntil = Number.POSITIVE_INFINITY;
    this.checkedFrom = Number.NEGATIVE_INFINITY;
    if (!boom) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => resolve();
      boom.once('close', done);
      boom.once('error', done);
      try {
        boom.end();
      } catch {
        resolve();
      }
    });
  }

  private rollIfNeeded(): void {
    const now = this.opts.now().getTime();
    if (now >= this.checkedFrom && now < this.checkedUntil) return;
    this.checkedFrom = now;
    this.checkedUntil = now + 1000;
    const day = businessDateOf(new Date(now), this.opts.timeZone);
    if (day === this.day) return;
    this.day = day;
    if (this.closed) return;
    const previous = this.boom;
    this.boom = null;
    if (Date.now() >= this.failedUntil) this.open();
    if (previous) previous.end();
    pruneLogs(this.opts.dir, day, this.keepDays);
  }

  /** Opens today's file; if it fails, lets it be for a while and says so once. */
  private open(): void {
    let boom: Boom;
    try {
      boom = pino.destination({ dest: this.currentFile, sync: false, mkdir: true, append: true });
    } catch (err) {
      this.failed(err as Error);
      return;
    }
    boom.on('error', (err: Error) => {
      if (this.boom !== boom) return;
      this.boom = null;
      this.failed(err);
      // What it still held (the line that met the full disk among them): its error lines to the fallback.
      const held = boom as unknown as { _writingBuf?: unknown; _bufs?: unknown[] };
      const text = [held._writingBuf, ...(held._bufs ?? [])].filter((b) => typeof b === 'string').join('');
      for (const line of text.split('\n')) if (line) this.fallback(`${line}\n`);
      try {
        boom.destroy();
      } catch {
        // already gone
      }
    });
    this.boom = boom;
  }

  private failed(err: Error): void {
    this.failedUntil = Date.now() + REOPEN_AFTER_MS;
    this.opts.onError?.(err);
  }
}
