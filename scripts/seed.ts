import path from 'node:path';
import { parseArgs } from 'node:util';
import type SQLite from 'better-sqlite3';
import { databaseFile } from '../src-main/app';
import { openDatabase } from '../src-main/db/connection';
import { phoneTerms } from '../src-main/modules/customers/search';
import { makeCustomer, rng } from './seed-data';
import { seedOrders } from './seed-orders';

/**
 * Seeds a realistic pt-BR database straight into SQLite (fast bulk inserts, same tables and
 * search index the app writes). `npm run seed -- --customers 100000 [--data-dir ./data]`.
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '1000' },
      orders: { type: 'string', default: '0' },
      'data-dir': { type: 'string', default: process.env.BALCAO_DATA_DIR ?? 'data' },
    },
  });
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
    seedOrders(opened.sqlite, orders, new Date().toISOString().slice(0, 10));
    console.log(`${orders} pedidos gravados em ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await opened.close();
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) void main();
