import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { type ChangeEvent, getProcedure, type Procedure } from '../../src-shared/contract';
import { eventScope } from '../../src-shared/contract/events';
import { ROW_SCOPES } from '../../src-shared/contract/visibility';
import { AppError, ERROR_STATUS, type FieldErrors } from '../../src-shared/errors';
import { DEFAULT_LOCALE, getLocale, type Locale, msg, t, withLocale } from '../../src-shared/i18n';
import { can } from '../../src-shared/permissions';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { EventBus } from '../events/bus';
import type { AuditEntry, AuthUser, PreparedHandler, ProcCtx, Services } from './context';
import { isStorageFull, knownError } from './errors';
import { GroupCommit } from './group-commit';
import type { CallContext, Dispatch } from './types';
import { assertWritable, type RowScopeResolvers, scopeRows, visibleOutput } from './visibility';

type AnyHandler = ((input: unknown, ctx: ProcCtx) => unknown) | PreparedHandler<unknown, unknown, unknown>;

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  events: EventBus;
  services: Services;
  handlers: Record<string, unknown>;
  /** Who owns which rows, per row scope: row-level visibility and the audience of scoped events. */
  rowScopes: RowScopeResolvers;
}

/** What the log line of a call says about it, filled in as the call goes. */
interface CallState {
  locale: Locale;
  userId: number | null;
}

/** Codes that mean something went wrong on our side (logged at error level with the cause). */
const SERVER_FAULTS = new Set(['INTERNAL', 'STORAGE_FULL']);

/** A request id for a call that came without one (IPC, direct calls, jobs). */
export function newRequestId(): string {
  return randomUUID();
}

/** zod issues → `{ 'address.cep': 'CEP inválido…' }`, in `locale` (zod's own texts were rendered in the parse's). */
export function fieldErrors(error: z.ZodError, locale: Locale = getLocale()): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[base ? `${base}.${key}` : key] = t('error.unknownField', {}, locale);
      continue;
    }
    const key = base || '_';
    if (!fields[key])
      fields[key] =
        issue.code === 'invalid_type' && issue.input === undefined ? t('field.required', {}, locale) : issue.message;
  }
  return fields;
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

/** SHA-256 of the canonical JSON of a procedure's parsed input: what an Idempotency-Key is bound to. */
export function inputHash(input: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(input) ?? '')
    .digest('hex');
}

function validationError(error: z.ZodError, locale: Locale): AppError {
  return AppError.rendered('VALIDATION', msg('error.VALIDATION'), fieldErrors(error, locale), locale);
}

/**
 * The one dispatcher: auth → permission → validate input → (prepare) → transaction → validate output
 * → publish events after commit. Every transport calls this. Audit rows are the handlers' own
 * (`ctx.audit`, written in the same transaction); the dispatcher writes none by itself.
 */
export class Dispatcher implements Dispatch {
  /** Writes that arrive together share one durable commit (see `group-commit.ts`). */
  private readonly writes: GroupCommit;
  /**
   * Writes past the gate check that have not settled yet (replay, `prepare`, queued, committing).
   * A restore waits for them to reach zero (`drainWrites`), not only for the queue.
   */
  private inFlight = 0;

  constructor(private readonly opts: DispatcherOptions) {
    this.writes = new GroupCommit(opts.db);
  }

  /**
   * Runs a call and answers in the caller's language: the one the request asks for
   * (`call.locale`), else the user's own setting, else pt-BR. Every error leaves rendered in it.
   */
  async call(name: string, rawInput: unknown, call: CallContext): Promise<unknown> {
    const started = performance.now();
    const withId: CallContext = call.requestId ? call : { ...call, requestId: newRequestId() };
    const state: CallState = { locale: call.locale ?? DEFAULT_LOCALE, userId: call.asUserId ?? null };
    try {
      const out = await this.run(name, rawInput, withId, state);
      this.logCall(name, withId, state, started, null, null);
      return out;
    } catch (err) {
      const answer = this.answerFor(err);
      this.logCall(name, withId, state, started, answer, err);
      throw answer.in(state.locale);
    }
  }

