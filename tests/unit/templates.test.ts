import { describe, expect, it } from 'vitest';
import { channelFor } from '../../src-main/modules/messages/automations';
import {
  DEFAULT_TEMPLATES,
  placeholdersOf,
  renderTemplate,
  TEMPLATE_KINDS,
  unknownPlaceholders,
} from '../../src-shared/domain/templates';

describe('message templates', () => {
  it('lists placeholders once, refuses the ones a kind does not know, fills the known ones', () => {
    expect(placeholdersOf('{cliente}, {valor} e {cliente} de novo; {} {com espaço}')).toEqual(['cliente', 'valor', '']);
    expect(unknownPlaceholders('aniversario', 'Parabéns {cliente}! {pix}')).toEqual(['pix']);
    expect(unknownPlaceholders('lembrete', 'Oi {cliente}, {valor} até {vencimento}. {pix}')).toEqual([]);
    expect(renderTemplate('Oi {cliente}, {outro} fica.', { cliente: 'Ana' })).toBe('Oi Ana, {outro} fica.');
  });

  it('every default template uses only its own placeholders', () => {
    for (const kind of TEMPLATE_KINDS) {
      const t = DEFAULT_TEMPLATES[kind];
      expect(unknownPlaceholders(kind, `${t.subject} ${t.body}`)).toEqual([]);
    }
  });
});

describe('which channel a customer is reached by', () => {
  const base = {
    id: 1,
    name: 'Ana',
    phone: null,
    whatsapp: '11987654321',
    email: 'ana@cliente.test',
    preferred_channel: null,
    consent_tx_email: 1,
    consent_tx_whatsapp: 1,
    consent_mkt_email: 0,
    consent_mkt_whatsapp: 0,
    active: 1,
  };
  it('prefers the chosen channel, else WhatsApp with a number; only with consent and a contact', () => {
    expect(channelFor(base, 'transactional')).toEqual({ channel: 'whatsapp', recipient: '11987654321' });
    expect(channelFor({ ...base, preferred_channel: 'email' }, 'transactional')).toEqual({
      channel: 'email',
      recipient: 'ana@cliente.test',
    });
    expect(channelFor({ ...base, consent_tx_whatsapp: 0 }, 'transactional')?.channel).toBe('email');
    expect(channelFor({ ...base, whatsapp: null, phone: '1133334444' }, 'transactional')?.recipient).toBe('1133334444');
    expect(channelFor(base, 'marketing')).toBeNull();
    expect(channelFor({ ...base, consent_mkt_email: 1 }, 'marketing')?.channel).toBe('email');
    expect(channelFor({ ...base, active: 0 }, 'transactional')).toBeNull();
    expect(channelFor({ ...base, email: null, consent_tx_whatsapp: 0 }, 'transactional')).toBeNull();
  });
});
