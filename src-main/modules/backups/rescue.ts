import fs from 'node:fs';
import path from 'node:path';
import { migrations as knownMigrations } from '../../../migrations';
import { render } from '../../../src-shared/i18n';
import { inspectBackup } from './archive';
import { commitSwap, STAGING, swapIn } from './swap';

/**
 * desk: "Restaurar o backup de antes da atualização" when a new version cannot start (a migration
 * fails, a native module does not load): run by the core process itself, before it opens the
 * database (`BALCAO_RESCUE_FROM`, set by the desktop shell), with the same validation as a restore
 * (every file's hash, `integrity_check`, known migrations) and the same journaled swap. The core
 * then starts on the restored data as usual.
 */
export async function rescueRestore(dataDir: string, zipFile: string, appVersion: string): Promise<void> {
  const staging = path.join(dataDir, STAGING);
  const scratch = path.join(dataDir, 'backups', '.scratch');
  await fs.promises.mkdir(scratch, { recursive: true });
  try {
    const inspection = await inspectBackup(zipFile, {
      appVersion,
      knownMigrations: Object.keys(knownMigrations),
      scratchDir: scratch,
      extractTo: staging,
    });
    if (!inspection.ok) throw new Error(inspection.problems.map((p) => render(p, 'pt-BR')).join(' '));
    await swapIn(dataDir, staging);
    await commitSwap(dataDir);
  } finally {
    await fs.promises.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}
