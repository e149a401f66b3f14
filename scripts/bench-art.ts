import { streamBigUpload } from '../tests/helpers/art';

/**
 * Art files (issue 11) in `npm run bench`: upload of a 200 MB art file to the running server
 * (multipart, streamed by the client from one reused 1 MB buffer), its time and the server's
 * peak resident memory while it runs (sampled every 50 ms). The file is a PSD (no preview), so
 * the figure is the upload alone. Talks only to the given URL (127.0.0.1).
 */
const ART_BYTES = 200 * 1024 * 1024;
/** A PSD's signature: the upload is sniffed as PSD (no preview is made). */
const PSD_HEAD = Buffer.from('8BPS\x00\x01\x00\x00\x00\x00\x00\x00');

async function json(url: string, token: string, method: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export async function benchArt({
  url,
  token,
  pid,
  rssMb,
}: {
  url: string;
  token: string;
  pid: number;
  rssMb: (pid: number) => number;
}): Promise<void> {
  const customer = await json(`${url}/api/customers`, token, 'POST', { name: 'Cliente do bench de arte' });
  const product = await json(`${url}/api/products`, token, 'POST', {
    name: `Painel bench ${Date.now()}`,
    productionType: 'painel',
    unit: 'un',
    priceCents: 10_000,
  });
  const order = await json(`${url}/api/orders`, token, 'POST', {
    customerId: customer.id,
    deliveryDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
    items: [{ productId: product.id, description: 'Painel 3 × 2 m', quantity: 1 }],
  });
  const itemId = (order.items as Array<{ id: number }>)[0]?.id;
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  const t0 = performance.now();
  const res = await streamBigUpload(
    `${url}/api/orders/${order.id}/items/${itemId}/art`,
    token,
    PSD_HEAD,
    ART_BYTES,
    'painel-bench.psd',
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  if (res.status !== 201) throw new Error(`envio de arte: ${res.status} ${res.body}`);
  console.log(
    `envio de arte de 200 MB (PSD, multipart em disco): ${seconds.toFixed(1)} s, ` +
      `${(ART_BYTES / 1024 / 1024 / seconds).toFixed(0)} MB/s, RSS do servidor ${before.toFixed(0)} → pico ${peak.toFixed(0)} MB`,
  );
}
