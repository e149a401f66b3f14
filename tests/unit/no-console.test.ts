import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core logs through its one logger (`services.log`, pino into `<data>/logs/`), never through
 * `console`. What may still print: the entry points' human messages (the address it runs on,
 * why it cannot start, that it stopped) and the processes that have no core logger.
 */
const SRC_MAIN = path.resolve(import.meta.dirname, '../../src-main');
const ALLOWED: Record<string, string> = {
  'headless.ts': 'entry point: "rodando em http://…", start failures, stop messages on stdout/stderr',
  'core.ts': 'entry point in the utilityProcess: "rodando em", a start failure before any logger exists',
  'electron/main.ts': 'Electron main process: no core logger there',
  'electron/supervisor.ts': 'Electron main process (default log of the supervisor): no core logger there',
  'electron/bridge-client.ts': 'sandboxed preload: the window’s own console',
};

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('no console in the core', () => {
  it('only entry points and non-core processes use console.*', () => {
    const offenders: string[] = [];
    for (const file of files(SRC_MAIN)) {
      const rel = path.relative(SRC_MAIN, file).split(path.sep).join('/');
      if (ALLOWED[rel]) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\bconsole\s*\.\s*\w+/.test(line) && !/^\s*(\/\/|\*)/.test(line)) offenders.push(`${rel}:${i + 1}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('the allowed files still exist (the list does not rot)', () => {
    for (const rel of Object.keys(ALLOWED)) expect(fs.existsSync(path.join(SRC_MAIN, rel)), rel).toBe(true);
  });
});
