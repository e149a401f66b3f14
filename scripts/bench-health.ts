/**
 * Customer health figures for `npm run bench` (called from scripts/bench.ts `main()`): the nightly
 * recompute of every score through `health.recompute` (the same work as the nightly job), then the
 * health list page, its distribution, Em risco, a customer's card and the KPIs of a month, through
 * HTTP. Prints in pt-BR like the rest of the bench.
 */

interface Figures {
  p50: number;
  p95: number;
}

export interface HealthBenchOptions {
  url: string;
  token: string;
  pid: number;
  /** bench.ts's timing of a list of GETs (prints its line). */
  measure: (label: string, urls: string[], token: string) => Promise<Figures>;
  /** bench.ts's aims, printed at the end. */
  aim: (label: string, figure: number, unit: string, target: number) => void;
}

async function post(url: string, token: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  return { status: res.status, body: await res.json() };
}

export async function benchHealth({ url, token, measure, aim }: HealthBenchOptions): Promise<void> {
  const t0 = performance.now();
  const res = await post(`${url}/api/customer-health/recompute`, token);
  const wallS = (performance.now() - t0) / 1000;
  if (res.status !== 200) throw new Error(`recálculo da saúde → ${res.status} ${JSON.stringify(res.body)}`);
  const { recomputed, ms } = res.body as { recomputed: number; ms: number };
  console.log(
    `saúde: recálculo de todos os scores ${recomputed.toLocaleString('pt-BR')} clientes em ${wallS.toFixed(1)} s (no servidor ${(ms / 1000).toFixed(1)} s)`,
  );
  aim('saúde: recálculo noturno de todos os scores', wallS, 's', 30);

  const sorts = ['-score', 'score', '-recencia', '-frequencia', '-valor', 'pontualidade', '-pontualidade'];
  const categories = ['', 'critico', 'normal', 'saudavel', 'campeao'];
  const pages: string[] = [];
  for (let i = 0; i < 300; i++) {
    const sort = sorts[i % sorts.length] as string;
    const category = categories[Math.floor(i / sorts.length) % categories.length] as string;
    pages.push(`${url}/api/customer-health?perPage=50&sort=${sort}${category ? `&category=${category}` : ''}`);
  }
  const list = await measure('saúde: lista (50 por página)', pages, token);
  aim('saúde: página da lista p95', list.p95, 'ms', 20);

  // The page after a few thousand rows, by cursor (as the screen asks for the next pages).
  let cursor: string | null = null;
  for (let seen = 0; seen < 2000; seen += 200) {
    const r: Response = await fetch(
      `${url}/api/customer-health?perPage=200&sort=-score${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    cursor = ((await r.json()) as { nextCursor: string | null }).nextCursor;
    if (!cursor) break;
  }
  if (cursor)
    await measure(
      'saúde: lista após 2.000 linhas (cursor)',
      Array.from(
        { length: 100 },
        () => `${url}/api/customer-health?perPage=50&sort=-score&cursor=${encodeURIComponent(cursor as string)}`,
      ),
      token,
    );
  await measure(
    'saúde: distribuição',
    Array.from({ length: 50 }, () => `${url}/api/customer-health/distribution`),
    token,
  );
  await measure(
    'saúde: em risco',
    Array.from({ length: 50 }, () => `${url}/api/customer-health/at-risk`),
    token,
  );
  const ids = (
    (await (
      await fetch(`${url}/api/customer-health?perPage=200`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      items: Array<{ customerId: number }>;
    }
  ).items.map((r) => r.customerId);
  if (ids.length)
    await measure(
      'saúde: ficha de um cliente',
      Array.from({ length: 200 }, (_, i) => `${url}/api/customer-health/customers/${ids[i % ids.length]}`),
      token,
    );
  await measure(
    'saúde: indicadores do mês',
    Array.from({ length: 30 }, () => `${url}/api/customer-health/kpis?preset=mes`),
    token,
  );
}