  /**
   * One line per call: request id, transport, procedure, user, duration, outcome (`ok` or the
   * error code) and HTTP status. Refusals (validation, permission, conflicts) are `info`, as they
   * are the app working; a failure of ours (INTERNAL, STORAGE_FULL) is `error`, with its real
   * cause and stack. Reads are logged at `info` too: a shop makes a few thousand calls an hour,
   * a line costs microseconds on pino's asynchronous file, and "which call was slow" needs them.
   */
  private logCall(
    name: string,
    call: CallContext,
    state: CallState,
    started: number,
    answer: AppError | null,
    cause: unknown,
  ): void {
    const line = {
      evt: 'call',
      reqId: call.requestId,
      transport: call.transport,
      proc: name,
      userId: state.userId,
      ms: Math.round((performance.now() - started) * 10) / 10,
      outcome: answer ? answer.code : 'ok',
      status: answer ? ERROR_STATUS[answer.code] : (getProcedure(name)?.status ?? 200),
    };
    const log = this.opts.services.log;
    if (!answer) log.info(line, 'call');
    else if (SERVER_FAULTS.has(answer.code))
      log.error(cause instanceof AppError ? line : { ...line, err: cause }, `call failed: ${name}`);
    else log.info(line, 'call refused');
  }

  private async run(name: string, rawInput: unknown, call: CallContext, lang: CallState): Promise<unknown> {
    const proc = getProcedure(name);
    const handler = this.opts.handlers[name] as AnyHandler | undefined;
    if (!proc || !handler) throw new AppError('NOT_FOUND', msg('error.unknownProcedure'));

    let user: AuthUser | null = null;
    let sessionId: number | null = null;
    if (call.asUserId !== undefined) {
      user = await this.opts.services.sessions.activeUser(call.asUserId);
      if (!user) throw new AppError('UNAUTHENTICATED', msg('error.UNAUTHENTICATED'));
      lang.userId = user.id;
    } else if (proc.permission !== 'public' || call.token) {
      const session = call.token ? await this.opts.services.sessions.resolve(call.token) : null;
      if (session) {
        user = session.user;
        lang.userId = user.id;
        sessionId = session.sessionId;
      } else if (proc.permission !== 'public') {
        throw new AppError('UNAUTHENTICATED', msg('error.UNAUTHENTICATED'));
      }
    }
    if (!call.locale && user?.locale) lang.locale = user.locale;
    const locale = lang.locale;
    if (user && !can(user.role, proc.permission)) throw new AppError('FORBIDDEN', msg('error.FORBIDDEN'));
    assertWritable(proc, rawInput, user?.role ?? null);

    // Schema messages are rendered in the caller's language: zod renders them when the issues are
    // first read, so the error is built inside `withLocale` too.
    const input = withLocale(locale, () => {
      const parsed = proc.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw validationError(parsed.error, locale);
      return parsed.data;
    });

    let pending: ChangeEvent[] = [];
    const ctxFor = (db: Db): ProcCtx => ({
      db,
      user,
      sessionId,
      clock: this.opts.clock,
      call,
      locale,
      services: this.opts.services,
      audit: (entry) => this.writeAudit(db, user, entry),
      emit: (event) => {
        pending.push(event);
      },
    });

    if (!proc.write) {
      const ctx = ctxFor(this.opts.db);
      const out = await (typeof handler === 'function'
        ? handler(input, ctx)
        : handler.run(input, ctx, await handler.prepare(input, ctx)));
      return await this.checkOutput(proc, name, out, user, ctx.db);
    }

    // While a restore replaces the data, writes are refused (reads go on). A write that passed
    // this check is counted until it settles, so a restore waits for it (`drainWrites`).
    this.refuseIfClosed();
    this.inFlight++;
    try {
      return await this.runWrite(
        name,
        proc,
        handler,
        input,
        user,
        call,
        ctxFor,
        () => {
          pending = [];
        },
        () => pending,
      );
    } finally {
      this.inFlight--;
    }
  }

