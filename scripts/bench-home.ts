/**
 * Início (`home.summary`, `GET /api/home`) on the bench database, through HTTP: the admin's whole
 * screen (today, cash, sales month-to-date and the 60 days of the chart, crediário, the month by
 * production type), computed from the raw tables through indexes on every request — no cache.
 * Called once from `scripts/bench.ts` → `main()`, with its `measure` and `aim` helpers.
 */

interface Figures {
  p50: number;
  p95: number;
}

export interface HomeBenchOptions {
  url: string;
  token: string;
  pid: number;
  /** bench.ts's timer: warms up on the first 20 URLs, prints n, p50, p95 and p99. */
  measure: (label: string, urls: string[], token: string) => Promise<Figures>;
  /** bench.ts's list of aims, printed (met / not met) at the end. */
  aim: (label: string, figure: number, unit: string, target: number) => void;
}

export async function benchHome({ url, token, measure, aim }: HomeBenchOptions): Promise<void> {
  const figures = await measure(
    'Início (home.summary, sem cache)',
    Array.from({ length: 200 }, () => `${url}/api/home`),
    token,
  );
  aim('Início p95 (sem cache)', figures.p95, 'ms', 50);
}
