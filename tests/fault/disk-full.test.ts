import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { manualClock } from '../../src-main/clock';
import { type Core, startCore } from '../../src-main/core';
import { ADMIN, api, tempDir } from '../helpers/app';

/**
 * A full disk, for real: the data folder on a small tmpfs (needs root, which the test machines
 * have). Where mounting is refused the test is skipped and says why.
 */
const mountPoint = tempDir('balcao-full-');
let mounted = false;
let whyNot = '';
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mountPoint], { stdio: 'pipe' });
  mounted = true;
} catch (err) {
  whyNot = String((err as { stderr?: Buffer }).stderr ?? err).trim();
}

describe.skipIf(!mounted)(
  `disk full${mounted ? '' : ` (pulado: não foi possível montar um tmpfs — ${whyNot})`}`,
  () => {
    const clock = manualClock('2026-11-24T13:00:00Z');
    const dataDir = path.join(mountPoint, 'dados');
    const filler = path.join(mountPoint, 'enchimento.bin');
    let core: Core;
    let admin: ReturnType<typeof api>;
    const logged: string[] = [];

    beforeAll(async () => {
      // The log files are on the full disk too: their error lines fall back to stderr meanwhile.
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        logged.push(String(chunk));
        return true;
      });
      core = await startCore({ dataDir, host: '127.0.0.1', port: 0, rendererDir: null, jobs: false, clock });
    });
    afterAll(async () => {
      await core?.stop();
      vi.restoreAllMocks();
      if (mounted) execFileSync('umount', [mountPoint]);
    });

    function fill(): void {
      const chunk = Buffer.alloc(64 * 1024, 1);
      const fd = fs.openSync(filler, 'a');
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        fs.closeSync(fd);
      }
      // and the last few bytes
      try {
        for (;;) fs.appendFileSync(filler, Buffer.alloc(512, 1));
      } catch {
        // full
      }
    }

    it('writes answer 507, reads, login and health keep working, nothing committed is lost; freeing space heals it', async () => {
      const token = (await api(core.url)('POST', '/api/setup', { companyName: 'Gráfica', admin: ADMIN })).body
        .token as string;
      admin = api(core.url, token);
      const kept = await admin('POST', '/api/customers', { name: 'Cliente Gravado' });
      expect(kept.status).toBe(201);
      // Every new write now has to grow the WAL.
      core.app.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      fill();
      clock.advance(2 * 60 * 1000); // the next request wants to record the session's last use

      const refused = await admin('POST', '/api/customers', { name: 'Cliente Sem Espaço' });
      expect(refused.status).toBe(507);
      expect(refused.body.error).toEqual({
        code: 'STORAGE_FULL',
        key: 'error.STORAGE_FULL',
        message: expect.stringMatching(/disco .* está cheio/),
        fields: {},
      });
      const patch = await admin('PATCH', `/api/customers/${kept.body.id}`, { version: 1, name: 'Outro Nome' });
      expect(patch.status).toBe(507);

      // reads go on (the session's last-use update fails quietly)
      const list = await admin('GET', '/api/customers?search=gravado');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(1);
      expect((await admin('GET', `/api/customers/${kept.body.id}`)).body.name).toBe('Cliente Gravado');
      // a wrong password is still just a wrong password; the right one either gets in or says the disk is full
      const wrong = await api(core.url)('POST', '/api/auth/login', { username: 'ana', password: 'errada-123' });
      expect(wrong.status).toBe(401);
      const right = await api(core.url)('POST', '/api/auth/login', { username: 'ana', password: ADMIN.password });
      expect([200, 507]).toContain(right.status);

      const health = await api(core.url)('GET', '/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'degraded', db: 'ok', disk: 'full' });
      expect(health.body.freeBytes).toBeLessThan(256 * 1024);

      // the log says what happened, not "cannot rollback" (on stderr, since its files cannot grow either)
      const text = logged.join('');
      expect(text).toMatch(/SQLITE_FULL|disk is full/);
      expect(text).toMatch(/"outcome":"STORAGE_FULL"/);
      expect(text).not.toMatch(/cannot rollback/);

      fs.rmSync(filler);
      const again = await admin('POST', '/api/customers', { name: 'Cliente Depois' });
      expect(again.status).toBe(201);
      const healed = await api(core.url)('GET', '/api/health');
      expect(healed.body).toMatchObject({ status: 'ok', disk: 'ok' });
      const all = await admin('GET', '/api/customers?perPage=50');
      expect(all.body.items.map((c: { name: string }) => c.name).sort()).toEqual(['Cliente Depois', 'Cliente Gravado']);
    });
  },
);
