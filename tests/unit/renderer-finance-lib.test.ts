import { describe, expect, it } from 'vitest';
import { domainsForEvent } from '../../src-renderer/api/query-keys';
import {
  type Customer,
  customerToForm,
  emptyCustomerForm,
  formToCreateInput,
  formToUpdateInput,
  validateCustomerForm,
} from '../../src-renderer/lib/customer-form';
import {
  centsToInput,
  changeFor,
  documentTarget,
  emptyPlanTerms,
  formatMoney,
  formatPercent,
  installmentBadgeClass,
  isCreditBlocked,
  isOpen,
  moneyError,
  normalizeMoneyInput,
  type PaymentMethod,
  type PlanTermsForm,
  parseMoneyInput,
  parsePercent,
  planTermsInput,
  receivableMethods,
  simulateInput,
  validatePlanTerms,
} from '../../src-renderer/lib/finance';
import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';

const TODAY = '2026-11-24';

describe('money typed the Brazilian way', () => {
  it('parses 1.234,56, 10, 10,5 and R$ 7; refuses negatives, letters and blanks', () => {
    expect(parseMoneyInput('1.234,56')).toBe(123_456);
    expect(parseMoneyInput('10')).toBe(1000);
    expect(parseMoneyInput('10,5')).toBe(1050);
    expect(parseMoneyInput('R$ 7')).toBe(700);
    expect(parseMoneyInput(' 0,01 ')).toBe(1);
    expect(parseMoneyInput('-5')).toBeNull();
    expect(parseMoneyInput('12abc')).toBeNull();
    expect(parseMoneyInput('1,234.56')).toBeNull();
    expect(parseMoneyInput('')).toBeNull();
    expect(parseMoneyInput('100.000.001,00')).toBeNull(); // over R$ 100 milhões
  });

  it('shows cents for editing and re-formats a valid box on blur', () => {
    expect(centsToInput(123_456)).toBe('1.234,56');
    expect(centsToInput(5)).toBe('0,05');
    expect(normalizeMoneyInput('1234,5')).toBe('1.234,50');
    expect(normalizeMoneyInput('abc')).toBe('abc');
    expect(formatMoney(123_456)).toBe('R$ 1.234,56');
  });

  it('explains what is wrong with a money box', () => {
    expect(moneyError('', { required: true })).toMatch(/obrigatório/);
    expect(moneyError('')).toBeNull();
    expect(moneyError('dez')).toMatch(/Valor inválido/);
    expect(moneyError('0', { min: 1 })).toMatch(/mínimo é R\$ 0,01/);
    expect(moneyError('200', { max: 15_000, maxMessage: 'passa do saldo' })).toBe('passa do saldo');
    expect(moneyError('150', { max: 15_000 })).toBeNull();
  });

  it('works out the change only once the cash handed over covers the payment', () => {
    expect(changeFor(7000, 10_000)).toBe(3000);
    expect(changeFor(7000, 7000)).toBe(0);
    expect(changeFor(7000, 5000)).toBeNull();
    expect(changeFor(null, 5000)).toBeNull();
    expect(changeFor(7000, null)).toBeNull();
  });

  it('reads percentages with a comma or a dot', () => {
    expect(parsePercent('2,5')).toBe(2.5);
    expect(parsePercent('1.99 %')).toBe(1.99);
    expect(parsePercent('0')).toBe(0);
    expect(parsePercent('')).toBeNull();
    expect(parsePercent('dois')).toBeNaN();
    expect(formatPercent(2.5)).toBe('2,5');
    expect(formatPercent(2)).toBe('2');
  });
});

