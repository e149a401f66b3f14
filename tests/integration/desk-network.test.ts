import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, FROM_SETTING, startCore } from '../../src-main/core';
import { ADMIN, setupAdmin, tempDir } from '../helpers/app';
import { connectWs } from '../helpers/ws';

/**
 * Issue 13, the core's side of the desktop app in a shop: the update mirror (`/updates/…`), the
 * network mode deciding where the server binds, and device approval for browsers on the shop
 * network. Every connection goes to 127.0.0.1; a "phone" is a request the test-only `peerAddress`
 * (given by code, never by the network) places at 192.168.0.x.
 */

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: the path goes out exactly as written (fetch would resolve `..` first). */
function raw(base: string, method: string, pathname: string, headers: Record<string, string> = {}, body?: string) {
  const url = new URL(base);
  return new Promise<Raw>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

const json = (r: Raw) => JSON.parse(r.body.toString('utf8'));

describe('update mirror: the main PC serves the installer and manifest it was given', () => {
  let core: Core;
  const installer = Buffer.alloc(300_000, 7);
  const manifest =
    'version: 0.2.0\nfiles:\n  - url: Balcao-Setup-0.2.0.exe\n    sha512: abc\n    size: 300000\npath: Balcao-Setup-0.2.0.exe\nsha512: abc\nreleaseDate: 2026-11-30T10:00:00.000Z\n';

  beforeAll(async () => {
    const root = tempDir('balcao-mirror-');
    const updates = path.join(root, 'updates');
    fs.mkdirSync(updates);
    fs.writeFileSync(path.join(updates, 'latest.yml'), manifest);
    fs.writeFileSync(path.join(updates, 'Balcao-Setup-0.2.0.exe'), installer);
    fs.writeFileSync(path.join(updates, '.hidden'), 'x');
    fs.mkdirSync(path.join(updates, 'sub'));
    fs.writeFileSync(path.join(updates, 'sub', 'inner.yml'), 'x');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'segredo');
    try {
      fs.symlinkSync(path.join(root, 'secret.txt'), path.join(updates, 'link.txt'));
    } catch {
      // Windows without the symlink privilege: that one case is not tried there.
    }
    core = await startCore({
      dataDir: tempDir(),
      host: '127.0.0.1',
      port: 0,
      rendererDir: null,
      jobs: false,
      updatesDir: updates,
    });
  });
  afterAll(() => core.stop());

  it('serves latest.yml as YAML, never cached without asking again', async () => {
    const r = await raw(core.url, 'GET', '/updates/latest.yml');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(manifest)));
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.body.toString('utf8')).toBe(manifest);
  });

  it('serves the installer whole, as bytes, with its length and a day of caching; HEAD gives the headers only', async () => {
    const r = await raw(core.url, 'GET', '/updates/Balcao-Setup-0.2.0.exe');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.headers['content-length']).toBe(String(installer.length));
    expect(r.headers['cache-control']).toBe('public, max-age=86400');
    expect(r.body.equals(installer)).toBe(true);
    const head = await raw(core.url, 'HEAD', '/updates/Balcao-Setup-0.2.0.exe');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(installer.length));
    expect(head.body.length).toBe(0);
  });

  it('refuses every path outside its folder: .., encoded traversal, absolute paths, sub-folders, hidden files, symlinks out', async () => {
    for (const p of [
      '/updates/../package.json',
      '/updates/..%2f..%2fsecret.txt',
      '/updates/%2e%2e%2fsecret.txt',
      '/updates/%2e%2e/secret.txt',
      '/updates/..%5csecret.txt',
      '/updates//etc/passwd',
      '/updates/%2fetc%2fpasswd',
      '/updates/sub/inner.yml',
      '/updates/.hidden',
      '/updates/link.txt',
      '/updates/nada.exe',
      '/updates/latest.yml%00.exe',
    ]) {
      const r = await raw(core.url, 'GET', p);
      expect([400, 404], p).toContain(r.status);
      expect(r.body.toString('utf8')).not.toContain('segredo');
      expect(r.body.toString('utf8')).not.toContain('root:');
    }
  });

  it('says its version on every API answer, so a client PC can tell it is older or newer', async () => {
    const r = await raw(core.url, 'GET', '/api/health');
    expect(r.headers['x-balcao-version']).toBe(core.app.services.version);
    expect(json(r).version).toBe(core.app.services.version);
  });
});

