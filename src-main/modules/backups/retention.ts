/** How many automatic backups are kept (grandfather-father-son); manual and uploaded ones stay until deleted. */
export interface RetentionRule {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  /** Backups made before a restore, a migration or an update: the most recent ones kept. */
  keepSafety: number;
  /** Failed backups are kept for inspection this many days. */
  keepFailedDays: number;
}

export const DEFAULT_RETENTION: RetentionRule = {
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 12,
  keepSafety: 5,
  keepFailedDays: 30,
};

export interface RetainedBackup {
  id: string;
  kind: string;
  status: string;
  /** The shop date it was made (`YYYY-MM-DD`). */
  date: string;
  createdAt: string;
}

/** ISO week of a `YYYY-MM-DD` date, as `YYYY-Www`. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - day + 3); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week =
    1 +
    Math.round(
      (d.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - (((firstThursday.getUTCDay() + 6) % 7) - 3) / 7,
    );
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which backups retention removes. Daily backups: the newest of each of the last `keepDaily` days
 * that have one, of each of the last `keepWeekly` ISO weeks and of each of the last `keepMonthly`
 * months are kept (a backup may count for all three). Safety backups (before restore, migration,
 * update): the `keepSafety` newest. Manual and uploaded: never removed. A failed backup counts for
 * nothing and goes after `keepFailedDays`.
 */
export function toRemove(backups: readonly RetainedBackup[], rule: RetentionRule, today: string): string[] {
  const remove: string[] = [];
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const failedLimit = new Date(Date.parse(`${today}T00:00:00Z`) - rule.keepFailedDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const keep = new Set<string>();
  const buckets = (key: (b: RetainedBackup) => string, count: number, list: RetainedBackup[]) => {
    const seen = new Set<string>();
    for (const b of list) {
      const k = key(b);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(b.id);
    }
  };
  const daily = newestFirst.filter((b) => b.kind === 'daily' && b.status === 'verified');
  buckets((b) => b.date, rule.keepDaily, daily);
  buckets((b) => isoWeek(b.date), rule.keepWeekly, daily);
  buckets((b) => b.date.slice(0, 7), rule.keepMonthly, daily);
  const safety = newestFirst.filter((b) => b.kind.startsWith('before_') && b.status === 'verified');
  for (const b of safety.slice(0, rule.keepSafety)) keep.add(b.id);

  for (const b of newestFirst) {
    if (b.status === 'running') continue;
    if (b.kind === 'manual' || b.kind === 'uploaded') continue;
    if (b.status === 'failed') {
      if (b.date < failedLimit) remove.push(b.id);
      continue;
    }
    if (!keep.has(b.id)) remove.push(b.id);
  }
  return remove;
}
