import { completeCnpj, completeCpf } from '../src-shared/domain/documents';
import { foldText } from '../src-shared/domain/text';

/** Deterministic PRNG so a seed is reproducible. */
export function rng(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIRST_NAMES = [
  'Ana',
  'João',
  'Maria',
  'José',
  'Antônio',
  'Francisca',
  'Carlos',
  'Paulo',
  'Pedro',
  'Lucas',
  'Luíza',
  'Mariana',
  'Gabriel',
  'Rafael',
  'Juliana',
  'Fernanda',
  'Patrícia',
  'Aline',
  'Sandra',
  'Márcio',
  'Cláudia',
  'Bruno',
  'Camila',
  'Letícia',
  'Vinícius',
  'Thiago',
  'Débora',
  'Rodrigo',
  'Simone',
  'Raimundo',
  'Sebastião',
  'Conceição',
  'Vitória',
  'Heloísa',
  'Júlio',
  'César',
  'Fábio',
  'Mônica',
  'Renata',
  'Luís',
  'Otávio',
  'Iracema',
  'Caetano',
  'Joaquim',
];
export const SURNAMES = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Costa',
  'Ribeiro',
  'Martins',
  'Carvalho',
  'Almeida',
  'Lopes',
  'Soares',
  'Fernandes',
  'Vieira',
  'Barbosa',
  'Rocha',
  'Dias',
  'Nascimento',
  'Andrade',
  'Moreira',
  'Nunes',
  'Marques',
  'Machado',
  'Mendes',
  'Freitas',
  'Cardoso',
  'Ramos',
  'Gonçalves',
  'Araújo',
  'Conceição',
  'Brandão',
  'Magalhães',
  'Simões',
  'Assunção',
  'Damasceno',
];
const BUSINESS = [
  'Gráfica',
  'Comunicação Visual',
  'Eventos',
  'Uniformes',
  'Papelaria',
  'Academia',
  'Escola',
  'Igreja',
  'Restaurante',
  'Açaí',
  'Padaria',
  'Farmácia',
];
export const CITIES: Array<[string, string, string]> = [
  ['São Paulo', 'SP', '11'],
  ['Campinas', 'SP', '19'],
  ['Jundiaí', 'SP', '11'],
  ['Ribeirão Preto', 'SP', '16'],
  ['Rio de Janeiro', 'RJ', '21'],
  ['Niterói', 'RJ', '21'],
  ['Belo Horizonte', 'MG', '31'],
  ['Uberlândia', 'MG', '34'],
  ['Curitiba', 'PR', '41'],
  ['Londrina', 'PR', '43'],
  ['Porto Alegre', 'RS', '51'],
  ['Florianópolis', 'SC', '48'],
  ['Joinville', 'SC', '47'],
  ['Salvador', 'BA', '71'],
  ['Feira de Santana', 'BA', '75'],
  ['Recife', 'PE', '81'],
  ['Fortaleza', 'CE', '85'],
  ['Goiânia', 'GO', '62'],
  ['Brasília', 'DF', '61'],
  ['Belém', 'PA', '91'],
  ['Manaus', 'AM', '92'],
  ['São Luís', 'MA', '98'],
  ['Maceió', 'AL', '82'],
  ['Natal', 'RN', '84'],
  ['João Pessoa', 'PB', '83'],
  ['Teresina', 'PI', '86'],
  ['Cuiabá', 'MT', '65'],
  ['Campo Grande', 'MS', '67'],
  ['Vitória', 'ES', '27'],
  ['Aracaju', 'SE', '79'],
  ['Palmas', 'TO', '63'],
  ['Porto Velho', 'RO', '69'],
];
const STREETS = [
  'Rua das Flores',
  'Av. Brasil',
  'Rua XV de Novembro',
  'Av. Getúlio Vargas',
  'Rua São João',
  'Rua Sete de Setembro',
  'Av. Paulista',
  'Rua da Conceição',
];
const DISTRICTS = ['Centro', 'Jardim América', 'Vila Nova', 'Boa Vista', 'Santa Cecília', 'São José', 'Liberdade'];
const TAGS = ['vip', 'atacado', 'revenda', 'escola', 'igreja', 'evento', 'inadimplente', 'indicação'];

