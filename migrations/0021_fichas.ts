import type { Kysely } from 'kysely';

/**
 * Fichas de produção (issue 11): templates (paper, ordered blocks, custom fields), the fichas of
 * order items with the values production filled in, and each item's size grid and personalisation
 * list (names and numbers per piece), kept as JSON on the item.
 *
 * One default template per production type is seeded; the shop edits them like any other.
 */
const BASE = [{ type: 'cabecalho' }, { type: 'pedido' }, { type: 'cliente' }, { type: 'datas' }, { type: 'item' }];
const END = [{ type: 'observacoes' }, { type: 'campos' }, { type: 'etapas' }];
const art = { type: 'imagem', source: 'arte' };
const field = (key: string, label: string) => ({ key, label });

const DEFAULTS = [
  {
    name: 'Painel / lona / banner',
    types: ['painel', 'lona', 'banner', 'faixa', 'placa', 'totem'],
    paper: 'a4',
    blocks: [...BASE, art, ...END],
    fields: [field('passadas', 'Passadas'), field('velocidade', 'Velocidade'), field('ilhos', 'Ilhós a cada (cm)')],
  },
  {
    name: 'Adesivo',
    types: ['adesivo'],
    paper: 'a4',
    blocks: [...BASE, art, ...END],
    fields: [field('corte', 'Corte (plotter)'), field('laminacao', 'Laminação'), field('velocidade', 'Velocidade')],
  },
  {
    name: 'Camiseta / uniforme',
    types: ['camiseta', 'boné', 'chinelo'],
    paper: 'a4',
    blocks: [...BASE, art, { type: 'grade' }, { type: 'nomes' }, ...END],
    fields: [
      field('temperatura', 'Temperatura da prensa (°C)'),
      field('tempo', 'Tempo de prensa (s)'),
      field('pressao', 'Pressão'),
      field('perfil', 'Perfil de cor aplicado'),
    ],
  },
  {
    name: 'Caneca / brindes',
    types: ['caneca', 'squeeze', 'azulejo', 'almofada', 'mouse pad', 'quebra-cabeça'],
    paper: 'a5',
    blocks: [...BASE, art, ...END],
    fields: [field('temperatura', 'Temperatura (°C)'), field('tempo', 'Tempo de prensa (s)')],
  },
  {
    name: 'Bandeira',
    types: ['bandeira'],
    paper: 'a4',
    blocks: [...BASE, art, ...END],
    fields: [
      field('tensao', 'Tensão do tecido'),
      field('temperatura', 'Temperatura da calandra (°C)'),
      field('velocidade', 'Velocidade'),
      field('perfil', 'Perfil de cor aplicado'),
    ],
  },
  {
    name: 'Geral',
    types: [],
    paper: 'a4',
    blocks: [...BASE, art, { type: 'grade' }, { type: 'nomes' }, ...END],
    fields: [],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('order_items')
    .addColumn('size_grid', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .alterTable('order_items')
    .addColumn('personalization', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  await db.schema
    .createTable('ficha_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('production_types', 'text', (c) => c.notNull())
    .addColumn('paper', 'text', (c) => c.notNull())
    .addColumn('blocks', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fichas')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.references('order_items.id').onDelete('cascade'))
    .addColumn('template_id', 'integer', (c) => c.notNull().references('ficha_templates.id'))
    .addColumn('values', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fichas_order').on('fichas').columns(['order_id', 'item_id']).execute();
  await db.schema.createIndex('fichas_template').on('fichas').column('template_id').execute();

  const now = new Date().toISOString();
  for (const t of DEFAULTS) {
    await db
      .insertInto('ficha_templates')
      .values({
        name: t.name,
        production_types: JSON.stringify(t.types),
        paper: t.paper,
        blocks: JSON.stringify(t.blocks),
        fields: JSON.stringify(t.fields),
        is_default: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fichas').execute();
  await db.schema.dropTable('ficha_templates').execute();
  await db.schema.alterTable('order_items').dropColumn('personalization').execute();
  await db.schema.alterTable('order_items').dropColumn('size_grid').execute();
}