describe('network mode decides where the server listens', () => {
  it('"Rede da loja" binds every interface, "Só este computador" only 127.0.0.1 (after a restart)', async () => {
    const dataDir = tempDir();
    const first = await startCore({ dataDir, host: FROM_SETTING, port: 0, rendererDir: null, jobs: false });
    try {
      expect((first.server.server.address() as { address: string }).address).toBe('0.0.0.0');
      const token = await setupAdmin(first.app);
      const res = await fetch(`${first.url}/api/settings/network`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'local' }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { mode: string; restartNeeded: boolean; listening: { host: string } };
      expect(body.mode).toBe('local');
      expect(body.listening.host).toBe('0.0.0.0');
      expect(body.restartNeeded).toBe(true);
    } finally {
      await first.stop();
    }
    const second = await startCore({ dataDir, host: FROM_SETTING, port: 0, rendererDir: null, jobs: false });
    try {
      expect((second.server.server.address() as { address: string }).address).toBe('127.0.0.1');
      const health = await fetch(`${second.url}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it("lists this PC's LAN addresses with a QR code each when listening on the network", async () => {
    const core = await startCore({ dataDir: tempDir(), host: '0.0.0.0', port: 0, rendererDir: null, jobs: false });
    try {
      const token = await setupAdmin(core.app);
      const out = (await core.app.call('settings.network.get', {}, { token })) as {
        addresses: Array<{ address: string; url: string; qrSvg: string }>;
        dataDir: string;
      };
      expect(out.dataDir).toBe(core.app.dataDir);
      for (const a of out.addresses) {
        expect(a.url).toBe(`http://${a.address}:${core.port}/`);
        expect(a.qrSvg).toMatch(/^<svg/);
        expect(a.address.startsWith('127.')).toBe(false);
      }
    } finally {
      await core.stop();
    }
  });
});

