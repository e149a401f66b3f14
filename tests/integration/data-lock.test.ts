import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core';
import { DataDirClosingError, DataDirLockedError, lockDataDir } from '../../src-main/db/data-lock';
import { ADMIN, api, tempDir } from '../helpers/app';

const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'dist/headless.mjs');

function start(dataDir: string): { child: ChildProcess; url: Promise<string>; output: () => string } {
  // From source, tsx's loader inside this very node process (not tsx's CLI, which runs a child):
  // kill -9 must hit the process that holds the lock.
  const args = fs.existsSync(bundle)
    ? [bundle]
    : ['--import', path.join(root, 'node_modules/tsx/dist/loader.mjs'), path.join(root, 'src-main/headless.ts')];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, BALCAO_DATA_DIR: dataDir, BALCAO_PORT: '0', BALCAO_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /rodando em (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`saiu com ${code}: ${out}`)));
  });
  url.catch(() => undefined);
  return { child, url, output: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) => {
    if (child.exitCode !== null) r(child.exitCode);
    else child.once('exit', (code) => r(code));
  });

const opts = (dataDir: string) => ({
  dataDir,
  host: '127.0.0.1',
  port: 0,
  rendererDir: null,
  jobs: false,
  lockWaitMs: 300,
});

describe('one Balcão per data folder', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it('a second core (same process or another one) refuses, saying who holds the folder', async () => {
    const dir = tempDir('balcao-lock-');
    const first = await startCore(opts(dir));
    try {
      const err = await startCore(opts(dir)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataDirLockedError);
      expect((err as Error).message).toMatch(
        new RegExp(`O Balcão já está aberto neste computador \\(processo ${process.pid}\\)`),
      );

      const other = start(dir);
      children.push(other.child);
      expect(await exited(other.child)).not.toBe(0);
      expect(other.output()).toMatch(new RegExp(`já está aberto neste computador \\(processo ${process.pid}\\)`));
      // the first one still works
      expect((await api(first.url)('GET', '/api/health')).status).toBe(200);
    } finally {
      await first.stop();
    }
    // stopped cleanly: the folder is free again
    const again = await startCore(opts(dir));
    await again.stop();
  });

  it('after kill -9 of the holder, a new start works (the OS released the lock)', async () => {
    const dir = tempDir('balcao-lock-');
    const first = start(dir);
    children.push(first.child);
    const url = await first.url;
    expect((await api(url)('POST', '/api/setup', { companyName: 'Gráfica', admin: ADMIN })).status).toBe(201);

    const err = await startCore(opts(dir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toMatch(new RegExp(`processo ${first.child.pid}`));

    const done = exited(first.child);
    first.child.kill('SIGKILL');
    await done;
    const second = await startCore(opts(dir));
    try {
      const login = await api(second.url)('POST', '/api/auth/login', {
        username: ADMIN.username,
        password: ADMIN.password,
      });
      expect(login.status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describe('a held data folder is retried before giving up', () => {
  /** Holds `balcao.lock` the way a core does, from another connection. */
  const holdLock = (dir: string): SQLite.Database => {
    const other = new SQLite(path.join(dir, 'balcao.lock'));
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    other.exec('CREATE TABLE IF NOT EXISTS holder (at TEXT)');
    return other;
  };

  it('a lock released after 300 ms (a crashed core the OS frees late) is taken within the window', async () => {
    const dir = tempDir('balcao-lock-');
    const other = holdLock(dir);
    setTimeout(() => other.close(), 300);
    const started = Date.now();
    const lock = await lockDataDir(dir, { waitMs: 5000, intervalMs: 20 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    lock.release();
  });

  it('a live holder: DataDirLockedError naming it, after the window', async () => {
    const dir = tempDir('balcao-lock-');
    const first = await lockDataDir(dir);
    try {
      const started = Date.now();
      const err = await lockDataDir(dir, { waitMs: 200, intervalMs: 20 }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(err).toBeInstanceOf(DataDirLockedError);
      expect((err as Error).message).toMatch(
        new RegExp(`já está aberto neste computador \\(processo ${process.pid}\\)`),
      );
    } finally {
      first.release();
    }
  });

  it('a holder of this computer whose process is gone: "still closing", not "já está aberto"', async () => {
    const dir = tempDir('balcao-lock-');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const pid = Number(dead.stdout.toString());
    const other = holdLock(dir);
    fs.writeFileSync(
      path.join(dir, 'balcao.lock.json'),
      JSON.stringify({ hostname: os.hostname(), pid, startedAt: new Date().toISOString() }),
    );
    try {
      const err = await lockDataDir(dir, { waitMs: 200, intervalMs: 20 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataDirClosingError);
      expect((err as Error).message).toMatch(/ainda está liberando/);
      expect((err as Error).message).not.toMatch(/já está aberto/);
    } finally {
      other.close();
    }
  });
});
