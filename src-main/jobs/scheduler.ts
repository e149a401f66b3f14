import { performance } from 'node:perf_hooks';
import schedule from 'node-schedule';
import type { App } from '../app';
import { cleanUp } from '../modules/auth/jobs';
import { refreshInstallmentStatus } from '../modules/finance/jobs';
import { recomputeAll as recomputeHealth } from '../modules/health/score';
import { stateFact } from '../modules/hooks';
import { notifyOverdueOrders } from '../modules/orders/jobs';
import { getSetting, setSetting } from '../modules/settings/service';
import type { ProcCtx } from '../rpc/context';

export interface Job {
  name: string;
  /** Cron rule in the shop's time zone. */
  cron: string;
  /** The job's work, in one transaction; returns how many items it touched (a number, or counts by kind). */
  run(ctx: ProcCtx): Promise<unknown>;
}

export const JOBS: Job[] = [
  { name: 'parcelas-atrasadas', cron: '5 0 * * *', run: refreshInstallmentStatus },
  { name: 'pedidos-atrasados', cron: '0 7 * * *', run: notifyOverdueOrders },
  { name: 'limpeza', cron: '30 3 * * *', run: cleanUp },
  { name: 'saude-clientes', cron: '15 0 * * *', run: recomputeHealth },
];

type LastRuns = Record<string, string>;

/** How one run ended, as recorded in `job_runs`. */
export interface JobRun {
  /** The `job_runs` row (null only when even recording the run failed, which is logged). */
  id: number | null;
  job: string;
  startedAt: string;
  finishedAt: string;
  outcome: 'ok' | 'error';
  error: string | null;
  items: number | null;
}

/** A job's result as a count: a number as it is, counts by kind added up, anything else none. */
export function itemsOf(result: unknown): number | null {
  if (typeof result === 'number' && Number.isFinite(result)) return result;
  if (result && typeof result === 'object') {
    const counts = Object.values(result).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return counts.length ? counts.reduce((a, b) => a + b, 0) : null;
  }
  return null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

/**
 * Runs one job through the dispatcher's system path and records the run. Never throws and never
 * swallows: success is logged and recorded (in the job's own transaction, with the shop date it
 * ran for); a failure rolls the job's work back, is logged at error level with its cause and
 * stack, recorded in `job_runs` and stated as `jobFailed`, on which notifications tells the
 * admins. A failure to record a failure is logged too.
 */
export async function runJob(app: App, job: Job): Promise<JobRun> {
  const log = app.services.log.child({ evt: 'job', job: job.name });
  const startedAt = app.clock.nowIso();
  const t0 = performance.now();
  const ms = () => Math.round((performance.now() - t0) * 10) / 10;
  log.info({ phase: 'start' }, `job started: ${job.name}`);
  try {
    const run = await app.dispatcher.system(job.name, async (ctx) => {
      const items = itemsOf(await job.run(ctx));
      const last = (await getSetting<LastRuns>(ctx.db, 'jobs.lastRun')) ?? {};
      await setSetting(ctx.db, ctx.clock, 'jobs.lastRun', { ...last, [job.name]: ctx.clock.today() });
      const finishedAt = ctx.clock.nowIso();
      const row = await ctx.db
        .insertInto('job_runs')
        .values({ job: job.name, started_at: startedAt, finished_at: finishedAt, outcome: 'ok', error: null, items })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, job: job.name, startedAt, finishedAt, outcome: 'ok', error: null, items } satisfies JobRun;
    });
    log.info({ phase: 'end', outcome: 'ok', items: run.items, ms: ms(), runId: run.id }, `job done: ${job.name}`);
    return run;
  } catch (err) {
    const error = messageOf(err);
    const failed: JobRun = {
      id: null,
      job: job.name,
      startedAt,
      finishedAt: app.clock.nowIso(),
      outcome: 'error',
      error,
      items: null,
    };
    log.error({ phase: 'end', outcome: 'error', ms: ms(), err }, `job failed: ${job.name}`);
    try {
      failed.id = await app.dispatcher.system(`${job.name}:falha`, async (ctx) => {
        const row = await ctx.db
          .insertInto('job_runs')
          .values({
            job: job.name,
            started_at: startedAt,
            finished_at: failed.finishedAt,
            outcome: 'error',
            error,
            items: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await stateFact(ctx, 'jobFailed', { job: job.name, runId: row.id, startedAt, error });
        return row.id;
      });
    } catch (recordErr) {
      log.error({ phase: 'record', err: recordErr }, `job failure could not be recorded: ${job.name}`);
    }
    return failed;
  }
}

/** Daily jobs that missed their day while the PC was off run once at start (catch-up); returns the jobs it ran. */
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
  const log = app.services.log;
  // `runJob` logs and records its own failures; what could still throw here is a bug of ours.
  const report = (err: unknown) => log.error({ evt: 'job', err }, 'scheduler failed');
  const scheduled = jobs.map((job) =>
    schedule.scheduleJob({ rule: job.cron, tz: app.clock.timeZone }, () => {
      runJob(app, job).catch(report);
    }),
  );
  void catchUp(app, jobs).catch(report);
  // The daily backup (at its configurable hour), the weekly database maintenance and the disk check.
  app.services.backups.schedule();
  return () => {
    for (const s of scheduled) s?.cancel();
    void app.services.backups.stop();
  };
}
