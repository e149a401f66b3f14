import { describe, expect, it } from 'vitest';
import { uiEn, uiPtBR } from '../../src-renderer/i18n/messages';
import { AppError, ERROR_STATUS, type ErrorCode } from '../../src-shared/errors';
import {
  catalogue,
  format,
  LOCALES,
  localeFromAcceptLanguage,
  type MessageKey,
  msg,
  placeholders,
  readStored,
  render,
  storedMsg,
  t,
  withLocale,
} from '../../src-shared/i18n';

const DAYS_PT = '{n, plural, one {# dia} other {# dias}}';
const DAYS_EN = '{n, plural, one {# day} other {# days}}';

describe('message format', () => {
  it('fills {name} placeholders and leaves unknown ones visible', () => {
    expect(format('Pedido {number} de {customer}', { number: '2026-0001', customer: 'Ana' }, 'pt-BR')).toBe(
      'Pedido 2026-0001 de Ana',
    );
    expect(format('Olá {who}', {}, 'pt-BR')).toBe('Olá {who}');
  });

  it('chooses the plural by Intl.PluralRules: 1 dia / 3 dias, 1 day / 3 days', () => {
    expect(format(DAYS_PT, { n: 1 }, 'pt-BR')).toBe('1 dia');
    expect(format(DAYS_PT, { n: 3 }, 'pt-BR')).toBe('3 dias');
    expect(format(DAYS_PT, { n: 0 }, 'pt-BR')).toBe('0 dia'); // CLDR: 0 is "one" in Portuguese
    expect(format(DAYS_EN, { n: 1 }, 'en')).toBe('1 day');
    expect(format(DAYS_EN, { n: 3 }, 'en')).toBe('3 days');
    expect(format(DAYS_EN, { n: 0 }, 'en')).toBe('0 days');
  });

  it('takes an exact =N option first, then the category, then other; # is the number for the language', () => {
    const due = '{n, plural, =0 {hoje} =1 {amanhã} other {em # dias}}';
    expect(format(due, { n: 0 }, 'pt-BR')).toBe('hoje');
    expect(format(due, { n: 1 }, 'pt-BR')).toBe('amanhã');
    expect(format(due, { n: 1500 }, 'pt-BR')).toBe('em 1.500 dias');
    expect(format('{n, plural, other {# items}}', { n: 1500 }, 'en')).toBe('1,500 items');
    // A category the template does not list (pt "many" for a million) falls back to other.
    expect(format(DAYS_PT, { n: 1_000_000 }, 'pt-BR')).toBe('1.000.000 dias');
  });

  it('fills placeholders inside a plural option and text around it', () => {
    expect(
      format('{who} atrasado há {n, plural, one {# dia} other {# dias ({who})}}.', { who: 'X', n: 2 }, 'pt-BR'),
    ).toBe('X atrasado há 2 dias (X).');
  });

  it('renders message parameters and lists of messages in the same language', () => {
    const parts = [msg('customers.countOrders', { count: 1 }), msg('customers.countPayments', { count: 2 })];
    expect(render(msg('customers.cannotDelete', { what: parts }), 'pt-BR')).toContain('tem 1 pedido e 2 pagamentos.');
    expect(render(msg('customers.cannotDelete', { what: parts }), 'en')).toContain('they have 1 order and 2 payments.');
    expect(t('orders.locked', { number: '7', status: msg('status.order.em_producao') }, 'en')).toBe(
      'Order 7 is in production; it can no longer be changed.',
    );
  });

  it('the production alerts: atrasado há 1 dia / 3 dias, late by 1 day / 3 days', () => {
    const p = { number: '2026-0007', customer: 'Ana' };
    expect(t('alerts.atrasado', { ...p, count: 1 }, 'pt-BR')).toBe('2026-0007 (Ana) atrasado há 1 dia.');
    expect(t('alerts.atrasado', { ...p, count: 3 }, 'pt-BR')).toBe('2026-0007 (Ana) atrasado há 3 dias.');
    expect(t('alerts.atrasado', { ...p, count: 1 }, 'en')).toBe('2026-0007 (Ana) late by 1 day.');
    expect(t('alerts.atrasado', { ...p, count: 3 }, 'en')).toBe('2026-0007 (Ana) late by 3 days.');
    expect(t('alerts.urgente', { ...p, count: 0 }, 'en')).toBe('2026-0007 (Ana) is due today and has not started.');
    expect(t('alerts.urgente', { ...p, count: 1 }, 'pt-BR')).toBe('2026-0007 (Ana) vence amanhã e ainda não começou.');
  });

  it('lists the placeholders of a template, plural variables included', () => {
    expect(placeholders('{a} e {n, plural, one {# {b}} other {# x}}')).toEqual(['a', 'b', 'n']);
  });
});

