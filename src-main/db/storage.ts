import fs from 'node:fs';

/** Below this many free bytes on the data folder's disk, health reports the disk as full. */
export const LOW_DISK_BYTES = 256 * 1024;

export interface StorageStatus {
  full: boolean;
  /** Free bytes on the data folder's disk for this user, or null when unknown (in-memory database). */
  freeBytes: number | null;
}

/**
 * What the app knows about its disk: a write refused for lack of space marks it full until a
 * write succeeds again; health also reads the free space of the data folder's disk.
 */
export class StorageMonitor {
  private fullSince: number | null = null;

  constructor(private readonly dataDir: string | null) {}

  markFull(): void {
    this.fullSince ??= Date.now();
  }

  markWritten(): void {
    this.fullSince = null;
  }

  async status(): Promise<StorageStatus> {
    let freeBytes: number | null = null;
    if (this.dataDir) {
      try {
        const s = await fs.promises.statfs(this.dataDir);
        freeBytes = Number(s.bavail) * Number(s.bsize);
      } catch {
        freeBytes = null;
      }
    }
    return { full: this.fullSince !== null || (freeBytes !== null && freeBytes < LOW_DISK_BYTES), freeBytes };
  }
}
