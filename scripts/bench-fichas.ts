import sharp from 'sharp';

/**
 * Fichas de produção (issue 11), measured through HTTP on the running server: one ficha whose item
 * carries a 20-megapixel art, the first time (the art is scaled to print size and kept) and again
 * (the kept copy); a batch of 100 fichas in one PDF, with the server's peak resident memory.
 */
export async function benchFichas(options: {
  url: string;
  token: string;
  pid: number;
  aim: (label: string, figure: number, unit: string, target: number) => void;
  rssMb: (pid: number) => number;
}): Promise<void> {
  const { url, token, pid, aim, rssMb } = options;
  const json = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const out = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(out)}`);
    return out;
  };
  const pdf = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) throw new Error(`${path} → ${res.status}`);
    return { ms: performance.now() - t0, bytes };
  };
  /** A smooth gradient (a photo-like JPEG of a few MB, under the 10 MB image limit). */
  const art = async (width: number, height: number) => {
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        raw[i] = (x * 255) / width;
        raw[i + 1] = (y * 255) / height;
        raw[i + 2] = ((x + y) * 97) % 256;
      }
    return sharp(raw, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 80 })
      .toBuffer();
  };

  const customer = (await json('POST', '/api/customers', { name: 'Bench Fichas', phone: '11987654321' })).id;
  const product = (
    await json('POST', '/api/products', {
      name: `Lona bench fichas ${Date.now()}`,
      productionType: 'lona',
      unit: 'm2',
      priceCents: 4500,
    })
  ).id;
  const order = async (items: number) =>
    (await json('POST', '/api/orders', {
      customerId: customer,
      deliveryDate: '2099-12-31',
      items: Array.from({ length: items }, (_, i) => ({
        productId: product,
        description: `Banner ${i + 1}`,
        widthMm: 3000,
        heightMm: 2000,
        quantity: 1,
      })),
    })) as { id: number; items: Array<{ id: number }> };
  const attach = async (o: { id: number; items: Array<{ id: number }> }, image: Buffer) => {
    for (const item of o.items)
      await json('POST', `/api/orders/${o.id}/items/${item.id}/images`, {
        dataUrl: `data:image/jpeg;base64,${image.toString('base64')}`,
      });
  };

  // One ficha, a 20-megapixel art (5472 × 3648).
  const big = await order(1);
  const twenty = await art(5472, 3648);
  await attach(big, twenty);
  const path = `/api/orders/${big.id}/fichas.pdf?itemId=${big.items[0]?.id}`;
  const first = await pdf(path);
  const again = await pdf(path);
  console.log(
    `ficha com arte de 20 MP (${(twenty.length / 1024 / 1024).toFixed(1)} MB): primeira ${first.ms.toFixed(0)} ms, ` +
      `de novo ${again.ms.toFixed(0)} ms, PDF ${(again.bytes / 1024).toFixed(0)} KB`,
  );
  aim('ficha com arte de 20 MP, a primeira vez', first.ms, 'ms', 300);
  aim('a mesma ficha de novo (imagem já reduzida)', again.ms, 'ms', 50);

  // A batch of 100 fichas: 50 orders of two items, each with an art of its own (2 MP).
  const ids: number[] = [];
  for (let i = 0; i < 50; i++) {
    const o = await order(2);
    await attach(o, await art(1600 + i, 1200));
    ids.push(o.id);
  }
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 50);
  const batch = await pdf(`/api/fichas/batch.pdf?orderIds=${ids.join(',')}`);
  clearInterval(sampler);
  console.log(
    `lote de 100 fichas em um PDF: ${(batch.ms / 1000).toFixed(1)} s, ${(batch.bytes / 1024 / 1024).toFixed(1)} MB, ` +
      `RSS ${before.toFixed(0)} → pico ${peak.toFixed(0)} MB`,
  );
  aim('lote de 100 fichas em um PDF', batch.ms / 1000, 's', 10);
  aim('pico de memória residente no lote de 100 fichas', peak, 'MB', 400);
}
