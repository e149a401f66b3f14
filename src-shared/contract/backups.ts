import { z } from 'zod';
import { Empty, Instant, Line, QueryBool, say } from './common';
import { fileOutput, procedure } from './procedure';

/** A backup's id: its file name without `.zip` (`20261124-130000-manual`). */
export const BackupId = z
  .string()
  .max(80)
  .regex(/^[0-9]{8}-[0-9]{6}-[a-z_]+(?:-[0-9]+)?$/, say('backups.badId'));

export const BackupKind = z.enum([
  'manual',
  'daily',
  'before_update',
  'before_restore',
  'before_migration',
  'uploaded',
]);

export const Backup = z.object({
  id: z.string(),
  kind: BackupKind,
  /** `running` while written and checked; `verified` when read back whole; `failed` kept for inspection. */
  status: z.enum(['running', 'verified', 'failed']),
  createdAt: Instant,
  finishedAt: Instant.nullable(),
  sizeBytes: z.number().int().nullable(),
  appVersion: z.string(),
  lastMigration: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
  /** Why it failed, in the caller's language. */
  problems: z.array(z.string()),
  /** The copy to the second destination: null when none is configured. */
  copy: z.object({ ok: z.boolean(), at: Instant, problem: z.string().nullable() }).nullable(),
});

export const BackupTask = z.object({
  kind: z.enum(['backup', 'restore', 'maintenance']),
  backupId: z.string().nullable(),
  phase: z.string(),
  /** Pages (database), files (media) or bytes (zip, verify) done of `total`. */
  done: z.number(),
  total: z.number(),
  percent: z.number().int().min(0).max(100),
  startedAt: Instant,
});

export const BackupStatus = z.object({ task: BackupTask.nullable(), writesClosed: z.boolean() });

export const BackupValidation = z.object({
  ok: z.boolean(),
  problems: z.array(z.string()),
  appVersion: z.string().nullable(),
  lastMigration: z.string().nullable(),
  createdAt: Instant.nullable(),
  counts: z.record(z.string(), z.number().int()),
});

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, say('backups.badHour'));

export const BackupConfig = z.object({
  dailyAt: HourMinute,
  keepDaily: z.number().int().min(1).max(60),
  keepWeekly: z.number().int().min(0).max(52),
  keepMonthly: z.number().int().min(0).max(120),
  /** A second folder every backup is copied to (USB drive, network share); null for none. */
  secondDestination: z.string().nullable(),
  /** Admins are warned below this many free bytes on the data folder's disk. */
  lowDiskBytes: z.number().int().min(0),
});

const BackupConfigInput = z.strictObject({
  dailyAt: HourMinute,
  keepDaily: z.number().int().min(1).max(60),
  keepWeekly: z.number().int().min(0).max(52),
  keepMonthly: z.number().int().min(0).max(120),
  secondDestination: Line(500).nullable(),
  lowDiskBytes: z
    .number()
    .int()
    .min(0)
    .max(10 ** 13),
});

