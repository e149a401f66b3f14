import { describe, expect, it } from 'vitest';
import { formatDateBR, isValidBusinessDate, maskDateBR, parseDateBR } from '../../src-shared/domain/dates';
import {
  formatCep,
  formatCnpj,
  formatCpf,
  formatDocument,
  formatPhone,
  isValidCep,
  isValidCnpj,
  isValidCpf,
  isValidPhone,
} from '../../src-shared/domain/documents';
import { formatCents, parseMoneyBR } from '../../src-shared/domain/money';
import { foldText } from '../../src-shared/domain/text';

describe('CPF', () => {
  it.each([
    ['529.982.247-25', true],
    ['52998224725', true],
    ['111.444.777-35', true],
    ['529.982.247-24', false],
    ['111.111.111-11', false],
    ['1234567890', false],
    ['', false],
  ])('%s → %s', (cpf, ok) => expect(isValidCpf(cpf)).toBe(ok));
  it('formats while typing', () => {
    expect(formatCpf('529')).toBe('529');
    expect(formatCpf('5299822')).toBe('529.982.2');
    expect(formatCpf('52998224725')).toBe('529.982.247-25');
  });
});

describe('CNPJ', () => {
  it.each([
    ['11.222.333/0001-81', true],
    ['11222333000181', true],
    ['11.222.333/0001-80', false],
    ['00.000.000/0000-00', false],
  ])('%s → %s', (cnpj, ok) => expect(isValidCnpj(cnpj)).toBe(ok));
  it('formats', () => {
    expect(formatCnpj('11222333000181')).toBe('11.222.333/0001-81');
    expect(formatDocument('112223330001')).toBe('11.222.333/0001');
    expect(formatDocument('5299822472')).toBe('529.982.247-2');
  });
});

describe('phone and CEP', () => {
  it.each([
    ['(11) 98765-4321', true],
    ['1132654321', true],
    ['(11) 88765-4321', false],
    ['(20) 98765-4321', false],
    ['98765-4321', false],
  ])('phone %s → %s', (phone, ok) => expect(isValidPhone(phone)).toBe(ok));
  it('formats phones', () => {
    expect(formatPhone('11987654321')).toBe('(11) 98765-4321');
    expect(formatPhone('1132654321')).toBe('(11) 3265-4321');
    expect(formatPhone('119')).toBe('(11) 9');
  });
  it('CEP', () => {
    expect(isValidCep('01310-100')).toBe(true);
    expect(isValidCep('0131010')).toBe(false);
    expect(formatCep('01310100')).toBe('01310-100');
  });
});

describe('dates, money and text', () => {
  it('validates business dates', () => {
    expect(isValidBusinessDate('2024-02-29')).toBe(true);
    expect(isValidBusinessDate('2023-02-29')).toBe(false);
    expect(isValidBusinessDate('2026-13-01')).toBe(false);
  });
  it('converts dd/mm/aaaa', () => {
    expect(formatDateBR('2026-11-24')).toBe('24/11/2026');
    expect(parseDateBR('24/11/2026')).toBe('2026-11-24');
    expect(parseDateBR('31/04/2026')).toBeNull();
    expect(maskDateBR('24112026')).toBe('24/11/2026');
  });
  it('money in cents', () => {
    expect(formatCents(123456).replace(/\s/g, ' ')).toBe('R$ 1.234,56');
    expect(parseMoneyBR('1.234,56')).toBe(123456);
    expect(parseMoneyBR('R$ 10')).toBe(1000);
    expect(parseMoneyBR('10,5')).toBe(1050);
    expect(parseMoneyBR('abc')).toBeNull();
  });
  it('folds accents', () => expect(foldText('  João Ávila ')).toBe('joao avila'));
});

describe('check digit completion', () => {
  it('completes CPF and CNPJ bases', async () => {
    const { completeCpf, completeCnpj } = await import('../../src-shared/domain/documents');
    expect(completeCpf('529982247')).toBe('52998224725');
    expect(completeCnpj('112223330001')).toBe('11222333000181');
  });
});
