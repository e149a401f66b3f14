import { performance } from 'node:perf_hooks';
import { CronExpressionParser } from 'cron-parser';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { cleanUp } from '../modules/auth/jobs';
import { refreshInstallmentStatus } from '../modules/finance/jobs';
import { recomputeAll as recomputeHealth } from '../modules/health/score';
import { stateFact } from '../modules/hooks';
import {
  birthdayGreetings,
  planReminders,
  queueReminders,
  queueWeeklyReport,
  quoteFollowUp,
} from '../modules/messages/automations';
import type { OutboxSender } from '../modules/messages/outbox';
import { notifyOverdueOrders } from '../modules/orders/jobs';
import { getSetting } from '../modules/settings/service';
import type { ProcCtx, Services } from '../rpc/context';
import type { Dispatcher } from '../rpc/dispatcher';

export interface Job {
  name: string;
  /** Cron rule in the shop's time zone (the default; admins may change it, `jobs.config`). */
  cron: string;
  /**
   * Reads done before the transaction (each query on its own, so requests are answered between
   * them); what it returns is handed to `run`. Optional.
   */
  prepare?(db: Db, clock: Clock): Promise<unknown>;
  /** The job's work, in one transaction; returns how many items it touched (a number, or counts by kind). */
  run(ctx: ProcCtx, prepared?: unknown): Promise<unknown>;
}

export const JOBS: Job[] = [
  { name: 'parcelas-atrasadas', cron: '5 0 * * *', run: refreshInstallmentStatus },
  // Hourly, so the bell tells about an order soon after it becomes late (once per order).
  { name: 'pedidos-atrasados', cron: '10 * * * *', run: notifyOverdueOrders },
  { name: 'limpeza', cron: '30 3 * * *', run: cleanUp },
  { name: 'relatorio-semanal', cron: '0 9 * * 1', run: queueWeeklyReport },
  { name: 'lembretes-pagamento', cron: '0 10 * * *', prepare: planReminders, run: queueReminders },
  { name: 'orcamentos-vencendo', cron: '0 8 * * *', run: quoteFollowUp },
  { name: 'aniversarios', cron: '0 9 * * *', run: birthdayGreetings },
  { name: 'saude-clientes', cron: '15 0 * * *', run: recomputeHealth },
];

/** What the scheduler needs of the app (an `App` is one). */
export interface JobHost {
  db: Db;
  clock: Clock;
  dispatcher: Dispatcher;
  services: Services;
}

/** Admins' changes to a job (`jobs.update`), kept in `settings` under `jobs.config`. */
export type JobConfig = Record<string, { enabled?: boolean; cron?: string }>;
export const JOB_CONFIG_KEY = 'jobs.config';

/** Whether a cron rule is valid (five fields: minute hour day month weekday). */
export function validCron(rule: string, timeZone: string): boolean {
  if (rule.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(rule, { tz: timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The rule's latest occurrence at or before `now`, and its next one after. */
export function occurrences(rule: string, timeZone: string, now: Date): { last: Date; next: Date } {
  const at = new Date(now.getTime() + 1000);
  const last = CronExpressionParser.parse(rule, { tz: timeZone, currentDate: at }).prev().toDate();
  const next = CronExpressionParser.parse(rule, { tz: timeZone, currentDate: now }).next().toDate();
  return { last, next };
}

/** A job's effective rule and switch: its default, changed by the admins' config. */
export function effective(job: Job, config: JobConfig): { cron: string; enabled: boolean } {
  const own = config[job.name] ?? {};
  return { cron: own.cron ?? job.cron, enabled: own.enabled ?? true };
}

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
export async function runJob(app: JobHost, job: Job): Promise<JobRun> {
  const log = app.services.log.child({ evt: 'job', job: job.name });
  const startedAt = app.clock.nowIso();
  const t0 = performance.now();
  const ms = () => Math.round((performance.now() - t0) * 10) / 10;
  log.info({ phase: 'start' }, `job started: ${job.name}`);
  try {
    const prepared = job.prepare ? await job.prepare(app.db, app.clock) : undefined;
    const run = await app.dispatcher.system(job.name, async (ctx) => {
      const items = itemsOf(await job.run(ctx, prepared));
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

/** When the job last started, counting only successful runs or any run. */
async function lastStart(db: Db, job: string, onlyOk: boolean): Promise<string | null> {
  let q = db
    .selectFrom('job_runs')
    .select((eb) => eb.fn.max('started_at').as('at'))
    .where('job', '=', job);
  if (onlyOk) q = q.where('outcome', '=', 'ok');
  return ((await q.executeTakeFirst())?.at as string | null | undefined) ?? null;
}

/**
 * Runs each enabled job whose rule had an occurrence since its last run — once, however many
 * occurrences were missed (a weekly job missed on Monday runs once on Tuesday; a daily one missed
 * for five days runs once). At start (`catchUp`) a failed run does not count, so a job that failed
 * is tried again; while running (`tick`, every half minute) any run counts, so a failing job is
 * not retried every minute until its next occurrence. Returns the jobs it ran.
 */
export async function dueJobs(app: JobHost, jobs: Job[], atStart: boolean): Promise<string[]> {
  const config = (await getSetting<JobConfig>(app.db, JOB_CONFIG_KEY)) ?? {};
  const now = app.clock.now();
  const ran: string[] = [];
  for (const job of jobs) {
    const { cron, enabled } = effective(job, config);
    if (!enabled || !validCron(cron, app.clock.timeZone)) continue;
    const { last } = occurrences(cron, app.clock.timeZone, now);
    const previous = await lastStart(app.db, job.name, atStart);
    if (previous !== null && previous >= last.toISOString()) continue;
    await runJob(app, job);
    ran.push(job.name);
  }
  return ran;
}

/** Jobs whose last occurrence passed since their last successful run (PC off) run once now. */
export function catchUp(app: JobHost, jobs: Job[] = JOBS): Promise<string[]> {
  return dueJobs(app, jobs, true);
}

/** The scheduler of one app: catch-up at start, then a check every half minute; `run` runs one job now. */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly app: JobHost,
    readonly jobs: Job[] = JOBS,
  ) {}

  /** Jobs run one after the other, never two at once. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.busy.then(work, work);
    this.busy = next.catch(() => undefined);
    return next;
  }

  start(intervalMs = 30_000): void {
    const report = (err: unknown) => this.app.services.log.error({ evt: 'job', err }, 'scheduler failed');
    void this.serial(() => dueJobs(this.app, this.jobs, true)).catch(report);
    this.timer = setInterval(() => {
      void this.serial(() => dueJobs(this.app, this.jobs, false)).catch(report);
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.busy;
  }

  /** Runs a job now (admins' "executar agora"); null when there is no such job. */
  run(name: string): Promise<JobRun> | null {
    const job = this.jobs.find((j) => j.name === name);
    return job ? this.serial(() => runJob(this.app, job)) : null;
  }
}

/** Starts the scheduler, the outbox sender and the backups module's own schedule; returns a stop function. */
export function startJobs(app: JobHost & { scheduler: Scheduler; outbox: OutboxSender }): () => void {
  app.scheduler.start();
  void app.outbox.start().catch((err) => app.services.log.error({ evt: 'outbox', err }, 'outbox failed to start'));
  // The daily backup (at its configurable hour), the weekly database maintenance and the disk check.
  app.services.backups.schedule();
  return () => {
    void app.scheduler.stop();
    void app.outbox.stop();
    void app.services.backups.stop();
  };
}
