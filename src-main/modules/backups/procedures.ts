import fs from 'node:fs';
import type { z } from 'zod';
import type { Backup, BackupValidation, backups } from '../../../src-shared/contract/backups';
import { AppError } from '../../../src-shared/errors';
import { type Locale, type Msg, msg, readStored, t } from '../../../src-shared/i18n';
import { type Implementation, type ProcCtx, requireUser } from '../../rpc/context';
import { rateLimited } from '../auth/rate-limit';
import { checkPassword, DUMMY_HASH } from '../users/service';
import type { Inspection } from './archive';
import type { BackupRecord } from './store';

/** A backup record as the contract shows it, its problems in the caller's language. */
export function toBackup(r: BackupRecord, locale: Locale): z.input<typeof Backup> {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    sizeBytes: r.sizeBytes,
    appVersion: r.appVersion,
    lastMigration: r.lastMigration,
    counts: r.counts,
    problems: r.problems.map((p) => readStored(p, locale)),
    copy: r.copy
      ? { ok: r.copy.ok, at: r.copy.at, problem: r.copy.problem && readStored(r.copy.problem, locale) }
      : null,
  };
}

function toValidation(i: Inspection, locale: Locale): z.input<typeof BackupValidation> {
  return {
    ok: i.ok,
    problems: i.problems.map((p: Msg) => t(p.key, p.params, locale)),
    appVersion: i.manifest?.appVersion ?? null,
    lastMigration: i.manifest?.lastMigration ?? null,
    createdAt: i.manifest?.createdAt ?? null,
    counts: i.manifest?.counts ?? {},
  };
}

async function audit(ctx: ProcCtx, action: string, after: unknown): Promise<void> {
  await ctx.audit({ action, entity: 'backup', entityId: null, after });
}

export const backupProcedures = {
  'backups.list': async (_input, ctx) => ({
    items: (await ctx.services.backups.list()).map((r) => toBackup(r, ctx.locale)),
  }),

  'backups.create': async (_input, ctx) => {
    const record = await ctx.services.backups.start('manual');
    await audit(ctx, 'backup', { id: record.id });
    return toBackup(record, ctx.locale);
  },

  'backups.status': (_input, ctx) => {
    const { task, writesClosed } = ctx.services.backups.status();
    return {
      task: task && {
        ...task,
        percent: task.total > 0 ? Math.min(100, Math.floor((task.done / task.total) * 100)) : 0,
      },
      writesClosed,
    };
  },

  'backups.download': async (input, ctx) => {
    const { file } = await ctx.services.backups.fileOf(input.id);
    return {
      file: true as const,
      mime: 'application/zip',
      filename: `balcao-backup-${input.id}.zip`,
      disposition: 'attachment' as const,
      body: fs.createReadStream(file),
    };
  },

  'backups.validate': async (input, ctx) => toValidation(await ctx.services.backups.validate(input.id), ctx.locale),

  'backups.delete': async (input, ctx) => {
    await ctx.services.backups.delete(input.id);
    await audit(ctx, 'delete', { id: input.id });
    return { ok: true as const };
  },

  'backups.upload': async (input, ctx) => {
    const { record, inspection } = await ctx.services.backups.acceptUpload(input.upload);
    await audit(ctx, 'upload', { id: record.id });
    return { backup: toBackup(record, ctx.locale), validation: toValidation(inspection, ctx.locale) };
  },

  'backups.restore': async (input, ctx) => {
    const user = requireUser(ctx);
    // The admin types the password again: a restore replaces every record of the shop. A wrong
    // one counts as a failed login for that username and address (the same limiter and lock), so
    // a stolen session cannot guess the password here.
    const ip = ctx.call.ip ?? ctx.call.transport;
    const limiter = ctx.services.loginLimiter;
    const wait = await limiter.retryAfterS(user.username, ip);
    if (wait > 0) throw rateLimited(wait);
    const row = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirst();
    if (!(await checkPassword(input.password, row?.password_hash ?? DUMMY_HASH))) {
      // Best effort, as on login: a full disk must not turn a wrong password into 507.
      await limiter.fail(user.username, ip).catch(() => undefined);
      throw new AppError('VALIDATION', msg('error.VALIDATION'), { fields: { password: msg('backups.wrongPassword') } });
    }
    const { restored, safety } = await ctx.services.backups.restore(input.id);
    // Written into the restored database: it says when and from what it was restored.
    await audit(ctx, 'restore', { id: restored.id, safety: safety.id }).catch(() => undefined);
    // After this answer is sent, every client (this one too) reloads.
    setTimeout(() => ctx.services.backups.announceReload(), 50);
    return { restored: toBackup(restored, ctx.locale), safety: toBackup(safety, ctx.locale) };
  },

  'backups.config': (_input, ctx) => ctx.services.backups.config(),

  'backups.setConfig': async (input, ctx) => {
    const before = await ctx.services.backups.config();
    const config = await ctx.services.backups.setConfig({
      ...input,
      secondDestination: input.secondDestination ? input.secondDestination : null,
    });
    await ctx.audit({ action: 'update', entity: 'backup_config', entityId: null, before, after: config });
    return config;
  },

  'database.info': async (_input, ctx) => {
    const info = await ctx.services.backups.databaseInfo();
    const config = await ctx.services.backups.config();
    return {
      fileBytes: info.fileBytes,
      walBytes: info.walBytes,
      pageSize: info.pageSize,
      pageCount: info.pageCount,
      freePages: info.freePages,
      schemaVersion: info.schemaVersion,
      counts: info.counts,
      freeDiskBytes: info.freeDiskBytes,
      lowDisk: info.lowDisk,
      lowDiskBytes: config.lowDiskBytes,
      lastCheck: info.care.lastCheck,
      lastFullCheckAt: info.care.lastFullCheckAt,
      lastMaintenanceAt: info.care.lastMaintenanceAt,
      lastVacuumAt: info.care.lastVacuumAt,
      lastBackup: info.lastBackup && toBackup(info.lastBackup, ctx.locale),
      lastVerifiedBackup: info.lastVerifiedBackup && toBackup(info.lastVerifiedBackup, ctx.locale),
    };
  },

  'database.maintain': async (input, ctx) => {
    const result = await ctx.services.backups.maintain(input.full === undefined ? {} : { full: input.full });
    await audit(ctx, 'maintenance', { check: result.check, ok: result.ok, vacuumed: result.vacuumed });
    return result;
  },
} satisfies Implementation<typeof backups>;
