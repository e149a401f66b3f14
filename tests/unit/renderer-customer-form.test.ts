import { describe, expect, it } from 'vitest';
import { inputFields, schemaLabel } from '../../src-renderer/lib/api-doc';
import {
  addTags,
  type Customer,
  customerToForm,
  documentError,
  emptyCustomerForm,
  formToCreateInput,
  formToUpdateInput,
  mapServerFields,
  parseTags,
  rebaseForm,
  typeDocument,
  validateCustomerForm,
} from '../../src-renderer/lib/customer-form';
import { maskDateTimeBR, parseDateTimeBR } from '../../src-renderer/lib/datetime';
import { addressLines, displayDocument, formatDuration, rangeLabel, whatsappUrl } from '../../src-renderer/lib/format';
import { contract, type Procedure } from '../../src-shared/contract';
import { completeCnpj, completeCpf } from '../../src-shared/domain/documents';

const CPF = completeCpf('529982247'); // 52998224725
const CNPJ = completeCnpj('112223330001'); // 11222333000181
const TODAY = '2026-11-24';

const customer = {
  id: 7,
  name: 'Maria da Silva',
  kind: 'PF',
  document: CPF,
  phone: '11987654321',
  whatsapp: null,
  email: 'maria@example.com',
  birthDate: '1990-05-17',
  address: {
    cep: '01310100',
    street: 'Av. Paulista',
    number: '1000',
    complement: null,
    district: 'Bela Vista',
    city: 'São Paulo',
    state: 'SP',
  },
  preferences: 'Gosta de tecido dry fit',
  privateNotes: 'Paga sempre em dia',
  tags: ['camisa', 'vip'],
  active: true,
  joinedAt: '2024-03-01',
  createdAt: '2024-03-01T12:00:00.000Z',
  updatedAt: '2024-03-01T12:00:00.000Z',
  version: 3,
  creditLimitCents: null,
} as Customer;

describe('document field', () => {
  it('masks by kind and switches PF to PJ when more than 11 digits are typed', () => {
    expect(typeDocument('PF', '52998224725')).toEqual({ kind: 'PF', document: '529.982.247-25' });
    expect(typeDocument('PF', '11222333000181')).toEqual({ kind: 'PJ', document: '11.222.333/0001-81' });
    expect(typeDocument('PJ', '112223')).toEqual({ kind: 'PJ', document: '11.222.3' });
  });

  it('flags wrong check digits while typing, incomplete numbers only on submit', () => {
    expect(documentError('PF', '529.982.247-24', false)).toBe('CPF inválido: confira os dígitos.');
    expect(documentError('PF', '529.982', false)).toBeNull();
    expect(documentError('PF', '529.982', true)).toBe('CPF incompleto: são 11 dígitos.');
    expect(documentError('PJ', '11.222.333/0001-80', false)).toBe('CNPJ inválido: confira os dígitos.');
    expect(documentError('PJ', CPF, true)).toBe('Pessoa jurídica usa CNPJ (14 dígitos).');
    expect(documentError('PF', CPF, true)).toBeNull();
    expect(documentError('PJ', CNPJ, true)).toBeNull();
    expect(documentError('PF', '', true)).toBeNull();
  });
});

describe('validateCustomerForm', () => {
  it('accepts an empty optional form with a name', () => {
    const v = { ...emptyCustomerForm(TODAY), name: 'Zé' };
    expect(validateCustomerForm(v, { today: TODAY })).toEqual({});
  });

  it('uses the server’s keys and pt-BR messages', () => {
    const v = {
      ...emptyCustomerForm(TODAY),
      name: 'A',
      phone: '(00) 1234-5678',
      email: 'nope',
      birthDate: '31/02/2000',
      address: { ...emptyCustomerForm(TODAY).address, cep: '0131' },
    };
    expect(validateCustomerForm(v, { today: TODAY })).toEqual({
      name: 'Texto curto demais (mínimo 2 caracteres).',
      phone: 'Telefone inválido: use DDD + número, ex. (11) 98765-4321.',
      email: 'E-mail inválido.',
      birthDate: 'Data inválida: use dd/mm/aaaa.',
      'address.cep': 'CEP inválido: use 8 dígitos, ex. 01310-100.',
    });
  });

  it('refuses a birth date in the future', () => {
    const v = { ...emptyCustomerForm(TODAY), name: 'Ana', birthDate: '25/11/2026' };
    expect(validateCustomerForm(v, { today: TODAY }).birthDate).toBe('A data não pode estar no futuro.');
  });
});

