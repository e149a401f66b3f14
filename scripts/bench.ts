import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createApp } from '../src-main/app';
import { catchUp } from '../src-main/jobs/scheduler';
import { benchArt } from './bench-art';
import { benchAutomations } from './bench-auto';
import { benchFichas } from './bench-fichas';
import { benchHealth } from './bench-health';
import { benchHome } from './bench-home';
import { benchReports } from './bench-rep';
import { seedCustomers } from './seed';
import { CITIES, FIRST_NAMES, ITEM_WORDS, rng, SURNAMES } from './seed-data';
import { seedOrders } from './seed-orders';

/**
 * `npm run bench`: seeds 100k customers, starts the real headless server in its own process and
 * measures through HTTP. Prints figures; it is not a timed test. Talks only to 127.0.0.1.
 */
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const root = path.resolve(import.meta.dirname, '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

interface Figures {
  p50: number;
  p95: number;
}

async function measure(label: string, urls: string[], token: string): Promise<Figures> {
  for (const url of urls.slice(0, 20)) await get(url, token); // warm-up
  const times: number[] = [];
  for (const url of urls) {
    const t0 = performance.now();
    const res = await get(url, token);
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${url} → ${res.status} ${res.body}`);
  }
  times.sort((a, b) => a - b);
  const figures = { p50: percentile(times, 50), p95: percentile(times, 95) };
  console.log(
    `${label.padEnd(34)} n=${String(times.length).padEnd(5)} p50=${figures.p50.toFixed(2)} ms  p95=${figures.p95.toFixed(2)} ms  p99=${percentile(times, 99).toFixed(2)} ms`,
  );
  return figures;
}

/** The issue's aims, each printed next to its figure (met / not met) at the end of the bench. */
interface Aim {
  label: string;
  figure: number;
  unit: string;
  aim: number;
  atLeast: boolean;
}
const aims: Aim[] = [];
function aim(label: string, figure: number, unit: string, target: number, atLeast = false): void {
  aims.push({ label, figure, unit, aim: target, atLeast });
}
function printAims(): void {
  console.log('\nmetas (máquina de 2 núcleos, gerador de carga incluído):');
  for (const a of aims) {
    const met = a.atLeast ? a.figure >= a.aim : a.figure < a.aim;
    const shown = a.unit === 'req/s' ? Math.round(a.figure).toLocaleString('pt-BR') : a.figure.toFixed(2);
    const target = a.unit === 'req/s' ? a.aim.toLocaleString('pt-BR') : String(a.aim);
    console.log(
      `  ${met ? 'atingida    ' : 'NÃO atingida'}  ${a.label.padEnd(44)} ${shown.padStart(8)} ${a.unit.padEnd(5)} (meta ${a.atLeast ? '≥' : '<'} ${target} ${a.unit})`,
    );
  }
}

/** Pages of a list by its `nextCursor`, from the first page on; returns the cursor after `rows` rows. */
async function cursorAt(first: string, rows: number, token: string): Promise<string | null> {
  let cursor: string | null = null;
  for (let seen = 0; seen < rows; seen += 200) {
    const res = await get(`${first}&perPage=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    cursor = (JSON.parse(res.body) as { nextCursor?: string | null }).nextCursor ?? null;
    if (!cursor) return null;
  }
  return cursor;
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const bundle = path.join(root, 'dist/headless.mjs');
  const args = fs.existsSync(bundle)
    ? [bundle]
    : [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src-main/headless.ts')];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, BALCAO_DATA_DIR: dataDir, BALCAO_PORT: '0', BALCAO_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /rodando em (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`servidor saiu com ${code}`)));
  });
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Export of every order to CSV (one line per item), streamed: time, size and the server's peak
 * resident memory while it runs (sampled every 50 ms). Runs last, so it does not move the RSS
 * figure of the other measures.
 */
async function exportAllOrders(url: string, token: string, pid: number): Promise<void> {
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  const t0 = performance.now();
  let bytes = 0;
  let lines = 0;
  await new Promise<void>((resolve, reject) => {
    const req = http.get(`${url}/api/orders/export.csv`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
      });
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`export: ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  clearInterval(sampler);
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `exportar todos os pedidos em CSV: ${seconds.toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(0)} MB, ` +
      `${(lines - 1).toLocaleString('pt-BR')} linhas (itens), RSS ${before.toFixed(0)} → pico ${peak.toFixed(0)} MB`,
  );
  aim('pico de memória residente ao exportar todos os pedidos em CSV', peak, 'MB', 200);
}

let activeCustomers: number[] = [];

async function send(
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/**
 * Backups on the big database: time and size of a backup (written, then verified), the orders
 * list's p95 while it runs (a backup must not freeze the counter), and a verified restore (with
 * its "before restore" safety backup). The backups made here are deleted at the end.
 */
async function benchBackups(url: string, token: string, password: string): Promise<void> {
  const t0 = performance.now();
  const started = await send('POST', `${url}/api/backups`, token, {});
  if (started.status !== 201) throw new Error(`backup → ${started.status} ${JSON.stringify(started.json)}`);
  const id = (started.json as { id: string }).id;
  const during: number[] = [];
  let page = 1;
  for (let n = 0; ; n++) {
    const t = performance.now();
    const res = await get(`${url}/api/orders?perPage=50&page=${page}`, token);
    during.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`orders during backup → ${res.status}`);
    page = (page % 200) + 1;
    if (n % 10 === 0) {
      const status = await send('GET', `${url}/api/backups/status`, token);
      if (!(status.json as { task: unknown }).task) break;
    }
  }
  const backupS = (performance.now() - t0) / 1000;
  const list = await send('GET', `${url}/api/backups`, token);
  const made = (list.json as { items: Array<{ id: string; status: string; sizeBytes: number | null }> }).items.find(
    (b) => b.id === id,
  );
  if (made?.status !== 'verified') throw new Error(`backup ${id} não verificado: ${JSON.stringify(made)}`);
  during.sort((a, b) => a - b);
  const p95 = percentile(during, 95);
  console.log(
    `backup (gravado e verificado)      ${backupS.toFixed(1)} s, ZIP ${((made.sizeBytes ?? 0) / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `pedidos durante o backup           n=${String(during.length).padEnd(5)} p50=${percentile(during, 50).toFixed(2)} ms  p95=${p95.toFixed(2)} ms  p99=${percentile(during, 99).toFixed(2)} ms`,
  );
  aim('pedidos: lista p95 durante um backup', p95, 'ms', 50);

  const t1 = performance.now();
  const restored = await send('POST', `${url}/api/backups/${id}/restore`, token, { password });
  if (restored.status !== 200) throw new Error(`restore → ${restored.status} ${JSON.stringify(restored.json)}`);
  const restoreS = (performance.now() - t1) / 1000;
  console.log(`restauração verificada (com backup de segurança antes) ${restoreS.toFixed(1)} s`);
  const safety = (restored.json as { safety: { id: string } }).safety.id;
  for (const b of [id, safety]) await send('DELETE', `${url}/api/backups/${b}`, token);
}

async function main(): Promise<void> {
  // The seed is deterministic, so a dataset of the same size is reused between runs (seeding 1M orders takes minutes).
  const dataDir = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), `balcao-bench-v2-${CUSTOMERS}-${ORDERS}`);
  const password = 'bench-senha-123';
  {
    const app = await createApp({ dataDir });
    const have = (app.database.sqlite.prepare('select count(*) as n from customers').get() as { n: number }).n;
    if (have < CUSTOMERS) {
      const t0 = performance.now();
      seedCustomers(app.database.sqlite, CUSTOMERS - have);
      console.log(`seed: ${CUSTOMERS - have} clientes em ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const haveOrders = (app.database.sqlite.prepare('select count(*) as n from orders').get() as { n: number }).n;
    if (haveOrders < ORDERS) {
      const t0 = performance.now();
      seedOrders(app.database.sqlite, ORDERS - haveOrders, app.clock.today());
      console.log(`seed: ${ORDERS - haveOrders} pedidos em ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    activeCustomers = (
      app.database.sqlite.prepare('select id from customers where active = 1 order by id limit 5000').all() as Array<{
        id: number;
      }>
    ).map((c) => c.id);
    const setup = (await app.call('setup.status', {})) as { needed: boolean };
    if (setup.needed)
      await app.call('setup.run', { companyName: 'Bench', admin: { name: 'Bench', username: 'bench', password } });
    // The day's jobs run here, not in the server's start-up catch-up, where they would overlap the first figures.
    await catchUp(app);
    await app.close();
  }

  let createdPerSecond: number | null = null;
  const { child, url } = await startServer(dataDir);
  try {
    const logIn = async () => {
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench', password }),
      });
      return ((await login.json()) as { token: string }).token;
    };
    let token = await logIn();
    console.log(
      `servidor ${url}, ${CUSTOMERS.toLocaleString('pt-BR')} clientes, RSS inicial ${rssMb(child.pid as number).toFixed(0)} MB`,
    );

    const r = rng(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T;
    const fold = (s: string) =>
      s
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase();
    const searches: string[] = [];
    for (let i = 0; i < 400; i++) {
      const kind = i % 5;
      const q =
        kind === 0
          ? fold(pick(FIRST_NAMES))
          : kind === 1
            ? `${fold(pick(FIRST_NAMES)).slice(0, 4)} ${fold(pick(SURNAMES)).slice(0, 3)}`
            : kind === 2
              ? fold(pick(CITIES)[0])
              : kind === 3
                ? `${String(100 + Math.floor(r() * 900))}.${String(Math.floor(r() * 1000)).padStart(3, '0')}`
                : fold(pick(SURNAMES));
      searches.push(`${url}/api/customers?search=${encodeURIComponent(q)}&perPage=50`);
    }
    const search = await measure('busca de clientes (50 por página)', searches, token);
    aim('busca de clientes p95', search.p95, 'ms', 8);
    const listUf = await measure(
      'lista sem busca, filtro UF + ordem',
      Array.from(
        { length: 300 },
        () => `${url}/api/customers?state=${pick(CITIES)[1]}&perPage=50&page=${1 + Math.floor(r() * 20)}`,
      ),
      token,
    );
    aim('lista de clientes, filtro UF p95', listUf.p95, 'ms', 5);
    // The deep page of the Flask comparison: page 9000 of 10 by name (OFFSET 89,990).
    const deep = await measure(
      'lista, página 9000 de 10 (page=)',
      Array.from({ length: 100 }, () => `${url}/api/customers?perPage=10&page=${8990 + Math.floor(r() * 20)}`),
      token,
    );
    aim('lista de clientes, página 9000 (page=) p95', deep.p95, 'ms', 5);
    // The same depth reached by the cursor (`nextCursor`), as the renderer pages.
    const deepCursor = await cursorAt(`${url}/api/customers?sort=name`, 90_000, token);
    if (deepCursor) {
      const pages: string[] = [];
      let cursor: string | null = deepCursor;
      for (let i = 0; i < 100 && cursor; i++) {
        const page: string = `${url}/api/customers?sort=name&perPage=10&cursor=${encodeURIComponent(cursor)}`;
        pages.push(page);
        cursor = (JSON.parse((await get(page, token)).body) as { nextCursor: string | null }).nextCursor;
      }
      const byCursor = await measure('lista, linha 90.000 por cursor', pages, token);
      aim('lista de clientes, linha 90.000 (cursor) p95', byCursor.p95, 'ms', 5);
    }
    const ids = Array.from({ length: 2000 }, () => 1 + Math.floor(r() * CUSTOMERS));
    await measure(
      'cliente por id',
      ids.map((id) => `${url}/api/customers/${id}`),
      token,
    );

    const result = await autocannon({
      url: `${url}/api/customers/1`,
      connections: 10,
      duration: 10,
      headers: { authorization: `Bearer ${token}` },
      requests: [
        {
          setupRequest: (req) => ({ ...req, path: `/api/customers/${1 + Math.floor(Math.random() * CUSTOMERS)}` }),
        },
      ],
    });
    console.log(
      `cliente por id, 10 conexões, 10 s      ${Math.round(result.requests.average)} req/s  (p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, erros ${result.errors + result.non2xx})`,
    );
    aim('cliente por id, 10 conexões', result.requests.average, 'req/s', 8000, true);

    if (ORDERS > 0) {
      // A realistic order (three items: per unit, per m², per unit) for an active customer, each with its own Idempotency-Key.
      const deliveryDate = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      let n = 0;
      const created = await autocannon({
        url: `${url}/api/orders`,
        connections: 10,
        duration: 10,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, 'idempotency-key': `bench-${process.pid}-${Date.now()}-${n++}` },
              body: JSON.stringify({
                customerId: pick(activeCustomers),
                deliveryDate,
                notes: 'Retirar no balcão',
                items: [
                  { productId: 11, description: 'Camiseta sublimada — uniforme do evento', quantity: 20 },
                  { productId: 1, description: 'Lona fachada 3 × 1 m', widthMm: 3000, heightMm: 1000, quantity: 1 },
                  { productId: 14, description: 'Caneca personalizada com logo', quantity: 12 },
                ],
              }),
            }),
          },
        ],
      });
      console.log(
        `criar pedido, 10 conexões, 10 s        ${Math.round(created.requests.average)} req/s  (p50 ${created.latency.p50} ms, p97.5 ${created.latency.p97_5} ms, erros ${created.errors + created.non2xx})`,
      );
      if (created.errors + created.non2xx > 0) throw new Error('criar pedido: respostas com erro');
      aim('criar pedido (3 itens), 10 conexões', created.requests.average, 'req/s', 500, true);
      createdPerSecond = created.requests.average;
    }

    if (ORDERS > 0) {
      const today = new Date().toISOString().slice(0, 10);
      const daysAgo = (n: number) => new Date(Date.parse(today) - n * 86_400_000).toISOString().slice(0, 10);
      await measure(
        'pedidos: 30 dias + status',
        Array.from({ length: 300 }, (_, i) => {
          const start = Math.floor(r() * 3600);
          const status =
            i % 3 === 0
              ? 'status=em_producao&status=pronto&status=pendente'
              : i % 3 === 1
                ? 'status=entregue'
                : 'status=cancelado';
          return `${url}/api/orders?from=${daysAgo(start + 30)}&to=${daysAgo(start)}&${status}&perPage=50`;
        }),
        token,
      );
      const texts = [
        ...FIRST_NAMES.map(fold),
        ...ITEM_WORDS.map(fold),
        'banner fachada',
        'camiseta evento',
        '2024-0001',
        'lona formatura',
      ];
      const text = await measure(
        'pedidos: busca por texto',
        Array.from({ length: 300 }, () => `${url}/api/orders?text=${encodeURIComponent(pick(texts))}&perPage=50`),
        token,
      );
      aim('pedidos: busca por texto p95', text.p95, 'ms', 10);
      const deadlines = await measure(
        'prazos (7 dias)',
        Array.from({ length: 100 }, () => `${url}/api/orders/deadlines?days=7`),
        token,
      );
      aim('prazos (7 dias) p95', deadlines.p95, 'ms', 10);
      const maxOrder = ORDERS;
      await measure(
        'abrir um pedido',
        Array.from({ length: 1000 }, () => `${url}/api/orders/${1 + Math.floor(r() * maxOrder)}`),
        token,
      );
    }
    if (ORDERS > 0) {
      await measure(
        'contas a receber',
        Array.from({ length: 50 }, () => `${url}/api/receivables`),
        token,
      );
      await measure(
        'inadimplência (todo o período)',
        Array.from({ length: 50 }, () => `${url}/api/reports/delinquency`),
        token,
      );
      const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
      await measure(
        'inadimplência (último ano)',
        Array.from({ length: 50 }, () => `${url}/api/reports/delinquency?from=${lastYear}`),
        token,
      );
      const maxPayment = Number(process.env.BENCH_PAYMENTS ?? 500_000);
      await measure(
        'recibo em PDF',
        Array.from({ length: 200 }, () => `${url}/api/payments/${1 + Math.floor(r() * maxPayment)}/receipt.pdf`),
        token,
      );
    }
    // Reports before the backups: a restore ends every session (this token too).
    if (ORDERS > 0) await benchReports({ url, token, pid: child.pid as number, measure, aim, createdPerSecond });
    if (ORDERS > 0) {
      await benchBackups(url, token, password);
      // A restore ends every session (the data was replaced): log in again for what follows.
      token = await logIn();
    }
    const rss = rssMb(child.pid as number);
    console.log(`RSS do servidor após a carga: ${rss.toFixed(0)} MB`);
    aim('memória residente do servidor após o bench', rss, 'MB', 250);
    if (ORDERS > 0) await exportAllOrders(url, token, child.pid as number);
    await benchArt({ url, token, pid: child.pid as number, rssMb });
    if (ORDERS > 0) {
      const reminders = await benchAutomations({ url, token, pid: child.pid as number });
      aim('lembretes do dia: montar a caixa de saída', reminders.buildS, 's', 5);
      aim('pedidos: lista p95 durante os lembretes', reminders.ordersP95, 'ms', 50);
    }
    await benchFichas({ url, token, pid: child.pid as number, aim, rssMb });
    await benchHealth({ url, token, pid: child.pid as number, measure, aim });
    await benchHome({ url, token, pid: child.pid as number, measure, aim });
    printAims();
  } finally {
    child.kill('SIGTERM');
    agent.destroy();
  }
}

void main();
