import type { Clock } from '../../clock';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;

/** Five failed logins for one username from one address within 15 minutes lock that pair until the window passes. */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  private key(username: string, ip: string): string {
    return `${username.toLowerCase()}\u0000${ip}`;
  }

  private recent(key: string): number[] {
    const now = this.clock.now().getTime();
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait, or 0 when a new attempt is allowed. */
  retryAfterS(username: string, ip: string): number {
    const list = this.recent(this.key(username, ip));
    if (list.length < MAX_FAILURES) return 0;
    const oldest = list[list.length - MAX_FAILURES] as number;
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - this.clock.now().getTime()) / 1000));
  }

  fail(username: string, ip: string): void {
    const key = this.key(username, ip);
    const list = this.recent(key);
    list.push(this.clock.now().getTime());
    this.failures.set(key, list);
    if (this.failures.size > 10_000) {
      const first = this.failures.keys().next().value;
      if (first !== undefined) this.failures.delete(first);
    }
  }

  succeed(username: string, ip: string): void {
    this.failures.delete(this.key(username, ip));
  }
}