describe('form ↔ input', () => {
  it('round-trips a customer into masked form values', () => {
    const form = customerToForm(customer);
    expect(form.document).toBe('529.982.247-25');
    expect(form.phone).toBe('(11) 98765-4321');
    expect(form.birthDate).toBe('17/05/1990');
    expect(form.address.cep).toBe('01310-100');
    expect(form.joinedAt).toBe('01/03/2024');
  });

  it('create sends digits, ISO dates and only what was filled', () => {
    const v = {
      ...emptyCustomerForm(TODAY),
      name: '  Loja Azul ',
      kind: 'PJ' as const,
      document: '11.222.333/0001-81',
      whatsapp: '(21) 99876-5432',
      birthDate: '',
      address: { ...emptyCustomerForm(TODAY).address, cep: '20040-020', state: 'RJ' },
      privateNotes: 'segredo',
      tags: ['brindes'],
    };
    expect(formToCreateInput(v, { canPrivateNotes: false })).toEqual({
      name: 'Loja Azul',
      kind: 'PJ',
      document: '11222333000181',
      whatsapp: '21998765432',
      address: { cep: '20040020', state: 'RJ' },
      tags: ['brindes'],
      joinedAt: TODAY,
    });
    expect(formToCreateInput(v, { canPrivateNotes: true })).toMatchObject({ privateNotes: 'segredo' });
  });

  it('update sends the version and only the changed fields; blanks clear', () => {
    const original = customerToForm(customer);
    const current = {
      ...original,
      phone: '',
      email: 'maria@novo.com',
      address: { ...original.address, city: 'Campinas' },
    };
    expect(formToUpdateInput(original, current, { id: 7, version: 3, canPrivateNotes: true })).toEqual({
      id: 7,
      version: 3,
      phone: null,
      email: 'maria@novo.com',
      address: { city: 'Campinas' },
    });
    expect(formToUpdateInput(original, original, { id: 7, version: 3, canPrivateNotes: true })).toBeNull();
  });

  it('never sends private notes for a role that cannot see them', () => {
    const original = customerToForm({ ...customer, privateNotes: undefined });
    const current = { ...original, privateNotes: 'x', name: 'Maria S.' };
    expect(formToUpdateInput(original, current, { id: 7, version: 3, canPrivateNotes: false })).toEqual({
      id: 7,
      version: 3,
      name: 'Maria S.',
    });
  });

  it('after a 409 keeps my changes over the fresh copy', () => {
    const original = customerToForm(customer);
    const mine = { ...original, email: 'minha@edicao.com', address: { ...original.address, number: '2000' } };
    const fresh = customerToForm({ ...customer, name: 'Maria Souza', phone: '1133334444', version: 4 });
    const rebased = rebaseForm(original, mine, fresh);
    expect(rebased.name).toBe('Maria Souza');
    expect(rebased.phone).toBe('(11) 3333-4444');
    expect(rebased.email).toBe('minha@edicao.com');
    expect(rebased.address.number).toBe('2000');
    expect(rebased.address.city).toBe('São Paulo');
  });

  it('maps server field keys onto the form', () => {
    expect(
      mapServerFields({ document: 'CPF já cadastrado', 'address.cep': 'CEP inválido', 'tags.2': 'Longa', x: 'Outro' }),
    ).toEqual({
      fields: { document: 'CPF já cadastrado', 'address.cep': 'CEP inválido', tags: 'Longa' },
      other: ['Outro'],
    });
  });

  it('parses and merges tags without blanks or repeats', () => {
    expect(parseTags('camisa, Caneca ,, camisa')).toEqual(['camisa', 'Caneca']);
    expect(addTags(['Camisa'], 'camisa, boné')).toEqual(['Camisa', 'boné']);
  });
});

describe('format helpers', () => {
  it('shows the list range the Brazilian way', () => {
    expect(rangeLabel(1, 50, 1234)).toBe('1–50 de 1.234');
    expect(rangeLabel(25, 50, 1234)).toBe('1.201–1.234 de 1.234');
    expect(rangeLabel(1, 50, 0)).toBe('Nenhum resultado');
  });

  it('formats a wait', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(120)).toBe('2 min');
    expect(formatDuration(270)).toBe('4 min 30 s');
  });

  it('formats documents, WhatsApp links and addresses', () => {
    expect(displayDocument(CPF)).toBe('529.982.247-25');
    expect(displayDocument(CNPJ)).toBe('11.222.333/0001-81');
    expect(whatsappUrl('11987654321')).toBe('https://wa.me/5511987654321');
    expect(addressLines(customer.address)).toEqual([
      'Av. Paulista, 1000',
      'Bela Vista',
      'São Paulo / SP',
      'CEP 01310-100',
    ]);
  });
});

describe('API page data', () => {
  it('lists input fields with where they travel', () => {
    const fields = inputFields(contract['customers.update'] as unknown as Procedure);
    expect(fields.find((f) => f.name === 'id')).toMatchObject({ where: 'path', required: true, type: 'integer' });
    expect(fields.find((f) => f.name === 'kind')).toMatchObject({ where: 'body', type: '"PF" | "PJ"' });
    const list = inputFields(contract['customers.list'] as unknown as Procedure);
    expect(list.find((f) => f.name === 'search')).toMatchObject({ where: 'query', required: false });
  });

  it('labels schemas', () => {
    expect(schemaLabel({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBe('string | null');
    expect(schemaLabel({ type: 'array', items: { type: 'string' } })).toBe('string[]');
  });
});

describe('interaction moment', () => {
  it('masks and parses dd/mm/aaaa hh:mm in local time', () => {
    expect(maskDateTimeBR('241120261530')).toBe('24/11/2026 15:30');
    expect(maskDateTimeBR('2411202615')).toBe('24/11/2026 15');
    const at = parseDateTimeBR('24/11/2026 15:30');
    expect(at && [at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()]).toEqual([
      2026, 10, 24, 15, 30,
    ]);
    expect(parseDateTimeBR('24/11/2026')?.getHours()).toBe(12);
    expect(parseDateTimeBR('31/02/2026 10:00')).toBeNull();
    expect(parseDateTimeBR('24/11/2026 25:00')).toBeNull();
  });
});