describe('crediário terms', () => {
  const form = (patch: Partial<PlanTermsForm> = {}): PlanTermsForm => ({ ...emptyPlanTerms(TODAY), ...patch });
  const options = { today: TODAY, baseCents: 13_000, withDownPayment: true };

  it('starts with 3 monthly installments 30 days ahead, sem juros', () => {
    expect(emptyPlanTerms(TODAY)).toMatchObject({
      count: '3',
      firstDueDate: '24/12/2026',
      schedule: 'monthly',
      rate: '0',
    });
  });

  it('turns valid terms into the procedure input; the simulation finances what the down payment leaves', () => {
    const { errors, terms } = validatePlanTerms(
      form({ downPayment: '30,00', downPaymentMethodId: '4', count: '3', firstDueDate: '31/01/2027', rate: '1,5' }),
      options,
    );
    expect(errors).toEqual({});
    expect(terms).toEqual({
      downPaymentCents: 3000,
      downPaymentMethodId: 4,
      count: 3,
      firstDueDate: '2027-01-31',
      intervalDays: null,
      monthlyRatePercent: 1.5,
    });
    if (!terms) throw new Error('terms');
    expect(simulateInput(terms, 13_000)).toEqual({
      financedCents: 10_000,
      count: 3,
      firstDueDate: '2027-01-31',
      intervalDays: null,
      monthlyRatePercent: 1.5,
    });
    expect(planTermsInput(terms, true)).toEqual({
      downPaymentCents: 3000,
      downPaymentMethodId: 4,
      count: 3,
      firstDueDate: '2027-01-31',
      intervalDays: null,
      monthlyRatePercent: 1.5,
      override: true,
    });
  });

  it('every N days sends the interval; no down payment sends no method', () => {
    const { terms } = validatePlanTerms(
      form({ schedule: 'days', intervalDays: '15', downPaymentMethodId: '4' }),
      options,
    );
    expect(terms).toMatchObject({ intervalDays: 15, downPaymentCents: 0 });
    expect(terms && 'downPaymentMethodId' in terms).toBe(false);
  });

  it('flags each field with the contract limits, under the server field names', () => {
    const { errors, terms } = validatePlanTerms(
      form({
        downPayment: '130,00',
        count: '49',
        firstDueDate: '23/11/2026',
        schedule: 'days',
        intervalDays: '0',
        rate: '21',
      }),
      options,
    );
    expect(terms).toBeNull();
    expect(Object.keys(errors).sort()).toEqual([
      'count',
      'downPaymentCents',
      'firstDueDate',
      'intervalDays',
      'monthlyRatePercent',
    ]);
    expect(errors.firstDueDate).toMatch(/passado/);
    const noMethod = validatePlanTerms(form({ downPayment: '10' }), options);
    expect(noMethod.errors.downPaymentMethodId).toMatch(/entrada/);
    expect(noMethod.terms).toBeNull();
    expect(noMethod.preview).toMatchObject({ downPaymentCents: 1000, count: 3 }); // the simulation still shows
    expect(validatePlanTerms(form({ firstDueDate: '31/02/2027' }), options).errors.firstDueDate).toMatch(
      /Data inválida/,
    );
  });

  it('renegotiation has no down payment; nothing to finance means no simulation', () => {
    const { terms, errors } = validatePlanTerms(form({ downPayment: 'xx' }), { ...options, withDownPayment: false });
    expect(errors).toEqual({});
    expect(terms?.downPaymentCents).toBe(0);
    if (!terms) throw new Error('terms');
    expect(simulateInput({ ...terms, downPaymentCents: 13_000 }, 13_000)).toBeNull();
  });

  it('recognises the credit block that a gerente may override', () => {
    expect(isCreditBlocked(new AppError('BUSINESS_RULE', msg('plans.blocked', { problems: [] })))).toBe(true);
    expect(isCreditBlocked(new AppError('BUSINESS_RULE', msg('plans.nothingToFinance')))).toBe(false);
    expect(isCreditBlocked(new AppError('FORBIDDEN', msg('plans.overrideForbidden')))).toBe(false);
    expect(isCreditBlocked(null)).toBe(false);
  });
});