  private async runWrite(
    name: string,
    proc: Procedure,
    handler: AnyHandler,
    input: unknown,
    user: AuthUser | null,
    call: CallContext,
    ctxFor: (db: Db) => ProcCtx,
    resetPending: () => void,
    takePending: () => ChangeEvent[],
  ): Promise<unknown> {
    // A key answers again only the same user, procedure and input; reusing it for anything else is refused.
    const idemKey = call.idempotencyKey && user ? call.idempotencyKey.slice(0, 200) : null;
    const idemHash = idemKey ? inputHash(input) : '';
    const replay = async (db: Db): Promise<{ value: unknown } | null> => {
      if (!idemKey || !user) return null;
      const stored = await db
        .selectFrom('idempotency_keys')
        .select(['procedure', 'response', 'input_hash'])
        .where('user_id', '=', user.id)
        .where('key', '=', idemKey)
        .executeTakeFirst();
      if (!stored) return null;
      // '' is a key stored before inputs were hashed: it still answers its own procedure.
      if (stored.procedure !== name || (stored.input_hash !== '' && stored.input_hash !== idemHash))
        throw new AppError('BUSINESS_RULE', msg('error.idempotencyMismatch'));
      return { value: JSON.parse(stored.response) };
    };
    // A retry that arrives after the first answer: no preparation, no transaction.
    const early = await replay(this.opts.db);
    if (early) return early.value;

    const preparedValue =
      typeof handler === 'function' ? undefined : await handler.prepare(input, ctxFor(this.opts.db));

    resetPending();
    // Checked again inside the transaction: a retry racing the first request (both past the
    // check above) finds the first one's row here, since writes are serialized.
    const result = await this.writes.run(async (trx) => {
      // The gate may have closed while this write was preparing or queued: it must not commit now.
      this.refuseIfClosed();
      const again = await replay(trx);
      if (again) return { replayed: true, value: again.value };
      const ctx = ctxFor(trx);
      const out = await (typeof handler === 'function' ? handler(input, ctx) : handler.run(input, ctx, preparedValue));
      const checked = await this.checkOutput(proc, name, out, user, trx);
      if (idemKey && user) {
        await trx
          .insertInto('idempotency_keys')
          .values({
            user_id: user.id,
            key: idemKey,
            procedure: name,
            input_hash: idemHash,
            response: JSON.stringify(checked),
            created_at: this.opts.clock.nowIso(),
          })
          .execute();
      }
      return { replayed: false, value: checked };
    });
    this.opts.services.storage.markWritten();
    if (result.replayed) return result.value;
    const output = result.value;

    const events = proc.emits ? this.eventsOf(proc, output, user) : [];
    await this.publishAll([...events, ...takePending()]);
    return output;
  }

  /** 503 MAINTENANCE while a restore replaces the data. */
  private refuseIfClosed(): void {
    if (this.opts.services.writeGate.closed) throw new AppError('MAINTENANCE', msg('error.maintenance'));
  }

