import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src-main/app';
import { rescueRestore } from '../../src-main/modules/backups/rescue';
import { setupAdmin, tempDir } from '../helpers/app';

/**
 * "Restaurar o backup de antes da atualização": the new version's core could not start, so the
 * shell restarts it with BALCAO_RESCUE_FROM and the core restores that ZIP before opening the
 * database — validated like any restore, swapped whole.
 */
describe('restoring the backup made before an update, without a running core', () => {
  it('brings the data back to the moment before the update', async () => {
    const dataDir = tempDir();
    let app = await createApp({ dataDir });
    const token = await setupAdmin(app);
    await app.call('customers.create', { name: 'Cliente de Antes', phone: '11987654321' }, { token });
    const backup = await app.services.backups.create('before_update');
    expect(backup.kind).toBe('before_update');
    expect(backup.status).toBe('verified');
    await app.call('customers.create', { name: 'Cliente de Depois', phone: '11987654322' }, { token });
    await app.close();

    await rescueRestore(dataDir, path.join(dataDir, 'backups', `${backup.id}.zip`), app.services.version);

    app = await createApp({ dataDir });
    try {
      const names = (await app.db.selectFrom('customers').select('name').execute()).map((r) => r.name).sort();
      expect(names).toEqual(['Cliente de Antes']);
    } finally {
      await app.close();
    }
  });

  it('refuses a file that is not a valid backup and leaves the data as it was', async () => {
    const dataDir = tempDir();
    let app = await createApp({ dataDir });
    const token = await setupAdmin(app);
    await app.call('customers.create', { name: 'Cliente Fica', phone: '11987654321' }, { token });
    await app.close();
    const bogus = path.join(dataDir, 'nao-e-backup.zip');
    (await import('node:fs')).writeFileSync(bogus, 'isto não é um zip');
    await expect(rescueRestore(dataDir, bogus, app.services.version)).rejects.toThrow();
    app = await createApp({ dataDir });
    try {
      const names = (await app.db.selectFrom('customers').select('name').execute()).map((r) => r.name);
      expect(names).toEqual(['Cliente Fica']);
    } finally {
      await app.close();
    }
  });
});
