import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { contract, fileMimeOf, type Procedure } from '../../../src-shared/contract';
import type { Access } from '../../../src-shared/permissions';
import type { Clock } from '../../clock';
import type { Db } from '../../db/connection';
import { getSetting, setSetting } from '../settings/service';

/** The file procedures (`fileOutput` in the contract): a link is issued only for one of their paths. */
const FILE_ROUTES = (Object.values(contract) as unknown as Procedure[])
  .filter((p) => p.method === 'GET' && fileMimeOf(p) !== null)
  .map((p) => ({
    pattern: new RegExp(
      `^${p.path
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/?#]{1,200}' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/')}$`,
    ),
    permission: p.permission,
  }));

/** The permission of the file procedure at this path, or null when no file procedure answers it. */
export function fileRoutePermission(pathname: string): Access | null {
  return FILE_ROUTES.find((r) => r.pattern.test(pathname))?.permission ?? null;
}

/** How long a link lives, at least (expiries are rounded up to the next bucket so URLs repeat and cache). */
export const LINK_TTL_S = 15 * 60;
const BUCKET_S = 5 * 60;

/** The query parameters a signed link adds. */
export const LINK_PARAMS = ['u', 'exp', 'sig'] as const;

/**
 * Short-lived signed links to files, so no session token travels in a URL (history, logs, the
 * system browser): HMAC-SHA256 with a per-install secret over path, user and expiry.
 */
export class FileLinks {
  constructor(
    private readonly secret: Buffer,
    private readonly clock: Clock,
  ) {}

  /** Loads the install's secret from the settings, creating it the first time. */
  static async open(db: Db, clock: Clock): Promise<FileLinks> {
    let secret = await getSetting<string>(db, 'files.linkSecret');
    if (!secret) {
      secret = randomBytes(32).toString('base64url');
      await setSetting(db, clock, 'files.linkSecret', secret);
    }
    return new FileLinks(Buffer.from(secret, 'base64url'), clock);
  }

  private mac(pathname: string, userId: number, exp: number): string {
    return createHmac('sha256', this.secret).update(`v1\n${pathname}\n${userId}\n${exp}`).digest('base64url');
  }

  /** `/api/x.pdf?a=1` → `/api/x.pdf?a=1&u=…&exp=…&sig=…` for this user. */
  sign(target: string, userId: number): { url: string; expiresAt: string } {
    const [pathname = '', query = ''] = target.split('?', 2);
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const exp = Math.ceil((now + LINK_TTL_S) / BUCKET_S) * BUCKET_S;
    const params = new URLSearchParams(query);
    for (const name of LINK_PARAMS) params.delete(name);
    params.append('u', String(userId));
    params.append('exp', String(exp));
    params.append('sig', this.mac(pathname, userId, exp));
    return { url: `${pathname}?${params.toString()}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The user a link was issued to, or null when it is missing, tampered with or expired. */
  verify(pathname: string, query: Record<string, unknown>): number | null {
    const { u, exp, sig } = query;
    if (typeof u !== 'string' || typeof exp !== 'string' || typeof sig !== 'string') return null;
    if (!/^\d{1,15}$/.test(u) || !/^\d{1,12}$/.test(exp) || sig.length > 100) return null;
    const expS = Number(exp);
    if (expS * 1000 <= this.clock.now().getTime()) return null;
    const expected = Buffer.from(this.mac(pathname, Number(u), expS));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return Number(u);
  }
}
