import { z } from 'zod';
import { HEALTH_CATEGORIES, HEALTH_PILLARS } from '../domain/health';
import { PERIOD_PRESETS } from '../domain/periods';
import { BusinessDate, Cents, CursorInput, CursorListOf, Id, Instant, Line, Note, PageInput, QueryInt } from './common';
import { procedure } from './procedure';
import { restricted, restrictedValues } from './visibility';

/**
 * Customer health (issue 10): a score from 0 to 1 per customer who has bought, from four pillars
 * (`src-shared/domain/health.ts`), kept current by the health module in the same transaction as the
 * writes that change it and recomputed for everyone nightly. A vendedor sees only their own
 * customers (without `health.shop`); who has no `money.read` (produção) gets no money fact.
 */
export const HealthCategory = z.enum(HEALTH_CATEGORIES);
export const HealthPillarName = z.enum(HEALTH_PILLARS);

export const HEALTH_SORTS = [
  '-score',
  'score',
  '-recencia',
  'recencia',
  '-frequencia',
  'frequencia',
  '-valor',
  'valor',
  '-pontualidade',
  'pontualidade',
] as const;

const Weight = z.number().finite().min(0).max(1000);
export const HealthWeights = z.object({
  recencia: Weight,
  frequencia: Weight,
  valor: Weight,
  pontualidade: Weight,
});

/** The pillars of a score and the facts behind each (money only for `money.read`). */
export const HealthPillars = z.object({
  recencia: z.object({
    value: z.number(),
    lastOrderDate: z.string().nullable(),
    daysSinceLastOrder: z.number().int().nullable(),
    usualIntervalDays: z.number(),
    defaultInterval: z.boolean(),
  }),
  frequencia: z.object({ value: z.number(), orders: z.number().int(), rankedCustomers: z.number().int() }),
  valor: z.object({
    value: z.number(),
    revenueCents: restricted(Cents, 'money.read'),
    rankedCustomers: z.number().int(),
  }),
  pontualidade: z.object({
    value: z.number().nullable(),
    onTime: z.number().int(),
    late: z.number().int(),
    overdueOpen: z.number().int(),
    averageDaysLate: z.number().nullable(),
  }),
});

export const HealthRow = z.object({
  customerId: z.number().int(),
  name: z.string(),
  city: z.string().nullable(),
  phone: z.string().nullable(),
  joinedAt: z.string(),
  score: z.number(),
  category: HealthCategory,
  recencia: z.number(),
  frequencia: z.number(),
  valor: z.number(),
  pontualidade: z.number().nullable(),
  lastOrderDate: z.string().nullable(),
  orders12m: z.number().int(),
  revenue12mCents: restricted(Cents, 'money.read'),
});

const HealthFilters = {
  joinedFrom: BusinessDate.optional(),
  joinedTo: BusinessDate.optional(),
  city: Line(80).optional(),
  tag: Line(40).optional(),
};

const PeriodInput = {
  preset: z.enum(PERIOD_PRESETS).default('mes'),
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
};

export const HealthSettings = z.object({
  weights: HealthWeights,
  defaultIntervalDays: z.number().int().min(1).max(365),
});

