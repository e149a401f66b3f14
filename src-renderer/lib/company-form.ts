import type { InputOf, OutputOf } from '../../src-shared/contract';
import { formatCep, formatDocument, formatPhone } from '../../src-shared/domain/documents';

/** The company profile form (Configurações → Dados da empresa): typed text in, the procedure's input out. */
type Profile = OutputOf<'settings.company.get'>;

export interface CompanyFormValues {
  name: string;
  legalName: string;
  document: string;
  stateRegistration: string;
  cep: string;
  street: string;
  number: string;
  complement: string;
  district: string;
  city: string;
  state: string;
  phone: string;
  whatsapp: string;
  email: string;
  website: string;
  pixKey: string;
  pixCity: string;
  promissoryPlace: string;
  quoteValidityDays: string;
  paymentTerms: string;
  deliveryTerms: string;
}

export function profileToForm(p: Profile): CompanyFormValues {
  return {
    name: p.name,
    legalName: p.legalName ?? '',
    document: p.document ? formatDocument(p.document) : '',
    stateRegistration: p.stateRegistration ?? '',
    cep: p.cep ? formatCep(p.cep) : '',
    street: p.street ?? '',
    number: p.number ?? '',
    complement: p.complement ?? '',
    district: p.district ?? '',
    city: p.city ?? '',
    state: p.state ?? '',
    phone: p.phone ? formatPhone(p.phone) : '',
    whatsapp: p.whatsapp ? formatPhone(p.whatsapp) : '',
    email: p.email ?? '',
    website: p.website ?? '',
    pixKey: p.pixKey ?? '',
    pixCity: p.pixCity ?? '',
    promissoryPlace: p.promissoryPlace ?? '',
    quoteValidityDays: String(p.quoteValidityDays),
    paymentTerms: p.paymentTerms ?? '',
    deliveryTerms: p.deliveryTerms ?? '',
  };
}

/** Every field as the procedure takes it: blank clears (the contract's `Clearable`). */
export function formToCompanyInput(v: CompanyFormValues): InputOf<'settings.company.update'> {
  const days = Number(v.quoteValidityDays.trim());
  return {
    ...Object.fromEntries(Object.entries(v).map(([k, value]) => [k, value.trim() === '' ? null : value.trim()])),
    name: v.name.trim(),
    quoteValidityDays: v.quoteValidityDays.trim() === '' ? undefined : Number.isFinite(days) ? days : -1,
  } as InputOf<'settings.company.update'>;
}
