import { describe, expect, it } from 'vitest';
import {
  addMonths,
  allocatePayment,
  dueDates,
  lateCharges,
  planInstallments,
  presentValue,
  splitCents,
} from '../../src-shared/domain/credit';
import { centsInWords, integerInWords } from '../../src-shared/domain/extenso';
import { crc16, parseEmv, pixPayload } from '../../src-shared/domain/pix';

const SETTINGS = { finePercent: 2, monthlyInterestPercent: 1, graceDays: 0 };

describe('cent split', () => {
  it.each([
    [10_000, 3, [3334, 3333, 3333]],
    [10_000, 4, [2500, 2500, 2500, 2500]],
    [1, 3, [1, 0, 0]],
    [99_999, 7, [14_286, 14_286, 14_286, 14_286, 14_285, 14_285, 14_285]],
  ])('%i in %i', (total, count, parts) => {
    expect(splitCents(total, count)).toEqual(parts);
    expect(splitCents(total, count).reduce((a, b) => a + b, 0)).toBe(total);
  });
  it('Price installments add up to the amortised total', () => {
    const parts = planInstallments(100_000, 12, 2.5);
    expect(parts.slice(0, 11).every((p) => p === parts[0])).toBe(true);
    expect(parts[0]).toBe(9749); // PMT of R$ 1.000 at 2,5% a.m. in 12
    expect(Math.abs((parts[11] as number) - (parts[0] as number))).toBeLessThanOrEqual(5);
    expect(planInstallments(10_000, 3, 0)).toEqual([3334, 3333, 3333]);
  });
});

describe('due dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-11-30', 3, '2027-02-28'],
  ])('%s + %i month → %s', (from, months, to) => expect(addMonths(from, months)).toBe(to));
  it('keeps the original day after a short month', () => {
    expect(dueDates('2026-01-31', 4)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(dueDates('2026-11-24', 3, 15)).toEqual(['2026-11-24', '2026-12-09', '2026-12-24']);
  });
});

describe('late charges', () => {
  const inst = { dueDate: '2026-10-10', openCents: 10_000, fineCharged: false };
  it('on time: nothing', () =>
    expect(lateCharges(inst, '2026-10-10', SETTINGS)).toMatchObject({
      fineCents: 0,
      interestCents: 0,
      totalCents: 10_000,
    }));
  it('1 day late: 2% fine + 1/30 of 1%', () =>
    // fine 200; interest 10000 × 1% × 1/30 = 3.33 → 3
    expect(lateCharges(inst, '2026-10-11', SETTINGS)).toMatchObject({
      fineCents: 200,
      interestCents: 3,
      totalCents: 10_203,
      daysLate: 1,
    }));
  it('45 days late', () =>
    // interest 10000 × 1% × 45/30 = 150
    expect(lateCharges(inst, '2026-11-24', SETTINGS)).toMatchObject({
      fineCents: 200,
      interestCents: 150,
      totalCents: 10_350,
      daysLate: 45,
    }));
  it('within grace days: nothing; after them, counted from the due date', () => {
    expect(lateCharges(inst, '2026-10-13', { ...SETTINGS, graceDays: 3 })).toMatchObject({ totalCents: 10_000 });
    expect(lateCharges(inst, '2026-10-14', { ...SETTINGS, graceDays: 3 })).toMatchObject({
      fineCents: 200,
      interestCents: 13,
    });
  });
  it('waived: principal only', () =>
    expect(lateCharges(inst, '2026-11-24', SETTINGS, true)).toMatchObject({ totalCents: 10_000 }));
  it('the fine is charged once; interest runs on the principal still open from the last payment', () => {
    const after = { dueDate: '2026-10-10', openCents: 4000, fineCharged: true, interestFrom: '2026-10-25' };
    // 4000 × 1% × 30/30 = 40
    expect(lateCharges(after, '2026-11-24', SETTINGS)).toMatchObject({
      fineCents: 0,
      interestCents: 40,
      totalCents: 4040,
    });
  });
  it('never charges a fine above 2%', () =>
    expect(lateCharges(inst, '2026-10-11', { ...SETTINGS, finePercent: 10 }).fineCents).toBe(200));
  it('a payment settles charges first, then principal', () => {
    expect(allocatePayment(5000, { fineCents: 200, interestCents: 150, principalCents: 10_000 })).toEqual({
      fineCents: 200,
      interestCents: 150,
      principalCents: 4650,
      leftoverCents: 0,
    });
    expect(allocatePayment(12_000, { fineCents: 200, interestCents: 150, principalCents: 10_000 }).leftoverCents).toBe(
      1650,
    );
  });
  it('early payoff brings future installments to present value', () => {
    expect(presentValue(10_000, '2026-12-24', '2026-11-24', 2)).toBe(9804);
    expect(presentValue(10_000, '2026-11-20', '2026-11-24', 2)).toBe(10_000);
    expect(presentValue(10_000, '2027-01-24', '2026-11-24', 0)).toBe(10_000);
  });
});

describe('amounts in words', () => {
  it.each([
    [12_050, 'cento e vinte reais e cinquenta centavos'],
    [100, 'um real'],
    [1, 'um centavo'],
    [10_000, 'cem reais'],
    [123_456, 'mil, duzentos e trinta e quatro reais e cinquenta e seis centavos'],
    [100_000_000, 'um milhão de reais'],
    [200_100, 'dois mil e um reais'],
    [0, 'zero real'],
  ])('%i → %s', (cents, words) => expect(centsInWords(cents)).toBe(words));
  it('integers', () => {
    expect(integerInWords(1_234_567)).toBe('um milhão, duzentos e trinta e quatro mil, quinhentos e sessenta e sete');
    expect(integerInWords(2_000_000)).toBe('dois milhões');
    expect(integerInWords(1100)).toBe('mil e cem');
  });
});

describe('Pix BR Code', () => {
  it('builds a payload whose CRC checks and whose fields decode', () => {
    const payload = pixPayload({
      key: 'contato@grafica.com.br',
      merchantName: 'Gráfica São João',
      merchantCity: 'São Paulo',
      amountCents: 12_050,
      txid: 'PED2026000123',
    });
    const body = payload.slice(0, -4);
    expect(payload.slice(-4)).toBe(crc16(body));
    const fields = parseEmv(payload);
    expect(fields.get('54')).toBe('120.50');
    expect(fields.get('59')).toBe('Grafica Sao Joao');
    expect(fields.get('60')).toBe('Sao Paulo');
    expect(parseEmv(fields.get('26') as string).get('01')).toBe('contato@grafica.com.br');
    expect(parseEmv(fields.get('62') as string).get('05')).toBe('PED2026000123');
  });
  it('CRC16-CCITT of the standard check string', () => expect(crc16('123456789')).toBe('29B1'));
});
