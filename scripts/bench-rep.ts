/**
 * Reports (Relatórios) figures for `npm run bench`, through HTTP on the bench database: the month
 * closing grouped by customer, a 12-month trend by week, the weekly metrics, and what keeping the
 * per-day aggregates costs an order creation (against the last run without them).
 */
interface Figures {
  p50: number;
  p95: number;
}

export interface ReportBenchOptions {
  url: string;
  token: string;
  pid: number;
  /** bench.ts's helpers: timed GETs (prints a line) and an aim printed at the end. */
  measure: (label: string, urls: string[], token: string) => Promise<Figures>;
  aim: (label: string, figure: number, unit: string, target: number, atLeast?: boolean) => void;
  /** Orders created per second in this run (10 connections), if measured. */
  createdPerSecond: number | null;
}

/** Order creation before the aggregates (triggers of migration 0016), last run of the bench. */
const CREATE_BEFORE_REQ_S = 658;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export async function benchReports(o: ReportBenchOptions): Promise<void> {
  const { url, token } = o;
  const now = new Date();
  let seed = 7;
  const r = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  // A month (and a 12-month window ending on it) somewhere in the last ten years.
  const month = () => {
    const back = 1 + Math.floor(r() * 118);
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1 };
  };
  const closing = await o.measure(
    'relatórios: fechamento do mês por cliente',
    Array.from({ length: 100 }, () => {
      const { y, m } = month();
      return `${url}/api/reports/closing?preset=personalizado&from=${y}-${pad(m)}-01&to=${y}-${pad(m)}-${pad(lastDay(y, m))}&group=cliente`;
    }),
    token,
  );
  o.aim('relatórios: fechamento do mês por cliente p95', closing.p95, 'ms', 100);
  const trend = await o.measure(
    'relatórios: tendência 12 meses/semana',
    Array.from({ length: 100 }, () => {
      const { y, m } = month();
      return `${url}/api/reports/trends?preset=personalizado&from=${y - 1}-${pad(m)}-01&to=${y}-${pad(m)}-${pad(lastDay(y, m))}&granularity=semana`;
    }),
    token,
  );
  o.aim('relatórios: tendência de 12 meses por semana p95', trend.p95, 'ms', 100);
  await o.measure(
    'relatórios: semanal',
    Array.from({ length: 100 }, () => {
      const { y, m } = month();
      return `${url}/api/reports/weekly?date=${y}-${pad(m)}-15`;
    }),
    token,
  );
  await o.measure(
    'relatórios: fechamento completo do mês',
    Array.from({ length: 50 }, () => {
      const { y, m } = month();
      return `${url}/api/reports/closing?preset=personalizado&from=${y}-${pad(m)}-01&to=${y}-${pad(m)}-${pad(lastDay(y, m))}`;
    }),
    token,
  );
  if (o.createdPerSecond !== null) {
    const slower = (100 * (CREATE_BEFORE_REQ_S - o.createdPerSecond)) / CREATE_BEFORE_REQ_S;
    console.log(
      `criar pedido com os agregados: ${Math.round(o.createdPerSecond)} req/s, antes deles ${CREATE_BEFORE_REQ_S} req/s (${slower >= 0 ? `${slower.toFixed(1)}% mais lento` : `${(-slower).toFixed(1)}% mais rápido`})`,
    );
    o.aim('criar pedido: perda com os agregados (vs. 658 req/s)', Math.max(0, slower), '%', 20);
  }
}
