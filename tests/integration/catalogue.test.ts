import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { makeApp, setupAdmin } from '../helpers/app';

let app: App;
let token: string;
const call = <T>(name: string, input: unknown) => app.call(name, input, { token }) as Promise<T>;
type Product = { id: number; version: number; name: string; kind: string; productionType: string; costCents: number };

beforeAll(async () => {
  ({ app } = await makeApp());
  token = await setupAdmin(app);
});
afterAll(() => app.close());

describe('catalogue', () => {
  it('offers the production types of a sublimation and print shop', async () => {
    const settings = await call<{ productionTypes: string[] }>('settings.production.get', {});
    for (const type of ['caneca', 'camiseta', 'squeeze', 'almofada', 'azulejo', 'chinelo', 'boné', 'mouse pad'])
      expect(settings.productionTypes).toContain(type);
    expect(settings.productionTypes).toContain('quebra-cabeça');
    expect(settings.productionTypes).toContain('totem');
  });

  it('a service needs no production type; a product does', async () => {
    const service = await call<Product>('products.create', {
      name: 'Criação de arte',
      kind: 'servico',
      unit: 'un',
      priceCents: 5000,
      costCents: 1200,
    });
    expect(service).toMatchObject({ kind: 'servico', productionType: '' });
    await expect(
      call('products.create', { name: 'Caneca branca', kind: 'produto', unit: 'un', priceCents: 2500 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { productionType: expect.stringMatching(/tipo de produção/) },
    });
    const mug = await call<Product>('products.create', {
      name: 'Caneca branca',
      productionType: 'caneca',
      unit: 'un',
      priceCents: 2500,
    });
    expect(mug.kind).toBe('produto');
    // Turning a service into a product asks for the type.
    await expect(
      call('products.update', { id: service.id, version: service.version, kind: 'produto' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('an update naming only the name keeps the kind and the cost (no create defaults)', async () => {
    const service = await call<Product>('products.create', {
      name: 'Instalação',
      kind: 'servico',
      unit: 'un',
      priceCents: 9000,
      costCents: 3000,
    });
    const renamed = await call<Product>('products.update', {
      id: service.id,
      version: service.version,
      name: 'Instalação de painel',
    });
    expect(renamed).toMatchObject({ name: 'Instalação de painel', kind: 'servico', costCents: 3000 });
  });
});
