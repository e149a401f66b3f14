import { describe, expect, it } from 'vitest';
import { formToCompanyInput, profileToForm } from '../../src-renderer/lib/company-form';
import { orderDocumentMessage, shareableLink, whatsappDocumentUrl } from '../../src-renderer/lib/order-documents';
import { contract } from '../../src-shared/contract';

const profile = {
  name: 'Gráfica Exemplo',
  legalName: null,
  document: '11222333000181',
  stateRegistration: null,
  cep: '13015100',
  street: 'Avenida Brasil',
  number: '1500',
  complement: null,
  district: null,
  city: 'Campinas',
  state: 'SP',
  phone: '1932324545',
  whatsapp: '19998761234',
  email: null,
  website: null,
  pixKey: null,
  pixCity: null,
  promissoryPlace: null,
  quoteValidityDays: 15,
  paymentTerms: null,
  deliveryTerms: null,
  logo: null,
};

describe('company form', () => {
  it('shows the stored digits masked and sends back what the contract takes', () => {
    const values = profileToForm(profile);
    expect(values).toMatchObject({ document: '11.222.333/0001-81', cep: '13015-100', phone: '(19) 3232-4545' });
    const input = contract['settings.company.update'].input.parse(formToCompanyInput(values));
    expect(input).toMatchObject({
      document: '11222333000181',
      cep: '13015100',
      legalName: null,
      quoteValidityDays: 15,
    });
  });

  it('a wrong CNPJ or a non-number validity is refused by the contract, as the server would', () => {
    const values = { ...profileToForm(profile), document: '11.222.333/0001-00', quoteValidityDays: 'dez' };
    const result = contract['settings.company.update'].input.safeParse(formToCompanyInput(values));
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['document', 'quoteValidityDays']);
  });
});

describe('sending an order document by WhatsApp', () => {
  it('says what it is, from whom, with a link the customer can open', () => {
    const link = shareableLink('/api/orders/7/orcamento.pdf?u=1&exp=2&sig=abc', 'http://192.168.0.10:3000');
    expect(link).toBe('http://192.168.0.10:3000/api/orders/7/orcamento.pdf?u=1&exp=2&sig=abc');
    const text = orderDocumentMessage({
      kind: 'quote',
      number: '2026-000007',
      customerName: 'João da Silva',
      companyName: 'Gráfica Exemplo',
      link,
    });
    expect(text).toBe(
      'Olá, João! Segue o orçamento nº 2026-000007 da Gráfica Exemplo: http://192.168.0.10:3000/api/orders/7/orcamento.pdf?u=1&exp=2&sig=abc',
    );
    const url = new URL(whatsappDocumentUrl('(11) 98765-4321', text));
    expect(url.origin + url.pathname).toBe('https://wa.me/5511987654321');
    expect(url.searchParams.get('text')).toBe(text);
  });

  it('in the desktop window (app://) there is no link to share: the text says the PDF goes attached', () => {
    expect(shareableLink('/api/orders/7/os.pdf?u=1', 'app://balcao')).toBeNull();
    const text = orderDocumentMessage({ kind: 'os', number: '9', customerName: '', companyName: null, link: null });
    expect(text).toBe('Olá! Segue o pedido nº 9 (PDF em anexo).');
    expect(whatsappDocumentUrl(null, text)).toMatch(/^https:\/\/wa\.me\/\?text=/);
  });
});
