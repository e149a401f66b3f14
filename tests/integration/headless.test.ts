import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, api, tempDir } from '../helpers/app';

/**
 * `npm start` runs the bundled headless entry (dist/headless.mjs, built by `npm run build`).
 * From a source checkout without a build, the same entry runs through tsx.
 */
const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'dist/headless.mjs');

function start(env: Record<string, string>): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const args = fs.existsSync(bundle)
    ? [bundle]
    : [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src-main/headless.ts')];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /rodando em (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`saiu com ${code}: ${out}`)));
  });
  url.catch(() => undefined); // callers that expect an early exit do not await it
  return { child, url, output: () => out };
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

describe('headless process (npm start)', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it('prints its address, serves the API, stops cleanly on SIGTERM and keeps the data', async () => {
    const dataDir = tempDir();
    const first = start({ BALCAO_DATA_DIR: dataDir, BALCAO_PORT: '0', BALCAO_HOST: '127.0.0.1' });
    children.push(first.child);
    const url = await first.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await api(url)('GET', '/api/health')).body.status).toBe('ok');
    const setup = await api(url)('POST', '/api/setup', { companyName: 'Gráfica', admin: ADMIN });
    const token = setup.body.token as string;
    await api(url, token)('POST', '/api/customers', { name: 'Cliente Persistente' });

    const done = exited(first.child);
    first.child.kill('SIGTERM');
    expect(await done).toBe(0);
    expect(first.output()).toMatch(/encerrado; dados gravados/);
    const wal = path.join(dataDir, 'balcao.sqlite-wal');
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);

    const second = start({ BALCAO_DATA_DIR: dataDir, BALCAO_PORT: '0' });
    children.push(second.child);
    const url2 = await second.url;
    const login = await api(url2)('POST', '/api/auth/login', { username: ADMIN.username, password: ADMIN.password });
    const list = await api(url2, login.body.token)('GET', '/api/customers?search=persistente');
    expect(list.body.total).toBe(1);
    const done2 = exited(second.child);
    second.child.kill('SIGINT');
    expect(await done2).toBe(0);
  });

  it('an empty BALCAO_HOST means this computer only, not every interface', async () => {
    const blank = start({ BALCAO_DATA_DIR: tempDir(), BALCAO_PORT: '0', BALCAO_HOST: '' });
    children.push(blank.child);
    const url = await blank.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const done = exited(blank.child);
    blank.child.kill('SIGTERM');
    expect(await done).toBe(0);
  });

  it('explains a bad port in Portuguese', async () => {
    const bad = start({ BALCAO_DATA_DIR: tempDir(), BALCAO_PORT: 'abc' });
    children.push(bad.child);
    expect(await exited(bad.child)).toBe(2);
    expect(bad.output()).toMatch(/BALCAO_PORT inválida/);
  });
});
