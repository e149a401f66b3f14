import { onlyDigits, UFS } from '../../src-shared/domain/documents';

/**
 * The address of a CEP from ViaCEP, asked from the browser when the PC is online. Anything short of
 * a clean answer in time — offline, slow, blocked, unknown CEP — is null, and the user simply types
 * the address. The fetcher is a parameter so tests never reach the network.
 */
export interface CepAddress {
  street: string;
  district: string;
  city: string;
  state: string;
}

export type Fetcher = (url: string, init: { signal: AbortSignal }) => Promise<Pick<Response, 'ok' | 'json'>>;

export const VIACEP_ORIGIN = 'https://viacep.com.br';
export const CEP_TIMEOUT_MS = 2500;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export async function lookupCep(
  cep: string,
  options: { fetcher?: Fetcher; timeoutMs?: number; online?: boolean } = {},
): Promise<CepAddress | null> {
  const digits = onlyDigits(cep);
  if (digits.length !== 8) return null;
  const online = options.online ?? (typeof navigator === 'undefined' || navigator.onLine !== false);
  if (!online) return null;
  const fetcher = options.fetcher ?? ((url, init) => fetch(url, init));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? CEP_TIMEOUT_MS);
  try {
    const response = await fetcher(`${VIACEP_ORIGIN}/ws/${digits}/json/`, { signal: controller.signal });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null || 'erro' in body) return null;
    const b = body as Record<string, unknown>;
    const state = str(b.uf).toUpperCase();
    return {
      street: str(b.logradouro),
      district: str(b.bairro),
      city: str(b.localidade),
      state: (UFS as readonly string[]).includes(state) ? state : '',
    };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Fills only the blanks: what the user already typed is never overwritten. */
export function fillAddress<A extends CepAddress>(current: A, found: CepAddress): A {
  const next = { ...current };
  for (const key of ['street', 'district', 'city', 'state'] as const) {
    if (!current[key].trim() && found[key]) next[key] = found[key];
  }
  return next;
}
