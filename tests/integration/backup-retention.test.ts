import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isoWeek, toRemove } from '../../src-main/modules/backups/retention';
import { type BackupRecord, BackupStore, DEFAULT_CONFIG } from '../../src-main/modules/backups/store';
import { makeApp } from '../helpers/app';

/** A finished daily backup as the folder holds it (an empty ZIP stands for the real one). */
async function fakeDaily(store: BackupStore, nowIso: string, date: string, kind = 'daily'): Promise<string> {
  const id = await store.newId(nowIso, kind as BackupRecord['kind']);
  fs.writeFileSync(store.zipOf(id), '');
  await store.save({
    id,
    kind: kind as BackupRecord['kind'],
    status: 'verified',
    createdAt: nowIso,
    finishedAt: nowIso,
    date,
    sizeBytes: 0,
    appVersion: '0.1.0',
    lastMigration: null,
    counts: {},
    problems: [],
    copy: null,
  });
  return id;
}

describe('retention over a simulated year of daily backups (moved clock)', () => {
  it('keeps the last 7 days, the last 4 weeks and the last 12 months, and every manual backup', async () => {
    const { app, clock, dir } = await makeApp('2026-01-01T15:30:00Z');
    const store = new BackupStore(dir);
    await store.ensure();
    try {
      const manual = await fakeDaily(store, clock.nowIso(), clock.today(), 'manual');
      for (let day = 0; day < 365; day++) {
        await fakeDaily(store, clock.nowIso(), clock.today());
        await app.services.backups.applyRetention(store, DEFAULT_CONFIG);
        const daily = (await store.list()).filter((b) => b.kind === 'daily');
        // Never more than the promise allows, whatever the day.
        expect(daily.length).toBeLessThanOrEqual(7 + 4 + 12);
        clock.advance(86_400_000);
      }
      const last = (await store.list()).filter((b) => b.kind === 'daily');
      const dates = new Set(last.map((b) => b.date));
      const lastDay = new Date(Date.parse('2026-01-01T00:00:00Z') + 364 * 86_400_000);
      const dayOf = (back: number) => new Date(lastDay.getTime() - back * 86_400_000).toISOString().slice(0, 10);
      // The last 7 days, each.
      for (let i = 0; i < 7; i++) expect(dates.has(dayOf(i)), dayOf(i)).toBe(true);
      // The last 4 weeks and 12 months each have one: the newest of that week or month.
      const weeks = [...new Set(Array.from({ length: 60 }, (_, i) => isoWeek(dayOf(i))))].slice(0, 4);
      for (const w of weeks) {
        const inWeek = Array.from({ length: 400 }, (_, i) => dayOf(i)).filter((d) => isoWeek(d) === w);
        expect(dates.has(inWeek[0] as string), `newest of ${w}`).toBe(true);
      }
      const months = [...new Set(Array.from({ length: 364 }, (_, i) => dayOf(i).slice(0, 7)))].slice(0, 12);
      expect(months).toHaveLength(12);
      for (const m of months) {
        const newest = Array.from({ length: 400 }, (_, i) => dayOf(i)).find((d) => d.startsWith(m));
        expect(dates.has(newest as string), `newest of ${m}`).toBe(true);
      }
      // Exactly those: nothing else survived.
      const promised = new Set<string>();
      for (let i = 0; i < 7; i++) promised.add(dayOf(i));
      for (const w of weeks)
        promised.add(Array.from({ length: 400 }, (_, i) => dayOf(i)).find((d) => isoWeek(d) === w) as string);
      for (const m of months)
        promised.add(Array.from({ length: 400 }, (_, i) => dayOf(i)).find((d) => d.startsWith(m)) as string);
      expect([...dates].sort()).toEqual([...promised].sort());
      // The files went with the records; the manual backup stays.
      const zips = fs.readdirSync(store.dir).filter((f) => f.endsWith('.zip'));
      expect(zips).toHaveLength(last.length + 1);
      expect((await store.list()).some((b) => b.id === manual)).toBe(true);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('keeps failed backups 30 days and the 5 newest safety backups', () => {
    const b = (id: string, kind: string, status: string, date: string) => ({
      id,
      kind,
      status,
      date,
      createdAt: `${date}T12:00:00Z`,
    });
    const list = [
      b('f-old', 'daily', 'failed', '2026-01-01'),
      b('f-new', 'daily', 'failed', '2026-03-01'),
      ...Array.from({ length: 7 }, (_, i) => b(`s${i}`, 'before_restore', 'verified', `2026-02-0${i + 1}`)),
      b('m', 'manual', 'failed', '2025-01-01'),
    ];
    const removed = toRemove(
      list,
      { keepDaily: 7, keepWeekly: 4, keepMonthly: 12, keepSafety: 5, keepFailedDays: 30 },
      '2026-03-10',
    );
    expect(removed.sort()).toEqual(['f-old', 's0', 's1']);
  });
});
