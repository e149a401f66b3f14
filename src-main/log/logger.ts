import path from 'node:path';
import pino, { type LevelWithSilent, type Logger } from 'pino';
import type { Clock } from '../clock';
import { DailyFileDestination, LOG_RETENTION_DAYS } from './daily-file';
import { type LogEntry, readRecentErrors } from './tail';

export type { Logger } from 'pino';

/**
 * Paths pino replaces with "[redacted]" wherever they appear in a line: passwords (login, setup,
 * password change, user admin, a future SMTP password), tokens, the Authorization and Cookie
 * headers, a signed link's `sig`. Nothing logs a procedure's input today; this is the net under
 * that rule, tested by `tests/integration/logs.test.ts`.
 */
export const REDACT_PATHS: readonly string[] = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'sig',
  'secret',
  'authorization',
  'cookie',
  'smtpPassword',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.sig',
  '*.secret',
  '*.authorization',
  '*.cookie',
  '*.smtpPassword',
  '*.*.password',
  '*.*.token',
  '*.*.authorization',
  '*.*.cookie',
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
  'smtp.password',
  '*.smtp.password',
];

export const REDACTED = '[redacted]';

export interface LogOptions {
  /** Folder of the daily files (`<data>/logs`); null writes errors only, to stderr (':memory:' apps). */
  dir: string | null;
  clock: Clock;
  /** Default `BALCAO_LOG_LEVEL` or `info`. */
  level?: LevelWithSilent;
  keepDays?: number;
}

/** The log files: what the recent-errors screen reads and what stopping the app flushes. */
export interface LogFiles {
  /** Folder of the files (null: none are written). */
  readonly dir: string | null;
  /** Resolves once every line written so far is in its file. */
  flush(): Promise<void>;
  /** Writes what is pending, blocking: only for a process on its way out. */
  flushSync(): void;
  /** Flushes and closes the file; later lines are dropped. */
  close(): Promise<void>;
  /** The newest error lines (level error or fatal), newest first, read from the ends of the files. */
  recentErrors(limit: number): Promise<LogEntry[]>;
}

const LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function envLogLevel(value: string | undefined): LevelWithSilent {
  const level = value?.trim().toLowerCase();
  return LEVELS.find((l) => l === level) ?? 'info';
}

/** The logs folder of a data folder. */
export function logsDirFor(dataDir: string): string | null {
  return dataDir === ':memory:' ? null : path.join(dataDir, 'logs');
}

/**
 * The app's one logger: pino, JSON lines, asynchronous, into a file per shop day under
 * `<data>/logs/` kept for 14 days (`daily-file.ts`). Times come from the app's clock.
 */
export function createLogger(opts: LogOptions): { log: Logger; files: LogFiles } {
  const level = opts.level ?? envLogLevel(process.env.BALCAO_LOG_LEVEL);
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: () => `,"time":"${opts.clock.nowIso()}"`,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    serializers: { err: pino.stdSerializers.err },
  };
  if (!opts.dir) {
    const log = pino({ ...options, level: level === 'silent' ? 'silent' : 'error' }, pino.destination({ dest: 2 }));
    return {
      log,
      files: {
        dir: null,
        flush: () => Promise.resolve(),
        flushSync: () => {},
        close: () => Promise.resolve(),
        recentErrors: () => Promise.resolve([]),
      },
    };
  }
  const dir = opts.dir;
  const destination = new DailyFileDestination({
    dir,
    now: () => opts.clock.now(),
    timeZone: opts.clock.timeZone,
    keepDays: opts.keepDays ?? LOG_RETENTION_DAYS,
    onError: (err) => {
      // The log cannot log its own failure: say it where a person running the core sees it (at
      // most once per REOPEN_AFTER_MS, as the file is left alone that long after a failure).
      process.stderr.write(`Balcão: não foi possível gravar o log em ${dir}: ${err.message}\n`);
    },
  });
  const log = pino(options, destination);
  return {
    log,
    files: {
      dir,
      flush: () => destination.flush(),
      flushSync: () => destination.flushSync(),
      close: () => destination.close(),
      recentErrors: async (limit) => {
        await destination.flush();
        return readRecentErrors(dir, limit);
      },
    },
  };
}

/**
 * For the entry points (headless, the utilityProcess): an uncaught exception — or an unhandled
 * rejection, which Node raises as one — is written to the log at fatal level, synchronously,
 * before Node ends the process as it would anyway.
 */
export function logCrashes(log: Logger, files: LogFiles): void {
  process.on('uncaughtExceptionMonitor', (err, origin) => {
    log.fatal({ evt: 'core', origin, err }, 'uncaught exception');
    files.flushSync();
  });
}