export interface SeedCustomer {
  name: string;
  kind: 'PF' | 'PJ';
  document: string;
  phone: string;
  whatsapp: string | null;
  email: string | null;
  birth_date: string | null;
  cep: string;
  street: string;
  number: string;
  district: string;
  city: string;
  state: string;
  tags: string[];
  joined_at: string;
  sort_name: string;
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

/** A realistic pt-BR customer; `i` keeps documents unique. */
export function makeCustomer(r: () => number, i: number): SeedCustomer {
  const pj = r() < 0.15;
  const [city, state, ddd] = pick(r, CITIES);
  const person = `${pick(r, FIRST_NAMES)} ${pick(r, SURNAMES)}${r() < 0.5 ? ` ${pick(r, SURNAMES)}` : ''}`;
  const name = pj ? `${pick(r, BUSINESS)} ${pick(r, SURNAMES)} ${r() < 0.5 ? 'Ltda' : 'ME'}` : person;
  const document = pj
    ? completeCnpj(`${String(10_000_000 + i).padStart(8, '0')}0001`)
    : completeCpf(String(100_000_000 + i * 7).slice(-9));
  const phone = `${ddd}9${digits(r, 8)}`;
  const year = 2016 + Math.floor(r() * 10);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const tags = r() < 0.3 ? [pick(r, TAGS)] : [];
  return {
    name,
    kind: pj ? 'PJ' : 'PF',
    document,
    phone,
    whatsapp: r() < 0.8 ? phone : null,
    email:
      r() < 0.6
        ? `${foldText(name)
            .replace(/[^a-z]+/g, '.')
            .replace(/^\.|\.$/g, '')}${i % 100}@exemplo.com.br`
        : null,
    birth_date: pj
      ? null
      : `${1950 + Math.floor(r() * 55)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    cep: digits(r, 8),
    street: pick(r, STREETS),
    number: String(1 + Math.floor(r() * 3000)),
    district: pick(r, DISTRICTS),
    city,
    state,
    tags,
    joined_at: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    sort_name: foldText(name),
  };
}

export const PRODUCTS: Array<[string, string, 'un' | 'm2' | 'm', number]> = [
  ['Lona 440g', 'lona', 'm2', 4500],
  ['Lona blackout', 'lona', 'm2', 6500],
  ['Banner com bastão', 'banner', 'm2', 5500],
  ['Adesivo vinil', 'adesivo', 'm2', 6000],
  ['Adesivo perfurado', 'adesivo', 'm2', 7500],
  ['Painel em tecido', 'painel', 'm2', 9000],
  ['Totem em MDF', 'totem', 'un', 35000],
  ['Bandeira sublimada', 'bandeira', 'm2', 8000],
  ['Faixa de tecido', 'faixa', 'm', 2500],
  ['Placa em PVC', 'placa', 'm2', 12000],
  ['Camiseta sublimada', 'camiseta', 'un', 3990],
  ['Camiseta dry fit', 'camiseta', 'un', 4990],
  ['Uniforme esportivo', 'camiseta', 'un', 8990],
  ['Caneca personalizada', 'adesivo', 'un', 2500],
  ['Criação de arte', 'painel', 'un', 8000],
];
export const ITEM_WORDS = [
  'fachada',
  'evento',
  'formatura',
  'aniversário',
  'inauguração',
  'promoção',
  'igreja',
  'escola',
  'time',
  'academia',
  'loja',
  'feira',
  'congresso',
  'casamento',
  'campanha',
  'black friday',
  'natal',
  'são joão',
  'carnaval',
  'corrida',
];