export const health = {
  'health.list': procedure({
    http: 'GET /api/customer-health',
    permission: 'health.read',
    summary:
      'Saúde dos clientes: score de 0 a 1 e os quatro pilares, com filtros (categoria, data de adesão, cidade, tag), ' +
      'ordenado pelo score ou por um pilar (`nextCursor` → `cursor` para a página seguinte).',
    input: z.strictObject({
      ...PageInput,
      ...HealthFilters,
      category: HealthCategory.optional(),
      sort: restrictedValues(
        z.enum(HEALTH_SORTS).default('-score'),
        ['valor', '-valor'],
        'money.read',
        'ordenar pelo valor',
      ),
      cursor: CursorInput,
    }),
    output: CursorListOf(HealthRow),
  }),
  'health.distribution': procedure({
    http: 'GET /api/customer-health/distribution',
    permission: 'health.read',
    summary: 'Quantos clientes em cada categoria (Crítico, Normal, Saudável, Campeão), com os mesmos filtros da lista.',
    input: z.strictObject(HealthFilters),
    output: z.object({
      total: z.number().int(),
      categories: z.array(z.object({ category: HealthCategory, count: z.number().int() })),
    }),
  }),
  'health.customer': procedure({
    http: 'GET /api/customer-health/customers/:id',
    permission: 'health.read',
    summary: 'O score de um cliente, cada pilar com os fatos por trás dele, os pesos e o histórico mensal.',
    input: z.strictObject({ id: Id }),
    output: z.object({
      customerId: z.number().int(),
      /** False while the customer has no order that counts (no score yet). */
      scored: z.boolean(),
      score: z.number().nullable(),
      category: HealthCategory.nullable(),
      pillars: HealthPillars.nullable(),
      /** The weights applied (sum 1; pontualidade 0 when neutral). */
      weights: HealthWeights.nullable(),
      computedOn: z.string().nullable(),
      history: z.array(
        z.object({
          month: z.string(),
          score: z.number(),
          category: HealthCategory,
          recencia: z.number(),
          frequencia: z.number(),
          valor: z.number(),
          pontualidade: z.number().nullable(),
        }),
      ),
    }),
  }),
  'health.atRisk': procedure({
    http: 'GET /api/customer-health/at-risk',
    permission: 'health.read',
    summary:
      'Em risco: clientes que caíram de categoria nos últimos 30 dias e bons clientes (Saudável, Campeão) ' +
      'que passaram do seu intervalo habitual de recompra, com o último contato.',
    input: z.strictObject({ limit: QueryInt(1, 500).default(100) }),
    output: z.object({
      items: z.array(
        z.object({
          customerId: z.number().int(),
          name: z.string(),
          phone: z.string().nullable(),
          city: z.string().nullable(),
          score: z.number(),
          category: HealthCategory,
          reason: z.enum(['caiu', 'atrasado']),
          fromCategory: HealthCategory.nullable(),
          lastOrderDate: z.string().nullable(),
          daysSinceLastOrder: z.number().int().nullable(),
          usualIntervalDays: z.number(),
          lastContactAt: Instant.nullable(),
          lastContactNote: z.string().nullable(),
        }),
      ),
    }),
  }),
  'health.note': procedure({
    http: 'POST /api/customer-health/customers/:id/notes',
    permission: 'customers.interact',
    summary: 'Registra um contato com um cliente em risco (fica no histórico de interações do cliente).',
    status: 201,
    input: z.strictObject({
      id: Id,
      kind: z.enum(['whatsapp', 'ligacao', 'nota']).default('whatsapp'),
      notes: Note(2000),
    }),
    output: z.object({ id: z.number().int(), customerId: z.number().int(), at: Instant }),
  }),
  'health.kpis': procedure({
    http: 'GET /api/customer-health/kpis',
    permission: 'health.read',
    summary:
      'Indicadores do período: clientes ativos, novos, churn (ativos no período anterior sem pedido neste), ticket médio, ' +
      'valor do cliente ao longo da vida, tempo médio de produção (entrada → entrega) e entregas no prazo.',
    input: z.strictObject(PeriodInput),
    output: z.object({
      from: z.string(),
      to: z.string(),
      previousFrom: z.string(),
      previousTo: z.string(),
      activeCustomers: z.number().int(),
      newCustomers: z.number().int(),
      previousActive: z.number().int(),
      churned: z.number().int(),
      churnRate: z.number().nullable(),
      orders: z.number().int(),
      averageTicketCents: restricted(Cents.nullable(), 'money.read'),
      lifetimeValueCents: restricted(Cents.nullable(), 'money.read'),
      delivered: z.number().int(),
      averageProductionDays: z.number().nullable(),
      onTimeDeliveryRate: z.number().nullable(),
    }),
  }),
  'health.settings': procedure({
    http: 'GET /api/customer-health/settings',
    permission: 'health.read',
    summary: 'Pesos dos pilares e intervalo padrão de recompra (dias) para clientes com menos de dois pedidos.',
    input: z.strictObject({}),
    output: HealthSettings,
  }),
  'health.setSettings': procedure({
    http: 'PUT /api/customer-health/settings',
    permission: 'settings.write',
    summary: 'Altera os pesos (≥ 0, nem todos zero) e o intervalo padrão, e recalcula todos os scores.',
    input: z.strictObject({ weights: HealthWeights, defaultIntervalDays: z.number().int().min(1).max(365) }),
    output: HealthSettings.extend({ recomputed: z.number().int() }),
  }),
  'health.recompute': procedure({
    http: 'POST /api/customer-health/recompute',
    permission: 'settings.write',
    summary: 'Recalcula agora o score de todos os clientes (o mesmo cálculo da rotina noturna).',
    input: z.strictObject({}),
    output: z.object({ recomputed: z.number().int(), ms: z.number() }),
  }),
};