  /**
   * Resolves once every write that passed the gate has settled: queued ones committed, and those
   * still in `prepare` (or replay) finished — they are refused at the queue if the gate is closed by then.
   */
  async drainWrites(): Promise<void> {
    while (this.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.writes.idle();
  }

  /**
   * What the caller gets for a failure: AppErrors as they are, known SQLite/disk errors mapped,
   * anything else 500. The call's log line carries the real cause (`logCall`).
   */
  private answerFor(err: unknown): AppError {
    if (err instanceof AppError) return err;
    // A write that failed because the disk is full: /api/health says so until one succeeds.
    if (isStorageFull(err)) this.opts.services.storage.markFull();
    return knownError(err) ?? new AppError('INTERNAL', msg('error.INTERNAL'));
  }

  /**
   * Work the app does by itself (scheduled jobs): the same transaction, audit and after-commit
   * events as a procedure, with no user. Not reachable from any transport.
   */
  async system<T>(label: string, work: (ctx: ProcCtx) => Promise<T>): Promise<T> {
    const pending: ChangeEvent[] = [];
    const call: CallContext = { transport: 'direct', requestId: newRequestId() };
    // A restore is replacing the data: system work is refused too (the caller logs it), and work
    // already started is counted like a write, so the restore waits for it.
    this.refuseIfClosed();
    this.inFlight++;
    try {
      const result = await this.opts.db.transaction().execute((trx) =>
        work({
          db: trx,
          user: null,
          sessionId: null,
          clock: this.opts.clock,
          call,
          locale: DEFAULT_LOCALE,
          services: this.opts.services,
          audit: (entry) => this.writeAudit(trx, null, entry),
          emit: (event) => {
            pending.push(event);
          },
        }),
      );
      this.opts.services.storage.markWritten();
      await this.publishAll(pending);
      return result;
    } catch (err) {
      if (isStorageFull(err)) this.opts.services.storage.markFull();
      // The caller (the scheduler) logs the failure with its run; here only what ran and why it failed.
      this.opts.services.log.debug(
        { evt: 'system', label, reqId: call.requestId, err },
        `system work failed: ${label}`,
      );
      throw err;
    } finally {
      this.inFlight--;
    }
  }

  /**
   * Validates the output, then leaves out the fields the user may not see (field-level
   * permissions), then the scoped fields of rows that are not theirs (row-level).
   */
  private async checkOutput(proc: Procedure, name: string, out: unknown, user: AuthUser | null, db: Db) {
    const result = proc.output.safeParse(out);
    // An answer that breaks the contract is our bug: a 500 whose log line carries the zod issues.
    if (!result.success) throw new Error(`invalid output of ${name}`, { cause: result.error });
    const visible = visibleOutput(proc, result.data, user?.role ?? null);
    return scopeRows(proc, visible, user, db, this.opts.rowScopes);
  }

  /** The procedure's `emits` events; a scoped event remembers its row's key (e.g. the payment's customer). */
  private eventsOf(
    proc: Procedure,
    output: unknown,
    user: AuthUser | null,
  ): Array<{ event: ChangeEvent; key?: number }> {
    const out = output as Record<string, unknown>;
    const ids = proc.emitId ? proc.emitId(output) : out.id;
    const list = Array.isArray(ids) ? ids : [ids];
    const scope = proc.emits ? eventScope(proc.emits) : null;
    const key = scope ? out[ROW_SCOPES[scope].key] : undefined;
    const events: Array<{ event: ChangeEvent; key?: number }> = [];
    for (const id of list) {
      if (typeof id !== 'number' || !proc.emits) continue;
      const event: ChangeEvent = {
        type: proc.emits,
        id,
        version: !proc.emitId && typeof out.version === 'number' ? out.version : null,
        by: user?.id ?? null,
      };
      events.push(typeof key === 'number' ? { event, key } : { event });
    }
    return events;
  }

  /**
   * Publishes after commit. An event about a scoped record (a payment, a crediário) first gets its
   * `owners` — one query per scope for the whole batch — so the delivery rule (`eventIsFor`) needs
   * none per connection. A scoped event whose row is unknown gets no owners: only users who see
   * every row (the scope's bypass) hear it.
   */
  private async publishAll(events: Array<ChangeEvent | { event: ChangeEvent; key?: number }>): Promise<void> {
    const items = events.map((e) => ('event' in e ? e : { event: e, key: undefined }));
    const byScope = new Map<keyof typeof ROW_SCOPES, number[]>();
    for (const { event, key } of items) {
      const scope = eventScope(event.type);
      if (scope && key !== undefined) byScope.set(scope, [...(byScope.get(scope) ?? []), key]);
    }
    const owners = new Map<string, ReadonlyMap<number, readonly number[]>>();
    for (const [scope, keys] of byScope) {
      try {
        owners.set(scope, await this.opts.rowScopes[scope].owners(this.opts.db, [...new Set(keys)]));
      } catch (err) {
        this.opts.services.log.error({ evt: 'events', scope, err }, 'could not resolve who hears an event');
      }
    }
    for (const { event, key } of items) {
      const scope = eventScope(event.type);
      if (scope) event.owners = key === undefined ? [] : (owners.get(scope)?.get(key) ?? []);
      this.opts.events.publish(event);
    }
  }

  private async writeAudit(db: Db, user: AuthUser | null, entry: AuditEntry): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({
        at: this.opts.clock.nowIso(),
        user_id: user?.id ?? null,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
      })
      .execute();
  }
}
