import schedule from 'node-schedule';
import type { App } from '../app';
import { cleanUp } from '../modules/auth/jobs';
import { refreshInstallmentStatus } from '../modules/finance/jobs';
import { notifyOverdueOrders } from '../modules/orders/jobs';
import { getSetting, setSetting } from '../modules/settings/service';
import type { ProcCtx } from '../rpc/context';

export interface Job {
  name: string;
  /** Cron rule in the shop's time zone. */
  cron: string;
  run(ctx: ProcCtx): Promise<unknown>;
}

export const JOBS: Job[] = [
  { name: 'parcelas-atrasadas', cron: '5 0 * * *', run: refreshInstallmentStatus },
  { name: 'pedidos-atrasados', cron: '0 7 * * *', run: notifyOverdueOrders },
  { name: 'limpeza', cron: '30 3 * * *', run: cleanUp },
];

type LastRuns = Record<string, string>;

/** Runs one job through the dispatcher's system path and records the shop date it ran for. */
export async function runJob(app: App, job: Job): Promise<void> {
  await app.dispatcher.system(job.name, async (ctx) => {
    await job.run(ctx);
    const last = (await getSetting<LastRuns>(ctx.db, 'jobs.lastRun')) ?? {};
    await setSetting(ctx.db, ctx.clock, 'jobs.lastRun', { ...last, [job.name]: ctx.clock.today() });
  });
}

/** Daily jobs that missed their day while the PC was off run once at start (catch-up). */
export async function catchUp(app: App, jobs: Job[] = JOBS): Promise<string[]> {
  const last = (await getSetting<LastRuns>(app.db, 'jobs.lastRun')) ?? {};
  const today = app.clock.today();
  const ran: string[] = [];
  for (const job of jobs) {
    if ((last[job.name] ?? '') < today) {
      await runJob(app, job);
      ran.push(job.name);
    }
  }
  return ran;
}

/** Schedules the jobs with node-schedule in the shop's time zone; returns a stop function. */
export function startJobs(app: App, jobs: Job[] = JOBS): () => void {
  const scheduled = jobs.map((job) =>
    schedule.scheduleJob({ rule: job.cron, tz: app.clock.timeZone }, () => {
      runJob(app, job).catch(() => undefined);
    }),
  );
  void catchUp(app, jobs).catch(() => undefined);
  // The daily backup (at its configurable hour), the weekly database maintenance and the disk check.
  app.services.backups.schedule();
  return () => {
    for (const s of scheduled) s?.cancel();
    void app.services.backups.stop();
  };
}
