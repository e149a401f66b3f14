import fs from 'node:fs';
import { logFiles } from './daily-file';

export interface TailOptions {
  /** Bytes read per step from the end. */
  chunkBytes?: number;
  /** Most bytes read from this file; lines further back are not reached. */
  maxBytes?: number;
  /** A line longer than this is skipped (a log line is a few hundred bytes; a stack a few KB). */
  maxLineBytes?: number;
}

/**
 * The lines of a file from the last to the first, reading backwards in chunks: never more than
 * `maxBytes` of it, never the whole file at once. A line is cut on `\n` bytes (safe in UTF-8); a
 * line cut by the byte budget is not returned; empty lines are skipped.
 */
export async function* linesFromEnd(file: string, opts: TailOptions = {}): AsyncGenerator<string> {
  const chunkBytes = opts.chunkBytes ?? 64 * 1024;
  const maxBytes = opts.maxBytes ?? 8 * 1024 * 1024;
  const maxLineBytes = opts.maxLineBytes ?? 1024 * 1024;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch {
    return;
  }
  try {
    const { size } = await handle.stat();
    let pos = size;
    let read = 0;
    let carry: Buffer = Buffer.alloc(0);
    let tooLong = false;
    while (pos > 0 && read < maxBytes) {
      const len = Math.min(chunkBytes, pos, maxBytes - read);
      pos -= len;
      read += len;
      const chunk = Buffer.alloc(len);
      const { bytesRead } = await handle.read(chunk, 0, len, pos);
      const data = carry.length ? Buffer.concat([chunk.subarray(0, bytesRead), carry]) : chunk.subarray(0, bytesRead);
      let end = data.length;
      for (let i = data.length - 1; i >= 0; i--) {
        if (data[i] !== 0x0a) continue;
        if (i + 1 < end && !tooLong) yield data.toString('utf8', i + 1, end);
        tooLong = false;
        end = i;
      }
      carry = Buffer.from(data.subarray(0, end));
      if (carry.length > maxLineBytes) {
        // Keep skipping this line's bytes until its start (the previous newline) is found.
        tooLong = true;
        carry = Buffer.alloc(0);
      }
    }
    if (pos === 0 && carry.length && !tooLong) yield carry.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** One error line of the logs, as the recent-errors screen shows it. */
export interface LogEntry {
  time: string;
  level: 'error' | 'fatal';
  /** What the line is about: `call`, `job`, `http`, `core`… (the screen says it in the reader's language). */
  evt: string | null;
  msg: string;
  requestId: string | null;
  userId: number | null;
  procedure: string | null;
  job: string | null;
  /** The answer's error code, for a call. */
  code: string | null;
  error: { type: string | null; message: string; stack: string | null } | null;
}

const LEVEL_NAMES: Record<number, LogEntry['level']> = { 50: 'error', 60: 'fatal' };

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A JSON log line at error level or above, as a `LogEntry`; null for anything else (info lines, a torn last line). */
export function errorEntryOf(line: string): LogEntry | null {
  // Cheap test first: most lines are info and are not parsed at all.
  if (!line.includes('"level":50') && !line.includes('"level":60')) return null;
  let rec: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (!parsed || typeof parsed !== 'object') return null;
    rec = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const level = typeof rec.level === 'number' ? LEVEL_NAMES[rec.level] : undefined;
  const time = str(rec.time);
  if (!level || !time) return null;
  const err = rec.err && typeof rec.err === 'object' ? (rec.err as Record<string, unknown>) : null;
  return {
    time,
    level,
    evt: str(rec.evt),
    msg: str(rec.msg) ?? '',
    requestId: str(rec.reqId),
    userId: typeof rec.userId === 'number' ? rec.userId : null,
    procedure: str(rec.proc),
    job: str(rec.job),
    code: str(rec.outcome) ?? str(rec.code),
    error: err ? { type: str(err.type), message: str(err.message) ?? '', stack: str(err.stack) } : null,
  };
}

/**
 * The newest `limit` error lines of the log folder, newest first: each file (newest day first)
 * is read from its end, and no more than `maxBytes` in all are read.
 */
export async function readRecentErrors(
  dir: string,
  limit: number,
  opts: { maxBytes?: number; chunkBytes?: number } = {},
): Promise<LogEntry[]> {
  let budget = opts.maxBytes ?? 16 * 1024 * 1024;
  const found: LogEntry[] = [];
  for (const file of logFiles(dir)) {
    if (found.length >= limit || budget <= 0) break;
    let size = 0;
    try {
      size = (await fs.promises.stat(file)).size;
    } catch {
      continue;
    }
    const maxBytes = Math.min(budget, size);
    budget -= maxBytes;
    for await (const line of linesFromEnd(file, {
      maxBytes,
      ...(opts.chunkBytes && { chunkBytes: opts.chunkBytes }),
    })) {
      const entry = errorEntryOf(line);
      if (!entry) continue;
      found.push(entry);
      if (found.length >= limit) break;
    }
  }
  return found;
}
