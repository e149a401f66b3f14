import http from 'node:http';

/**
 * Automations (issue 12): builds the day's payment reminders for the open installments of the
 * bench database (`POST /api/jobs/lembretes-pagamento/run`, the admins' "executar agora") and
 * measures how long it takes, and the orders list's p95 while it runs. No channel is configured,
 * so nothing leaves the machine: the messages wait in the outbox (e-mail) and on the "A enviar"
 * list (WhatsApp).
 */
export async function benchAutomations(opts: { url: string; token: string; pid: number }): Promise<{
  buildS: number;
  ordersP95: number;
}> {
  const { url, token } = opts;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const request = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        `${url}${path}`,
        {
          method,
          agent: method === 'GET' ? agent : undefined,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  for (let i = 1; i <= 20; i++) await request('GET', `/api/orders?perPage=50&page=${i}`); // warm-up
  const before = await request('GET', '/api/outbox?perPage=1');
  const queuedBefore = (JSON.parse(before.body) as { total: number }).total;
  const t0 = performance.now();
  let done = false;
  const run = request('POST', '/api/jobs/lembretes-pagamento/run', {}).then((res) => {
    done = true;
    return res;
  });
  const during: number[] = [];
  let page = 1;
  while (!done) {
    const t = performance.now();
    const res = await request('GET', `/api/orders?perPage=50&page=${page}`);
    during.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`pedidos durante os lembretes → ${res.status}`);
    page = (page % 200) + 1;
  }
  const ran = await run;
  const buildS = (performance.now() - t0) / 1000;
  if (ran.status !== 200) throw new Error(`lembretes → ${ran.status} ${ran.body}`);
  const job = JSON.parse(ran.body) as { lastRun: { outcome: string; items: number | null; error: string | null } };
  if (job.lastRun.outcome !== 'ok') throw new Error(`lembretes falharam: ${job.lastRun.error}`);
  const after = await request('GET', '/api/outbox?perPage=1');
  const queued = (JSON.parse(after.body) as { total: number }).total - queuedBefore;
  during.sort((a, b) => a - b);
  const at = (p: number) => during[Math.min(during.length - 1, Math.floor((p / 100) * during.length))] ?? 0;
  console.log(
    `lembretes de pagamento do dia      ${buildS.toFixed(2)} s, ${queued.toLocaleString('pt-BR')} mensagem(ns) na caixa de saída (uma por cliente)`,
  );
  console.log(
    `pedidos durante os lembretes       n=${String(during.length).padEnd(5)} p50=${at(50).toFixed(2)} ms  p95=${at(95).toFixed(2)} ms  p99=${at(99).toFixed(2)} ms`,
  );
  agent.destroy();
  return { buildS, ordersP95: at(95) };
}
