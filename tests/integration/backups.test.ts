import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { migrations } from '../../migrations';
import { createApp } from '../../src-main/app';
import { manualClock } from '../../src-main/clock';
import type { Core } from '../../src-main/core';
import { openDatabase } from '../../src-main/db/connection';
import { BackupStore } from '../../src-main/modules/backups/store';
import { ADMIN, api, databaseDigest, setupAdmin, startTestCore, tempDir, userWithRole } from '../helpers/app';

type Api = ReturnType<typeof api>;

async function waitIdle(core: Core): Promise<void> {
  await core.app.services.backups.idle();
}

/** Every entry of a ZIP as bytes. */
async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (err, z) => (err || !z ? reject(err) : resolve(z))),
  );
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

async function writeZip(file: string, entries: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file);
    zip.outputStream.pipe(out);
    out.on('close', () => resolve());
    out.on('error', reject);
  });
}

async function upload(baseUrl: string, token: string, file: string) {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)], { type: 'application/zip' }), path.basename(file));
  const res = await fetch(`${baseUrl}/api/backups/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; message: string } } & Record<string, unknown>,
  };
}

function counts(core: Core): Record<string, number> {
  const sqlite = core.app.database.sqlite;
  const out: Record<string, number> = {};
  for (const t of ['customers', 'orders', 'users', 'audit_log'])
    out[t] = (sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
  return out;
}

describe('backups over HTTP', () => {
  let core: Core & { dir: string };
  let admin: Api;
  let token: string;

  beforeAll(async () => {
    core = await startTestCore();
    token = await setupAdmin(core.app);
    admin = api(core.url, token);
  });
  afterAll(() => core.stop());

  it('a backup taken while another client writes restores whole, with every write acknowledged before it started', async () => {
    const acknowledged: number[] = [];
    let writing = true;
    let n = 0;
    const writer = (async () => {
      while (writing) {
        const res = await admin('POST', '/api/customers', { name: `Cliente ${++n}`, phone: '11987654321' });
        if (res.status === 201 || res.status === 200) acknowledged.push(res.body.id as number);
      }
    })();
    while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 10));
    const ackedBefore = [...acknowledged];
    const started = await admin('POST', '/api/backups', {});
    expect(started.status).toBe(201);
    expect(started.body.status).toBe('running');
    await waitIdle(core);
    // Writes went on during the backup.
    const during = acknowledged.length;
    await new Promise((r) => setTimeout(r, 100));
    writing = false;
    await writer;
    expect(during).toBeGreaterThan(ackedBefore.length);

    const list = await admin('GET', '/api/backups');
    const backup = list.body.items.find((b: { id: string }) => b.id === started.body.id);
    expect(backup.status).toBe('verified');
    expect(backup.kind).toBe('manual');
    expect(backup.sizeBytes).toBeGreaterThan(0);

    const download = await fetch(`${core.url}/api/backups/${backup.id}/download`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/application\/zip/);
    const entries = await readZip(
      await (async () => {
        const f = path.join(tempDir(), 'dl.zip');
        fs.writeFileSync(f, Buffer.from(await download.arrayBuffer()));
        return f;
      })(),
    );
    expect([...entries.keys()]).toEqual(expect.arrayContaining(['manifest.json', 'balcao.sqlite']));

    const wrong = await admin('POST', `/api/backups/${backup.id}/restore`, { password: 'errada-123' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.password).toBe('Senha incorreta.');

    const restored = await admin('POST', `/api/backups/${backup.id}/restore`, { password: ADMIN.password });
    expect(restored.status).toBe(200);
    expect(restored.body.safety.kind).toBe('before_restore');
    expect(restored.body.safety.status).toBe('verified');

    const sqlite = core.app.database.sqlite;
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = new Set((sqlite.prepare('select id from customers').all() as Array<{ id: number }>).map((r) => r.id));
    for (const id of ackedBefore) expect(ids.has(id), `customer ${id}`).toBe(true);
    // Every session of the restored database was ended (it may hold ones logged out since the
    // backup): the old token is refused, and the admin logs in again.
    expect((await admin('GET', '/api/customers')).status).toBe(401);
    const login = await api(core.url)('POST', '/api/auth/login', {
      username: ADMIN.username,
      password: ADMIN.password,
    });
    expect(login.status).toBe(200);
    token = login.body.token as string;
    admin = api(core.url, token);
    // The app goes on writing on the restored database.
    const after = await admin('POST', '/api/customers', { name: 'Depois da restauração', phone: '11987654321' });
    expect(after.status).toBe(201);
    // The backups made since are still listed (they live in the folder, not the database).
    const again = await admin('GET', '/api/backups');
    expect(again.body.items.map((b: { id: string }) => b.id)).toEqual(
      expect.arrayContaining([backup.id, restored.body.safety.id]),
    );
  });

  it('refuses a corrupted ZIP, a wrong hash, a newer version and a plain file, leaving the data as it was', async () => {
    await admin('POST', '/api/backups', {});
    await waitIdle(core);
    const good = (await admin('GET', '/api/backups')).body.items.find(
      (b: { kind: string; status: string }) => b.kind === 'manual' && b.status === 'verified',
    );
    const goodFile = new BackupStore(core.dir).zipOf(good.id);
    const entries = await readZip(goodFile);
    const dir = tempDir();

    const corrupted = path.join(dir, 'corrompido.zip');
    const bytes = fs.readFileSync(goodFile);
    fs.writeFileSync(corrupted, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const wrongHash = path.join(dir, 'hash.zip');
    const db = Buffer.from(entries.get('balcao.sqlite') as Buffer);
    db[db.length - 10] = (db[db.length - 10] as number) ^ 0xff;
    await writeZip(wrongHash, new Map([...entries, ['balcao.sqlite', db]]));

    const newer = path.join(dir, 'nova.zip');
    const manifest = JSON.parse((entries.get('manifest.json') as Buffer).toString('utf8'));
    await writeZip(
      newer,
      new Map([...entries, ['manifest.json', Buffer.from(JSON.stringify({ ...manifest, appVersion: '99.0.0' }))]]),
    );

    const plain = path.join(dir, 'planilha.zip');
    fs.writeFileSync(plain, 'nome;telefone\nJoão;11999999999\n');

    const before = databaseDigest(core.app);
    const beforeCounts = counts(core);
    const cases: Array<[string, RegExp]> = [
      [corrupted, /não é um backup do Balcão|corrompido|danificado/],
      [wrongHash, /não confere com o manifesto/],
      [newer, /versão 99\.0\.0/],
      [plain, /não é um backup do Balcão/],
    ];
    for (const [file, message] of cases) {
      const res = await upload(core.url, token, file);
      expect(res.status, file).toBe(422);
      expect(res.body.error?.message, file).toMatch(message);
      expect(databaseDigest(core.app)).toBe(before);
      expect(counts(core)).toEqual(beforeCounts);
    }
    // Nothing refused joined the list; the incoming files are gone.
    const list = (await admin('GET', '/api/backups')).body.items as Array<{ kind: string }>;
    expect(list.filter((b) => b.kind === 'uploaded')).toHaveLength(0);

    // A good upload joins the list, validated.
    const ok = await upload(core.url, token, goodFile);
    expect(ok.status).toBe(201);
    expect((ok.body.validation as { ok: boolean }).ok).toBe(true);
  });

  it('only an admin restores or deletes; gerente makes and lists backups', async () => {
    const gerente = api(core.url, (await userWithRole(core.app, 'gerente')).token);
    const list = await gerente('GET', '/api/backups');
    expect(list.status).toBe(200);
    const id = list.body.items[0].id;
    expect((await gerente('POST', `/api/backups/${id}/restore`, { password: 'x' })).status).toBe(403);
    expect((await gerente('DELETE', `/api/backups/${id}`)).status).toBe(403);
    expect((await gerente('GET', '/api/system/database')).status).toBe(403);
    const vendedor = api(core.url, (await userWithRole(core.app, 'vendedor')).token);
    expect((await vendedor('POST', '/api/backups', {})).status).toBe(403);
  });

  it('refuses writes with 503 while the data is being swapped, and serves reads', async () => {
    core.app.services.writeGate.close('restore');
    try {
      const res = await admin('POST', '/api/customers', { name: 'Durante a troca', phone: '11987654321' });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('MAINTENANCE');
      expect(res.body.error.message).toMatch(/restaurados de um backup/);
      expect((await admin('GET', '/api/customers')).status).toBe(200);
    } finally {
      core.app.services.writeGate.open();
    }
  });

  it('database care: figures, maintenance run now, a failed backup copy reported but never fatal', async () => {
    const info = await admin('GET', '/api/system/database');
    expect(info.status).toBe(200);
    expect(info.body.schemaVersion).toBe(Object.keys(migrations).at(-1));
    expect(info.body.counts.customers).toBeGreaterThan(0);
    const run = await admin('POST', '/api/system/database/maintenance', { full: true });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ check: 'full', ok: true });
    const after = await admin('GET', '/api/system/database');
    expect(after.body.lastCheck).toMatchObject({ kind: 'full', ok: true });

    const config = (await admin('GET', '/api/backups/config')).body;
    expect(config.dailyAt).toBe('12:30');
    const missing = path.join(tempDir(), 'pendrive-desconectado');
    expect((await admin('PUT', '/api/backups/config', { ...config, secondDestination: missing })).status).toBe(200);
    await admin('POST', '/api/backups', {});
    await waitIdle(core);
    const latest = (await admin('GET', '/api/backups')).body.items[0];
    expect(latest.status).toBe('verified');
    expect(latest.copy.ok).toBe(false);
    expect(latest.copy.problem).toMatch(/segundo destino/);
    const notes = await admin('GET', '/api/notifications');
    expect(notes.body.items[0].type).toBe('backup.failed');

    const second = tempDir();
    await admin('PUT', '/api/backups/config', { ...config, secondDestination: second });
    await admin('POST', '/api/backups', {});
    await waitIdle(core);
    const copied = (await admin('GET', '/api/backups')).body.items[0];
    expect(copied.copy.ok).toBe(true);
    expect(fs.existsSync(path.join(second, `${copied.id}.zip`))).toBe(true);
    await admin('PUT', '/api/backups/config', { ...config, secondDestination: null });

    expect((await admin('DELETE', `/api/backups/${copied.id}`)).status).toBe(200);
    expect(fs.existsSync(path.join(second, `${copied.id}.zip`))).toBe(false);
  });
});

describe('backup before a migration', () => {
  it('an existing database with pending migrations is copied first, as kind before_migration', async () => {
    const dir = tempDir();
    const older = Object.fromEntries(Object.entries(migrations).slice(0, -1));
    const opened = await openDatabase(path.join(dir, 'balcao.sqlite'), older);
    await opened.close();
    const app = await createApp({ dataDir: dir, clock: manualClock('2026-11-24T13:00:00Z') });
    try {
      const list = await new BackupStore(dir).list();
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ kind: 'before_migration', status: 'verified' });
      expect(list[0]?.lastMigration).toBe(Object.keys(older).at(-1));
      // The copy really is the database before the migration.
      const inside = await readZip(new BackupStore(dir).zipOf(list[0]?.id as string));
      const f = path.join(tempDir(), 'old.sqlite');
      fs.writeFileSync(f, inside.get('balcao.sqlite') as Buffer);
      const old = new SQLite(f, { readonly: true });
      expect((old.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n).toBe(
        Object.keys(older).length,
      );
      old.close();
    } finally {
      await app.close();
    }
    // A new database (nothing to lose) gets none.
    const fresh = tempDir();
    const app2 = await createApp({ dataDir: fresh });
    await app2.close();
    expect(await new BackupStore(fresh).list()).toHaveLength(0);
  });
});

describe('restore interrupted by a power cut', () => {
  it('an empty (torn) journal is rolled back from .restore-old/ alone: the app starts with the previous data', async () => {
    const dir = tempDir();
    const makeDb = async (file: string, marker: string): Promise<void> => {
      const opened = await openDatabase(file);
      await opened.close();
      const raw = new SQLite(file);
      raw.exec(`CREATE TABLE ${marker} (x INTEGER)`);
      raw.close();
    };
    // The swap had moved the previous database and media aside and the restored ones in...
    const old = path.join(dir, '.restore-old');
    fs.mkdirSync(path.join(old, 'media'), { recursive: true });
    await makeDb(path.join(old, 'balcao.sqlite'), 'previous_marker');
    fs.writeFileSync(path.join(old, 'media', 'old.jpg'), 'old');
    await makeDb(path.join(dir, 'balcao.sqlite'), 'restored_marker');
    fs.mkdirSync(path.join(dir, 'media'));
    fs.writeFileSync(path.join(dir, 'media', 'new.jpg'), 'new');
    // ...but the journal never reached the disk whole.
    fs.writeFileSync(path.join(dir, 'restore-journal.json'), '');
    const app = await createApp({ dataDir: dir });
    await app.close();
    const db = new SQLite(path.join(dir, 'balcao.sqlite'), { readonly: true });
    const tables = (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    db.close();
    expect(tables).toContain('previous_marker');
    expect(tables).not.toContain('restored_marker');
    expect(fs.readdirSync(path.join(dir, 'media'))).toEqual(['old.jpg']);
    expect(fs.existsSync(path.join(dir, 'restore-journal.json'))).toBe(false);
    expect(fs.existsSync(old)).toBe(false);
  });
});
