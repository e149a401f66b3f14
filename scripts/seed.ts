import path from 'node:path';
import { parseArgs } from 'node:util';
import type SQLite from 'better-sqlite3';
import sharp from 'sharp';
import { databaseFile, mediaDirFor } from '../src-main/app';
import { openDatabase } from '../src-main/db/connection';
import { phoneTerms } from '../src-main/modules/customers/search';
import { storeImage } from '../src-main/modules/orders/images';
import { isValidBusinessDate } from '../src-shared/domain/dates';
import { makeCustomer, rng } from './seed-data';
import { seedOrders } from './seed-orders';

/**
 * Seeds a realistic pt-BR database straight into SQLite (fast bulk inserts, same tables and
 * search index the app writes). `npm run seed -- --customers 100000 [--orders 1000000] [--from 2024-01-01]
 * [--to 2024-12-31] [--images] [--data-dir ./data]`.
 */
export function seedCustomers(sqlite: SQLite.Database, count: number, seed = 42): void {
  const r = rng(seed);
  const now = new Date().toISOString();
  const start = (sqlite.prepare('select coalesce(max(id), 0) as n from customers').get() as { n: number }).n;
  const insert = sqlite.prepare(`insert into customers
    (name, kind, document, phone, whatsapp, email, birth_date, cep, street, number, district, city, state,
     tags, active, joined_at, sort_name, created_at, updated_at, version)
    values (@name, @kind, @document, @phone, @whatsapp, @email, @birth_date, @cep, @street, @number, @district, @city, @state,
     @tags, @active, @joined_at, @sort_name, @now, @now, 1)`);
  const fts = sqlite.prepare(
    'insert into customers_fts (rowid, name, document, phone, email, city) values (?, ?, ?, ?, ?, ?)',
  );
  const tag = sqlite.prepare('insert into customer_tags (customer_id, tag) values (?, ?)');
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const c = makeCustomer(r, start + i);
      const info = insert.run({ ...c, tags: JSON.stringify(c.tags), active: r() < 0.95 ? 1 : 0, now });
      const id = Number(info.lastInsertRowid);
      fts.run(id, c.name, c.document, phoneTerms(c.phone, c.whatsapp), c.email ?? '', c.city);
      for (const t of c.tags) tag.run(id, t);
    }
  });
  for (let i = 0; i < count; i += 10_000) batch(i, Math.min(count, i + 10_000));
  sqlite.exec("insert into customers_fts(customers_fts) values('optimize')");
  sqlite.exec('analyze');
}

/**
 * Attaches sample artwork to some items (`--images`): a few small PNGs made with sharp (a colour
 * and a label), stored like uploads (content-addressed, with thumbnails), each on many items.
 */
export async function seedImages(sqlite: SQLite.Database, mediaDir: string, items: number, seed = 5): Promise<number> {
  const r = rng(seed);
  const colours = ['#e53935', '#1e88e5', '#43a047', '#fdd835', '#8e24aa', '#fb8c00', '#00897b', '#6d4c41'];
  const stored: Array<Awaited<ReturnType<typeof storeImage>>> = [];
  for (const [i, colour] of colours.entries()) {
    const label = Buffer.from(
      `<svg width="480" height="320"><rect width="480" height="320" fill="${colour}"/><text x="40" y="190" font-size="72" fill="#fff">Arte ${i + 1}</text></svg>`,
    );
    const png = await sharp(label).png().toBuffer();
    stored.push(await storeImage(mediaDir, png));
  }
  const rows = sqlite.prepare('select id, order_id from order_items order by random() limit ?').all(items) as Array<{
    id: number;
    order_id: number;
  }>;
  const now = new Date().toISOString();
  const media = sqlite.prepare(
    'insert or ignore into media (id, mime, size_bytes, width, height, created_at) values (?, ?, ?, ?, ?, ?)',
  );
  const link = sqlite.prepare(
    'insert into item_images (order_id, item_id, media_id, created_by, created_at) values (?, ?, ?, null, ?)',
  );
  sqlite.transaction(() => {
    for (const m of stored) media.run(m.id, m.mime, m.sizeBytes, m.width, m.height, now);
    for (const row of rows) link.run(row.order_id, row.id, stored[Math.floor(r() * stored.length)]?.id, now);
  })();
  return rows.length;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '1000' },
      orders: { type: 'string', default: '0' },
      'data-dir': { type: 'string', default: process.env.BALCAO_DATA_DIR ?? 'data' },
      /** Entry dates of the orders: from and to (YYYY-MM-DD or dd/mm/aaaa); default the ten years up to today. */
      from: { type: 'string' },
      to: { type: 'string' },
      /** Attach sample images to some items (about 1 in 20 items, at most 5,000). */
      images: { type: 'boolean', default: false },
    },
  });
  const date = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const iso = /^\d{2}\/\d{2}\/\d{4}$/.test(v) ? v.split('/').reverse().join('-') : v;
    if (!isValidBusinessDate(iso)) throw new Error(`--${name}: data inválida (${v}); use AAAA-MM-DD ou dd/mm/aaaa.`);
    return iso;
  };
  const from = date(values.from, 'from');
  const to = date(values.to, 'to');
  if (from && to && from > to) throw new Error('--from deve ser anterior a --to.');
  const count = Number(values.customers);
  const orders = Number(values.orders);
  const dir = path.resolve(values['data-dir'] as string);
  const opened = await openDatabase(databaseFile(dir));
  let t0 = performance.now();
  const have = (opened.sqlite.prepare('select count(*) as n from customers').get() as { n: number }).n;
  if (have < count) seedCustomers(opened.sqlite, count - have);
  console.log(
    `${Math.max(0, count - have)} clientes gravados em ${dir} em ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (orders > 0) {
    t0 = performance.now();
    seedOrders(opened.sqlite, orders, new Date().toISOString().slice(0, 10), 7, {
      ...(from && { from }),
      ...(to && { to }),
    });
    console.log(`${orders} pedidos gravados em ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (values.images) {
    const items = (opened.sqlite.prepare('select count(*) as n from order_items').get() as { n: number }).n;
    const attached = await seedImages(opened.sqlite, mediaDirFor(dir), Math.min(5000, Math.ceil(items / 20)));
    console.log(`${attached} itens com imagem de exemplo`);
  }
  await opened.close();
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) void main();