describe('device approval for browsers on the shop network', () => {
  let core: Core;
  let admin: string;
  const PHONE = '192.168.0.50';

  beforeAll(async () => {
    core = await startCore({
      dataDir: tempDir(),
      host: '127.0.0.1',
      port: 0,
      rendererDir: null,
      jobs: false,
      // Test-only: a request carrying this header is treated as coming from that LAN address.
      peerAddress: (request) => {
        const fake = request.headers['x-test-peer'];
        return typeof fake === 'string' ? fake : request.ip;
      },
    });
    admin = await setupAdmin(core.app);
    core.app.services.devices.onRegistered = (d) => knocked.push(d);
  });
  afterAll(() => core.stop());
  const knocked: Array<{ code: string; address: string | null }> = [];

  const phone = (cookie?: string) => ({ 'x-test-peer': PHONE, ...(cookie && { cookie }) });

  it('an unknown device waits with a short code, the admin approves it, it logs in; revoking ends its session at once', async () => {
    // Before anything: the API is closed to it, the login too.
    const closed = await raw(
      core.url,
      'POST',
      '/api/auth/login',
      { ...phone(), 'content-type': 'application/json' },
      JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
    );
    expect(closed.status).toBe(403);
    expect(json(closed).error.key).toBe('devices.unknown');

    const self = await raw(core.url, 'GET', '/api/devices/self', {
      ...phone(),
      'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile',
    });
    expect(self.status).toBe(200);
    const waiting = json(self) as { status: string; code: string };
    expect(waiting.status).toBe('pending');
    expect(waiting.code).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    const setCookie = String(self.headers['set-cookie']);
    expect(setCookie).toMatch(/balcao_device=[A-Za-z0-9_-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict/);
    const cookie = setCookie.split(';')[0] as string;
    // The main PC's shell is told (a tray balloon there).
    expect(knocked).toEqual([{ code: waiting.code, address: PHONE }]);

    // Asking again with its cookie: the same device, the same code.
    const again = json(await raw(core.url, 'GET', '/api/devices/self', phone(cookie)));
    expect(again).toEqual({ status: 'pending', code: waiting.code });
    const stillClosed = await raw(core.url, 'GET', '/api/health', phone(cookie));
    expect(stillClosed.status).toBe(200);
    const pendingLogin = await raw(
      core.url,
      'POST',
      '/api/auth/login',
      { ...phone(cookie), 'content-type': 'application/json' },
      JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
    );
    expect(pendingLogin.status).toBe(403);
    expect(json(pendingLogin).error.key).toBe('devices.pending');
    expect(json(pendingLogin).error.message).toContain(waiting.code);

    // The admin, on the main PC (loopback), sees it with address, browser and code, and approves it.
    const list = (await core.app.call('devices.list', {}, { token: admin })) as {
      items: Array<{ id: number; code: string; address: string; browser: string; status: string }>;
    };
    const device = list.items.find((d) => d.code === waiting.code);
    expect(device).toMatchObject({ address: PHONE, browser: 'Chrome no Android', status: 'pending' });
    await core.app.call('devices.approve', { id: device?.id, name: 'Celular da Bia' }, { token: admin });

    expect(json(await raw(core.url, 'GET', '/api/devices/self', phone(cookie)))).toEqual({
      status: 'approved',
      code: null,
    });
    const login = await raw(
      core.url,
      'POST',
      '/api/auth/login',
      { ...phone(cookie), 'content-type': 'application/json' },
      JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
    );
    expect(login.status).toBe(200);
    const token = json(login).token as string;
    const me = await raw(core.url, 'GET', '/api/auth/me', { ...phone(cookie), authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    const ws = await connectWs(core.url, token, phone(cookie));
    const closedWs = new Promise<number>((resolve) => ws.socket.once('close', (code) => resolve(code)));

    // Revoked: its socket closes, its session is over, and it is shut out again.
    await core.app.call('devices.revoke', { id: device?.id }, { token: admin });
    expect(await closedWs).toBe(4401);
    const after = await raw(core.url, 'GET', '/api/auth/me', { ...phone(cookie), authorization: `Bearer ${token}` });
    expect(after.status).toBe(403);
    expect(json(after).error.key).toBe('devices.revoked');
    expect(json(await raw(core.url, 'GET', '/api/devices/self', phone(cookie))).status).toBe('revoked');
    // Even from this computer the token is dead: the session itself was ended.
    const local = await raw(core.url, 'GET', '/api/auth/me', { authorization: `Bearer ${token}` });
    expect(local.status).toBe(401);
  });

  it('this computer (loopback) never needs approval', async () => {
    expect(json(await raw(core.url, 'GET', '/api/devices/self')).status).toBe('local');
    const me = await raw(core.url, 'GET', '/api/auth/me', { authorization: `Bearer ${admin}` });
    expect(me.status).toBe(200);
  });

  it('with approval turned off, a LAN device goes straight to the login', async () => {
    await core.app.call('settings.network.update', { deviceApproval: false }, { token: admin });
    try {
      expect(json(await raw(core.url, 'GET', '/api/devices/self', phone())).status).toBe('open');
      const login = await raw(
        core.url,
        'POST',
        '/api/auth/login',
        { ...phone(), 'content-type': 'application/json' },
        JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
      );
      expect(login.status).toBe(200);
    } finally {
      await core.app.call('settings.network.update', { deviceApproval: true }, { token: admin });
    }
    const closed = await raw(core.url, 'GET', '/api/auth/me', { ...phone(), authorization: `Bearer ${admin}` });
    expect(closed.status).toBe(403);
  });

  it('counts the people connected from other devices for the desktop shell', async () => {
    const counts: number[] = [];
    const lanCore = await startCore({
      dataDir: tempDir(),
      host: '127.0.0.1',
      port: 0,
      rendererDir: null,
      jobs: false,
      peerAddress: (request) =>
        typeof request.headers['x-test-peer'] === 'string' ? request.headers['x-test-peer'] : request.ip,
      onLanUsers: (n) => counts.push(n),
    });
    try {
      const token = await setupAdmin(lanCore.app);
      await lanCore.app.call('settings.network.update', { deviceApproval: false }, { token });
      const local = await connectWs(lanCore.url, token);
      const remote = await connectWs(lanCore.url, token, { 'x-test-peer': '192.168.0.60' });
      await new Promise((r) => setTimeout(r, 50));
      expect(counts).toEqual([1]);
      remote.close();
      local.close();
      await new Promise((r) => setTimeout(r, 100));
      expect(counts).toEqual([1, 0]);
    } finally {
      await lanCore.stop();
    }
  });
});

describe('the main PC publishes the installer of the version it runs', () => {
  it("keeps downloaded installers and serves the running version's to client PCs", async () => {
    const { keepInstaller, publishRunningVersion, installerFor } = await import(
      '../../src-main/electron/update-mirror'
    );
    const root = tempDir('balcao-installers-');
    const download = path.join(root, 'cache-Balcao-Setup-0.2.0.exe');
    fs.writeFileSync(download, Buffer.alloc(1000, 3));
    const installers = path.join(root, 'installers');
    const updates = path.join(root, 'updates');
    keepInstaller(
      {
        version: '0.2.0',
        files: [{ url: 'Balcao-Setup-0.2.0.exe', sha512: 'c2hh', size: 1000 }],
        releaseDate: '2026-11-30T10:00:00.000Z',
        downloadedFile: download,
      },
      installers,
    );
    expect(installerFor('0.2.0', installers)).toBe(path.join(installers, 'Balcao-Setup-0.2.0.exe'));
    // Still on 0.1.0: its installer was never downloaded here, the mirror is left alone.
    expect(publishRunningVersion('0.1.0', installers, updates)).toBe(false);
    expect(fs.existsSync(updates)).toBe(false);
    // Restarted on 0.2.0: clients now get 0.2.0.
    expect(publishRunningVersion('0.2.0', installers, updates)).toBe(true);
    const core = await startCore({
      dataDir: tempDir(),
      host: '127.0.0.1',
      port: 0,
      rendererDir: null,
      jobs: false,
      updatesDir: updates,
    });
    try {
      const manifest = (await raw(core.url, 'GET', '/updates/latest.yml')).body.toString('utf8');
      expect(manifest).toContain('version: 0.2.0');
      expect(manifest).toContain("path: 'Balcao-Setup-0.2.0.exe'");
      expect(manifest).toContain('sha512: c2hh');
      const installer = await raw(core.url, 'GET', '/updates/Balcao-Setup-0.2.0.exe');
      expect(installer.status).toBe(200);
      expect(installer.body.length).toBe(1000);
    } finally {
      await core.stop();
    }
  });
});