describe('display and links', () => {
  it('late installments stand out; only open ones take payments', () => {
    expect(installmentBadgeClass('atrasada')).toMatch(/badge-danger/);
    expect(installmentBadgeClass('paga')).toMatch(/badge-ok/);
    expect(isOpen({ status: 'atrasada', balanceCents: 10 })).toBe(true);
    expect(isOpen({ status: 'paga', balanceCents: 0 })).toBe(false);
    expect(isOpen({ status: 'renegociada', balanceCents: 10 })).toBe(false);
  });

  it('leaves crediário and inactive methods out of the counter', () => {
    const m = (id: number, kind: PaymentMethod['kind'], active = true) =>
      ({ id, name: kind, kind, active, createdAt: '', updatedAt: '', version: 1 }) as PaymentMethod;
    expect(
      receivableMethods([m(1, 'dinheiro'), m(2, 'crediario'), m(3, 'pix', false), m(4, 'pix')]).map((x) => x.id),
    ).toEqual([1, 4]);
  });

  it('builds document targets with their filters and never a token', () => {
    expect(documentTarget('/api/payments/7/receipt.pdf')).toBe('/api/payments/7/receipt.pdf');
    expect(
      documentTarget('/api/payments/export.csv', {
        from: '2026-11-01',
        to: undefined,
        paymentMethodId: 3,
        customerId: null,
        search: 'a b',
      }),
    ).toBe('/api/payments/export.csv?from=2026-11-01&paymentMethodId=3&search=a+b');
  });

  it('a payment or a crediário refreshes every screen that shows money', () => {
    for (const type of ['payment.created', 'payment.reversed', 'plan.created', 'plan.updated']) {
      expect(domainsForEvent(type)).toEqual(
        expect.arrayContaining(['payments', 'installments', 'plans', 'receivables', 'reports', 'orders', 'customers']),
      );
    }
  });
});

describe('credit limit on the customer form', () => {
  const customer: Customer = {
    id: 7,
    name: 'Maria da Silva',
    kind: 'PF',
    document: null,
    phone: null,
    whatsapp: null,
    email: null,
    birthDate: null,
    address: { cep: null, street: null, number: null, complement: null, district: null, city: null, state: null },
    preferences: null,
    privateNotes: null,
    tags: [],
    creditLimitCents: 150_000,
    legalName: null,
    tradeName: null,
    stateRegistration: null,
    contactName: null,
    active: true,
    joinedAt: '2024-03-01',
    createdAt: '2024-03-01T12:00:00.000Z',
    updatedAt: '2024-03-01T12:00:00.000Z',
    version: 3,
  };

  it('shows the limit as money and checks it', () => {
    expect(customerToForm(customer).creditLimit).toBe('1.500,00');
    expect(customerToForm({ ...customer, creditLimitCents: null }).creditLimit).toBe('');
    const form = { ...emptyCustomerForm(TODAY), name: 'Ana', creditLimit: 'muito' };
    expect(validateCustomerForm(form, { today: TODAY }).creditLimitCents).toMatch(/Valor inválido/);
  });

  it('only roles with credit.manage send it; blank clears it', () => {
    const form = { ...emptyCustomerForm(TODAY), name: 'Ana', creditLimit: '2.000' };
    expect(formToCreateInput(form, { canPrivateNotes: false })).not.toHaveProperty('creditLimitCents');
    expect(formToCreateInput(form, { canPrivateNotes: false, canCreditLimit: true })).toMatchObject({
      creditLimitCents: 200_000,
    });
    const before = customerToForm(customer);
    const cleared = { ...before, creditLimit: '' };
    expect(
      formToUpdateInput(before, cleared, { id: 7, version: 3, canPrivateNotes: true, canCreditLimit: true }),
    ).toEqual({ id: 7, version: 3, creditLimitCents: null });
    expect(formToUpdateInput(before, cleared, { id: 7, version: 3, canPrivateNotes: true })).toBeNull();
  });
});