describe('the catalogues', () => {
  const pt = catalogue('pt-BR');
  const en = catalogue('en');
  const keys = Object.keys(pt) as MessageKey[];

  it('every error code has its message in both languages', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      for (const locale of LOCALES) expect(catalogue(locale)[`error.${code}`], `${locale} error.${code}`).toBeTruthy();
    }
  });

  it('every server message exists in both languages, non-empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(pt[key].trim(), `pt-BR ${key}`).not.toBe('');
      expect(en[key].trim(), `en ${key}`).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(pt[key]));
    }
  });

  it('every plural has an other option, in both languages', () => {
    for (const locale of LOCALES) {
      for (const [key, template] of Object.entries(catalogue(locale))) {
        if (/,\s*plural\s*,/.test(template)) expect(template, `${locale} ${key}`).toMatch(/other\s*\{/);
      }
    }
  });

  it('every screen text exists in both languages with the same placeholders', () => {
    for (const key of Object.keys(uiPtBR) as Array<keyof typeof uiPtBR>) {
      expect(uiEn[key], key).toBeTruthy();
      expect(placeholders(uiEn[key]), key).toEqual(placeholders(uiPtBR[key]));
    }
  });
});

describe('the language of a request', () => {
  it('Accept-Language picks the best language we speak', () => {
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,pt-BR;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('pt-BR,pt;q=0.9,en;q=0.8')).toBe('pt-BR');
    expect(localeFromAcceptLanguage('fr-FR, en;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('de, en;q=0')).toBeNull();
    expect(localeFromAcceptLanguage('pt-PT')).toBe('pt-BR');
    expect(localeFromAcceptLanguage('*')).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
    expect(localeFromAcceptLanguage('')).toBeNull();
  });

  it('withLocale sets the language of schema messages for the work, then restores it', () => {
    expect(withLocale('en', () => t('field.required'))).toBe('Required field.');
    expect(t('field.required')).toBe('Campo obrigatório.');
  });
});

describe('AppError', () => {
  it('keeps key and parameters, renders pt-BR by default and any language on demand', () => {
    const error = new AppError('NOT_FOUND', msg('orders.notFound', { id: 42 }), {
      fields: { id: msg('orders.notFound', { id: 42 }) },
    });
    expect(error.message).toBe('Pedido nº 42 não encontrado.');
    const en = error.in('en');
    expect(en.message).toBe('Order no. 42 not found.');
    expect(en.fields).toEqual({ id: 'Order no. 42 not found.' });
    expect(en.toBody()).toEqual({
      code: 'NOT_FOUND',
      key: 'orders.notFound',
      message: 'Order no. 42 not found.',
      fields: { id: 'Order no. 42 not found.' },
    });
    expect(en.status).toBe(404);
    expect(error.in('pt-BR')).toBe(error);
  });

  it('keeps retryAfterS and the absence of fields across languages', () => {
    const error = new AppError('RATE_LIMITED', msg('auth.loginRateLimited', { minutes: 15 }), { retryAfterS: 900 });
    const en = error.in('en');
    expect(en.retryAfterS).toBe(900);
    expect(en.fields).toBeUndefined();
    expect(en.message).toBe('Too many sign-in attempts. Try again in 15 min.');
  });

  it('fromBody keeps the server text and the key', () => {
    const error = AppError.fromBody({
      code: 'BUSINESS_RULE',
      key: 'plans.blocked',
      message: 'Credit plan blocked: x.',
    });
    expect(error.message).toBe('Credit plan blocked: x.');
    expect(error.text.key).toBe('plans.blocked');
    expect(AppError.fromBody({ code: 'INTERNAL', message: 'Erro' }).text.key).toBe('error.INTERNAL');
  });
});

describe('kept messages (notifications)', () => {
  it('are rendered when read, in the reader’s language; older plain texts stay as they are', () => {
    const stored = storedMsg(msg('notify.ready.title', { number: '2026-0003' }));
    expect(readStored(stored, 'pt-BR')).toBe('Pedido 2026-0003 pronto');
    expect(readStored(stored, 'en')).toBe('Order 2026-0003 ready');
    expect(readStored('Pedido 2026-0001 pronto', 'en')).toBe('Pedido 2026-0001 pronto');
    expect(readStored('{"key":"nope"}', 'en')).toBe('{"key":"nope"}');
  });
});
