import type { ResolverOptions } from 'react-hook-form';
import { afterEach, describe, expect, it } from 'vitest';
import {
  contractResolver,
  flattenErrors,
  localizeContractMessage,
  nestErrors,
} from '../../src-renderer/form/contract-resolver';
import { setLocale } from '../../src-renderer/i18n';
import {
  type CustomerFormValues,
  emptyCustomerForm,
  formToCreateInput,
  validateCustomerForm,
} from '../../src-renderer/lib/customer-form';
import { contract } from '../../src-shared/contract';

const options = {
  fields: {},
  shouldUseNativeValidation: false,
} as ResolverOptions<CustomerFormValues>;

const resolver = (validate = true) =>
  contractResolver<CustomerFormValues>({
    schema: contract['customers.create'].input,
    toInput: (v) => formToCreateInput(v, { canPrivateNotes: true, canCreditLimit: true }),
    ...(validate && { validate: (v) => validateCustomerForm(v, { today: '2026-01-10' }) }),
    fieldOf: (path) => (path === 'creditLimitCents' ? 'creditLimit' : path),
  });

const form = (patch: Partial<CustomerFormValues>): CustomerFormValues => ({
  ...emptyCustomerForm('2026-01-10'),
  ...patch,
});

afterEach(() => setLocale('pt-BR'));

describe('contractResolver (react-hook-form + the contract schema)', () => {
  it('hands back the typed values (not the parsed input) when both checks pass', async () => {
    const values = form({
      name: 'Maria Souza',
      phone: '(11) 98765-4321',
      address: { ...form({}).address, cep: '01310-100' },
    });
    const result = await resolver()(values, undefined, options);
    expect(result.errors).toEqual({});
    expect(result.values).toEqual(values);
  });

  it('reports the page check first, nested the way react-hook-form keeps it', async () => {
    const values = form({ name: 'M', address: { ...form({}).address, cep: '123' } });
    const result = await resolver()(values, undefined, options);
    expect(flattenErrors(result.errors)).toEqual({
      name: 'Texto curto demais (mínimo 2 caracteres).',
      'address.cep': 'CEP inválido: use 8 dígitos, ex. 01310-100.',
    });
    expect(result.values).toEqual({});
  });

  it('refuses what the contract refuses, under the form key, even with no page check', async () => {
    const values = form({ name: 'Maria', email: 'maria@', address: { ...form({}).address, cep: '1234' } });
    const result = await resolver(false)(values, undefined, options);
    const errors = flattenErrors(result.errors);
    expect(errors.email).toBe('E-mail inválido.');
    expect(errors['address.cep']).toBe('CEP inválido: use 8 dígitos, ex. 01310-100.');
  });

  it("says the contract's pt-BR messages in the UI's language", async () => {
    setLocale('en');
    const result = await resolver(false)(form({ name: 'Maria', email: 'x@' }), undefined, options);
    expect(flattenErrors(result.errors).email).toBe('Invalid e-mail.');
  });
});

describe('contractResolver: what the form has no field for', () => {
  it('still stops the submit, under root', async () => {
    const only = contractResolver<CustomerFormValues>({
      schema: contract['customers.create'].input,
      toInput: (v) => formToCreateInput(v, { canPrivateNotes: true, canCreditLimit: true }),
      fieldOf: (path) => (path === 'name' ? 'name' : null),
    });
    const result = await only(form({ name: 'Maria', email: 'x@' }), undefined, options);
    expect(flattenErrors(result.errors)).toEqual({ root: 'E-mail inválido.' });
    expect(result.values).toEqual({});
  });
});

describe('localizeContractMessage', () => {
  it('finds the message with its parameters and keeps unknown texts', () => {
    setLocale('en');
    expect(localizeContractMessage('Texto longo demais (máximo 160 caracteres).')).toMatch(/160/);
    expect(localizeContractMessage('Texto longo demais (máximo 160 caracteres).')).not.toMatch(/Texto/);
    expect(localizeContractMessage('algo que não é do catálogo')).toBe('algo que não é do catálogo');
  });
});

describe('nestErrors / flattenErrors', () => {
  it('go both ways', () => {
    const flat = { name: 'a', 'address.cep': 'b', 'address.city': 'c' };
    const nested = nestErrors(flat);
    expect(nested).toEqual({
      name: { type: 'validate', message: 'a' },
      address: { cep: { type: 'validate', message: 'b' }, city: { type: 'validate', message: 'c' } },
    });
    expect(flattenErrors(nested)).toEqual(flat);
  });
});

describe('CEP lookup (ViaCEP, fake fetcher)', () => {
  const answer =
    (body: unknown, ok = true) =>
    async () => ({ ok, json: async () => body });

  it('fills only the blank address fields from the answer', async () => {
    const { lookupCep, fillAddress } = await import('../../src-renderer/lib/cep');
    const urls: string[] = [];
    const found = await lookupCep('01310-100', {
      online: true,
      fetcher: async (url) => {
        urls.push(url);
        return answer({ logradouro: 'Avenida Paulista', bairro: 'Bela Vista', localidade: 'São Paulo', uf: 'SP' })();
      },
    });
    expect(urls).toEqual(['https://viacep.com.br/ws/01310100/json/']);
    expect(found).toEqual({ street: 'Avenida Paulista', district: 'Bela Vista', city: 'São Paulo', state: 'SP' });
    const current = {
      cep: '01310-100',
      street: '',
      number: '10',
      complement: '',
      district: 'Centro',
      city: '',
      state: '',
    };
    expect(fillAddress(current, found as NonNullable<typeof found>)).toEqual({
      ...current,
      street: 'Avenida Paulista',
      city: 'São Paulo',
      state: 'SP',
    });
  });

  it('fails quietly: offline, unknown CEP, an error, a slow answer, an incomplete CEP', async () => {
    const { lookupCep } = await import('../../src-renderer/lib/cep');
    let called = 0;
    const never = async () => {
      called++;
      throw new Error('must not be called');
    };
    expect(await lookupCep('01310-100', { online: false, fetcher: never })).toBeNull();
    expect(await lookupCep('0131', { online: true, fetcher: never })).toBeNull();
    expect(called).toBe(0);
    expect(await lookupCep('99999-999', { online: true, fetcher: answer({ erro: true }) })).toBeNull();
    expect(await lookupCep('01310-100', { online: true, fetcher: answer({}, false) })).toBeNull();
    expect(await lookupCep('01310-100', { online: true, fetcher: never })).toBeNull();
    const slow = (_url: string, init: { signal: AbortSignal }) =>
      new Promise<never>((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    expect(await lookupCep('01310-100', { online: true, fetcher: slow, timeoutMs: 20 })).toBeNull();
  });
});
