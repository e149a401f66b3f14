import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core';
import { DataDirLockedError } from '../../src-main/db/data-lock';
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

const opts = (dataDir: string) => ({ dataDir, host: '127.0.0.1', port: 0, rendererDir: null, jobs: false });

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