export const DatabaseInfo = z.object({
  fileBytes: z.number(),
  walBytes: z.number(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  freePages: z.number().int(),
  schemaVersion: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
  freeDiskBytes: z.number().nullable(),
  lowDisk: z.boolean(),
  lowDiskBytes: z.number(),
  lastCheck: z
    .object({ at: Instant, kind: z.enum(['quick', 'full']), ok: z.boolean(), messages: z.array(z.string()) })
    .nullable(),
  lastFullCheckAt: Instant.nullable(),
  lastMaintenanceAt: Instant.nullable(),
  lastVacuumAt: Instant.nullable(),
  lastBackup: Backup.nullable(),
  lastVerifiedBackup: Backup.nullable(),
});

export const MaintenanceResult = z.object({
  check: z.enum(['quick', 'full']),
  ok: z.boolean(),
  messages: z.array(z.string()),
  vacuumed: z.boolean(),
  freePagesBefore: z.number().int(),
  pageCount: z.number().int(),
});

/** Largest backup ZIP an admin may upload for a restore (streamed to disk, never held in memory). */
export const MAX_BACKUP_UPLOAD_BYTES = 20 * 1024 * 1024 * 1024;

export const backups = {
  'backups.list': procedure({
    http: 'GET /api/backups',
    permission: 'backups.read',
    summary:
      'Backups: quando, tamanho, tipo (manual, diário, antes de atualizar/restaurar/migrar) e se foi verificado.',
    input: Empty,
    output: z.object({ items: z.array(Backup) }),
  }),
  'backups.create': procedure({
    http: 'POST /api/backups',
    permission: 'backups.create',
    summary:
      'Faz um backup agora (banco pela API de backup do SQLite, mídia e manifesto num ZIP) e responde já; o progresso chega pelo WebSocket (`backup.progress`).',
    input: Empty,
    output: Backup,
    status: 201,
    // A backup runs in steps outside any transaction, so the app keeps answering meanwhile.
    write: false,
  }),
  'backups.status': procedure({
    http: 'GET /api/backups/status',
    permission: 'backups.read',
    summary: 'O que está em andamento (backup, restauração ou manutenção), com páginas/bytes feitos.',
    input: Empty,
    output: BackupStatus,
  }),
  'backups.download': procedure({
    http: 'GET /api/backups/:id/download',
    permission: 'backups.read',
    summary: 'Baixa o ZIP de um backup.',
    input: z.strictObject({ id: BackupId }),
    output: fileOutput('application/zip'),
  }),
  'backups.validate': procedure({
    http: 'GET /api/backups/:id/validation',
    permission: 'backups.manage',
    summary: 'Confere um backup sem mexer em nada: manifesto, hashes, integridade, versão.',
    input: z.strictObject({ id: BackupId }),
    output: BackupValidation,
  }),
  'backups.delete': procedure({
    http: 'DELETE /api/backups/:id',
    permission: 'backups.manage',
    summary: 'Apaga um backup (também do segundo destino).',
    input: z.strictObject({ id: BackupId }),
    output: z.object({ ok: z.literal(true) }),
    write: false,
  }),
  'backups.upload': procedure({
    http: 'POST /api/backups/upload',
    permission: 'backups.manage',
    summary:
      'Envia um ZIP de backup (multipart, gravado em disco aos poucos) para restaurar; é conferido e entra na lista, ou é recusado com o motivo.',
    input: z.strictObject({ upload: z.string().regex(/^[0-9a-f]{32}$/, say('backups.uploadMissing')) }),
    output: z.object({ backup: Backup, validation: BackupValidation }),
    status: 201,
    write: false,
    streamUpload: MAX_BACKUP_UPLOAD_BYTES,
  }),
  'backups.restore': procedure({
    http: 'POST /api/backups/:id/restore',
    permission: 'backups.manage',
    summary:
      'Restaura um backup (senha do administrador de novo): confere tudo antes, faz um backup "antes de restaurar", recusa gravações (503) durante a troca e manda todos recarregarem.',
    input: z.strictObject({ id: BackupId, password: z.string().min(1).max(200) }),
    output: z.object({ restored: Backup, safety: Backup }),
    write: false,
  }),
  'backups.config': procedure({
    http: 'GET /api/backups/config',
    permission: 'backups.read',
    summary: 'Horário do backup diário, retenção, segundo destino e aviso de pouco espaço.',
    input: Empty,
    output: BackupConfig,
  }),
  'backups.setConfig': procedure({
    http: 'PUT /api/backups/config',
    permission: 'backups.manage',
    summary: 'Muda horário, retenção, segundo destino e aviso de pouco espaço.',
    input: BackupConfigInput,
    output: BackupConfig,
    write: false,
  }),
  'database.info': procedure({
    http: 'GET /api/system/database',
    permission: 'database.care',
    summary:
      'Saúde do banco: tamanho, WAL, páginas livres, última verificação e resultado, último backup, versão do esquema, contagens.',
    input: Empty,
    output: DatabaseInfo,
  }),
  'database.maintain': procedure({
    http: 'POST /api/system/database/maintenance',
    permission: 'database.care',
    summary:
      'Manutenção agora: quick_check (ou integrity_check completo), optimize, checkpoint do WAL e VACUUM se mais de 20% das páginas estiverem livres.',
    input: z.strictObject({ full: QueryBool.optional() }),
    output: MaintenanceResult,
    write: false,
  }),
};
