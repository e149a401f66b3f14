import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, api, tempDir } from '../helpers/app';

const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'dist/headless.mjs');

function start(dataDir: string): { child: ChildProcess; url: Promise<string> } {
  // tsx's loader in this very process (tsx's CLI would run a child that SIGKILL does not reach,
  // and that would keep holding the data folder's lock).
  const args = fs.existsSync(bundle)
    ? [bundle]
    : ['--import', path.join(root, 'node_modules/tsx/dist/loader.mjs'), path.join(root, 'src-main/headless.ts')];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, BALCAO_DATA_DIR: dataDir, BALCAO_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /rodando em (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`saiu com ${code}: ${out}`)));
  });
  url.catch(() => undefined);
  return { child, url };
}

describe('a crash right after a payment', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it('keeps every acknowledged write (SIGKILL with no shutdown)', async () => {
    const dir = tempDir('balcao-crash-');
    const first = start(dir);
    children.push(first.child);
    const url = await first.url;
    const token = (await api(url)('POST', '/api/setup', { companyName: 'Gráfica', admin: ADMIN })).body.token as string;
    const call = api(url, token);
    const product = (
      await call('POST', '/api/products', { name: 'Banner', productionType: 'lona', unit: 'un', priceCents: 10_000 })
    ).body;
    const customer = (await call('POST', '/api/customers', { name: 'Cliente do Crash' })).body;
    const order = (
      await call('POST', '/api/orders', {
        customerId: customer.id,
        deliveryDate: '2099-01-10',
        items: [{ productId: product.id, description: 'Banner', quantity: 3 }],
      })
    ).body;
    const methods = (await call('GET', '/api/payment-methods')).body.items as Array<{ id: number; kind: string }>;
    const pix = methods.find((m) => m.kind === 'pix')?.id;
    const receipts: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call('POST', `/api/orders/${order.id}/payments`, { amountCents: 1000, paymentMethodId: pix });
      expect(res.status).toBe(201);
      receipts.push(res.body.receiptNumber);
    }
    first.child.kill('SIGKILL'); // the power goes out: no checkpoint, no clean close
    await new Promise((r) => first.child.once('exit', r));

    const second = start(dir);
    children.push(second.child);
    const url2 = await second.url;
    const again = api(
      url2,
      (await api(url2)('POST', '/api/auth/login', { username: ADMIN.username, password: ADMIN.password })).body.token,
    );
    const payments = (await again('GET', `/api/orders/${order.id}/payments`)).body;
    expect(payments.items.map((p: { receiptNumber: string }) => p.receiptNumber)).toEqual(receipts);
    expect(payments).toMatchObject({ paidCents: 5000, balanceCents: 25_000, paymentState: 'parcial' });
    second.child.kill('SIGTERM');
  });
});
