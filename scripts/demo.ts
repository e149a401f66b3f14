import path from 'node:path';
import { parseArgs } from 'node:util';
import { type App, createApp } from '../src-main/app';
import type { Clock } from '../src-main/clock';
import { AppError } from '../src-shared/errors';
import { seedCustomers } from './seed';
import { seedOrders } from './seed-orders';

/**
 * `npm run demo`: a small, realistic shop in `./data` (or `BALCAO_DATA_DIR`, or `--data-dir`) in
 * a few seconds, for a newcomer to look around: customers, catalogue, six months of orders in
 * every status, payments and crediário with late installments. There is no default password:
 * the first visit runs the usual setup, unless `--admin-password` creates the administrator.
 */

export const DEMO_CUSTOMERS = 300;
export const DEMO_ORDERS = 500;
export const DEMO_COMPANY = 'Gráfica Demonstração';

export interface DemoOptions {
  dataDir: string;
  /** Write even when the folder already has customers (added to them; nothing is deleted). */
  force?: boolean;
  /** Creates the administrator through first-run setup; without it, the first visit asks. */
  admin?: { username: string; password: string } | null;
  clock?: Clock;
}

export interface DemoResult {
  dataDir: string;
  customers: number;
  orders: number;
  /** The administrator created, or null when the first visit will run setup (or one existed). */
  admin: string | null;
  setupNeeded: boolean;
  seconds: number;
}

export class DemoRefusedError extends Error {
  constructor(dataDir: string, customers: number) {
    super(
      `${dataDir} já tem dados (${customers} clientes). A demonstração não grava por cima de dados reais: ` +
        'use outra pasta (--data-dir ou BALCAO_DATA_DIR) ou, se tiver certeza, --force (acrescenta; não apaga nada).',
    );
    this.name = 'DemoRefusedError';
  }
}

const count = (app: App, table: string) =>
  (app.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

export async function seedDemo(options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const dataDir = path.resolve(options.dataDir);
  const app = await createApp({ dataDir, ...(options.clock && { clock: options.clock }) });
  try {
    const existing = count(app, 'customers');
    if (existing > 0 && !options.force) throw new DemoRefusedError(dataDir, existing);
    const customersBefore = existing;
    const ordersBefore = count(app, 'orders');

    // The administrator first: a password setup refuses (too short…) leaves the folder untouched.
    let admin: string | null = null;
    let setupNeeded = count(app, 'users') === 0;
    if (options.admin && setupNeeded) {
      await app.call('setup.run', {
        companyName: DEMO_COMPANY,
        admin: { name: 'Administrador da demonstração', ...options.admin },
      });
      admin = options.admin.username;
      setupNeeded = false;
    }

    seedCustomers(app.database.sqlite, DEMO_CUSTOMERS, 2024);
    // Six months of orders: the recent ones fill the production board; one sale in five on
    // crediário and a third of those left unpaid, so "Inadimplência" has something to show.
    seedOrders(app.database.sqlite, DEMO_ORDERS, app.clock.today(), 11, {
      spanDays: 180,
      creditShare: 0.2,
      defaultShare: 0.35,
    });
    return {
      dataDir,
      customers: count(app, 'customers') - customersBefore,
      orders: count(app, 'orders') - ordersBefore,
      admin,
      setupNeeded,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await app.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: process.env.BALCAO_DATA_DIR ?? 'data' },
      force: { type: 'boolean', default: false },
      'admin-user': { type: 'string', default: 'admin' },
      'admin-password': { type: 'string' },
    },
  });
  const password = values['admin-password'];
  try {
    const result = await seedDemo({
      dataDir: values['data-dir'],
      force: values.force,
      admin: password ? { username: values['admin-user'], password } : null,
    });
    console.log(
      `Demonstração gravada em ${result.dataDir} em ${result.seconds.toFixed(1)} s: ` +
        `${result.customers} clientes, ${result.orders} pedidos, pagamentos e crediários (alguns com parcelas atrasadas).`,
    );
    if (result.admin) console.log(`Entre com o usuário "${result.admin}" e a senha que você escolheu.`);
    else if (result.setupNeeded) {
      const start =
        result.dataDir === path.resolve('data')
          ? 'npm start'
          : `BALCAO_DATA_DIR=${JSON.stringify(result.dataDir)} npm start`;
      console.log(
        `Rode \`${start}\` e abra http://127.0.0.1:8787: o primeiro acesso pede o nome da empresa e cria o administrador ` +
          '(não existe senha padrão; ou rode a demonstração com --admin-password).',
      );
    } else if (password)
      console.log('Já havia usuários: --admin-password foi ignorado; entre com um usuário existente.');
    return 0;
  } catch (err) {
    if (err instanceof DemoRefusedError) console.error(err.message);
    else if (err instanceof AppError) {
      const fields = Object.values(err.fields ?? {}).join(' ');
      console.error(`Não foi possível criar o administrador: ${fields || err.message}`);
    } else console.error(err);
    return 1;
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
