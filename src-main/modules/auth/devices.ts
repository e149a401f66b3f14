import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { type NetworkSettings, readNetworkSettings } from '../settings/network';

/** The cookie that names a browser on the shop network (random, HttpOnly; only its SHA-256 is stored). */
export const DEVICE_COOKIE = 'balcao_device';

export type DeviceStatus = 'pending' | 'approved' | 'revoked';

/** What the LAN server knows of the device behind a request. */
export interface DeviceSeen {
  id: number;
  status: DeviceStatus;
  code: string;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Pending devices kept at most; beyond it the oldest pending ones are forgotten (a flood cannot fill the disk). */
const MAX_PENDING = 200;
const TOUCH_EVERY_MS = 60_000;
const CACHE_MS = 5_000;

/** A short code the waiting device shows and the admin compares: `K7P-3QX` (no 0/O, 1/I). */
export function deviceCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** `Cookie: a=1; balcao_device=xyz` → `xyz`. */
export function deviceTokenFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === DEVICE_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** The Set-Cookie value for a new device token (10 years; the browser keeps it across restarts). */
export function deviceCookie(token: string): string {
  return `${DEVICE_COOKIE}=${token}; Path=/; Max-Age=315360000; HttpOnly; SameSite=Strict`;
}

interface Cached {
  device: DeviceSeen;
  lastUsedAt: number;
  fetchedAt: number;
}

/**
 * Devices on the shop network (auth module, table `devices`): identified by their cookie, created
 * pending with a short code, approved or revoked by an admin. The LAN server asks it on every
 * request from another address (`http/server.ts`); a short cache keeps that off the table, and
 * every decision drops it at once.
 */
export class DeviceStore {
  private readonly cache = new Map<string, Cached>();
  private settings: { value: NetworkSettings; at: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The network setting, re-read at most every 5 s (and at once after `forgetSettings`). */
  async network(): Promise<NetworkSettings> {
    const now = Date.now();
    if (!this.settings || now - this.settings.at > CACHE_MS)
      this.settings = { value: await readNetworkSettings(this.db), at: now };
    return this.settings.value;
  }

  forgetSettings(): void {
    this.settings = null;
  }

  /** The device a token names, or null. Records its last use (at most once a minute). */
  async find(token: string, meta: { address?: string | undefined }): Promise<DeviceSeen | null> {
    const hash = hashToken(token);
    const now = this.clock.now().getTime();
    let entry = this.cache.get(hash);
    if (!entry || now - entry.fetchedAt > CACHE_MS) {
      const row = await this.db
        .selectFrom('devices')
        .select(['id', 'status', 'code', 'last_used_at'])
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      if (!row) {
        this.cache.delete(hash);
        return null;
      }
      entry = {
        device: { id: row.id, status: row.status, code: row.code },
        lastUsedAt: Date.parse(row.last_used_at),
        fetchedAt: now,
      };
      this.cache.set(hash, entry);
    }
    if (now - entry.lastUsedAt > TOUCH_EVERY_MS) {
      entry.lastUsedAt = now;
      try {
        await this.db
          .updateTable('devices')
          .set({ last_used_at: new Date(now).toISOString(), ...(meta.address && { address: meta.address }) })
          .where('id', '=', entry.device.id)
          .execute();
      } catch {
        // Best effort, as a session's last use: a full disk must not lock devices out.
      }
    }
    return entry.device;
  }

  /** A new pending device for a browser that has no (valid) cookie; returns its token for the cookie. */
  async register(meta: {
    address?: string | undefined;
    userAgent?: string | undefined;
  }): Promise<{ token: string; device: DeviceSeen }> {
    const token = randomBytes(24).toString('base64url');
    const now = this.clock.nowIso();
    const code = deviceCode();
    const row = await this.db
      .insertInto('devices')
      .values({
        token_hash: hashToken(token),
        code,
        name: null,
        address: meta.address?.slice(0, 100) ?? null,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
        status: 'pending',
        created_at: now,
        decided_at: null,
        decided_by: null,
        last_used_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pending = await this.db
      .selectFrom('devices')
      .select('id')
      .where('status', '=', 'pending')
      .orderBy('last_used_at', 'desc')
      .orderBy('id', 'desc')
      .offset(MAX_PENDING)
      .limit(1000)
      .execute();
    if (pending.length)
      await this.db
        .deleteFrom('devices')
        .where(
          'id',
          'in',
          pending.map((p) => p.id),
        )
        .where('status', '=', 'pending')
        .execute();
    this.onRegistered?.({ code, address: meta.address ?? null });
    return { token, device: { id: row.id, status: 'pending', code } };
  }

  /** Told when a new device asks for access (the desktop shell shows a balloon on the main PC). */
  onRegistered?: (device: { code: string; address: string | null }) => void;

  /** A decision changed a device: the next request reads it again. */
  forget(deviceId: number): void {
    for (const [hash, entry] of this.cache) if (entry.device.id === deviceId) this.cache.delete(hash);
  }
}
