import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up } from '../../migrations/0008_customers_pj';
import type { App } from '../../src-main/app';
import { CNPJ_GRAFICA, makeApp, setupAdmin, userWithRole } from '../helpers/app';

let app: App;
let token: string;
const call = <T>(name: string, input: unknown, as = token) => app.call(name, input, { token: as }) as Promise<T>;
type Found = { items: Array<{ name: string }> };
const names = async (search: string, as = token) =>
  (await call<Found>('customers.list', { search }, as)).items.map((c) => c.name).sort();

beforeAll(async () => {
  ({ app } = await makeApp());
  token = await setupAdmin(app);
  await call('customers.create', { name: 'João da Silva', phone: '(11) 98765-4321' });
  await call('customers.create', { name: 'Bia Lopes', whatsapp: '21 99123-5432' });
  await call('customers.create', {
    name: 'Estampa Viva',
    kind: 'PJ',
    document: CNPJ_GRAFICA,
    legalName: 'Silva & Souza Comércio de Brindes Ltda',
    tradeName: 'Estampa Viva Sublimação',
    stateRegistration: '110.042.490.114',
    contactName: 'Rogério (compras)',
  });
});
afterAll(() => app.close());

describe('customers: PJ fields and search', () => {
  it('stores and returns razão social, nome fantasia, inscrição estadual and the contact', async () => {
    const list = await call<{ items: Array<Record<string, unknown>> }>('customers.list', { search: 'estampa' });
    expect(list.items[0]).toMatchObject({
      legalName: 'Silva & Souza Comércio de Brindes Ltda',
      tradeName: 'Estampa Viva Sublimação',
      stateRegistration: '110.042.490.114',
      contactName: 'Rogério (compras)',
    });
  });

  it('finds a company by its nome fantasia and its razão social', async () => {
    expect(await names('sublimacao')).toEqual(['Estampa Viva']);
    expect(await names('souza brindes')).toEqual(['Estampa Viva']);
  });

  it('finds a phone by its last digits, and still by its first', async () => {
    expect(await names('4321')).toEqual(['João da Silva']);
    expect(await names('5432')).toEqual(['Bia Lopes']);
    expect(await names('54321')).toEqual(['João da Silva']);
    expect(await names('98765')).toEqual(['João da Silva']);
    expect(await names('(21) 99123')).toEqual(['Bia Lopes']);
  });

  it('keeps the inscrição estadual from production, like the CPF/CNPJ', async () => {
    const producao = await userWithRole(app, 'producao');
    const list = await call<{ items: Array<Record<string, unknown>> }>(
      'customers.list',
      { search: 'estampa' },
      producao.token,
    );
    expect(list.items[0]).not.toHaveProperty('stateRegistration');
    expect(list.items[0]).toHaveProperty('tradeName');
  });

  it('refuses an inscrição estadual that is not numbers or ISENTO', async () => {
    await expect(
      call('customers.create', { name: 'Outra Ltda', kind: 'PJ', stateRegistration: 'abc' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      call('customers.create', { name: 'Isenta Ltda', kind: 'PJ', stateRegistration: 'ISENTO' }),
    ).resolves.toBeTruthy();
  });

  it('the migration indexes the last digits of the phones already stored', async () => {
    // The index as 0007 left it: full digits and without the area code, nothing reversed.
    await sql`update customers_fts set phone = '11987654321 987654321' where rowid = 1`.execute(app.db);
    expect(await names('4321')).toEqual([]);
    await sql`alter table customers drop column legal_name`.execute(app.db);
    await sql`alter table customers drop column trade_name`.execute(app.db);
    await sql`alter table customers drop column state_registration`.execute(app.db);
    await sql`alter table customers drop column contact_name`.execute(app.db);
    await up(app.db);
    expect(await names('4321')).toEqual(['João da Silva']);
    expect(await names('98765')).toEqual(['João da Silva']);
  });
});
