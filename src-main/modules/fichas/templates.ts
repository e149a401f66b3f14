import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract';
import { pickTemplate } from '../../../src-shared/domain/ficha-templates';
import { AppError } from '../../../src-shared/errors';
import { msg } from '../../../src-shared/i18n';
import type { Db } from '../../db/connection';
import type { FichaTemplatesTable } from '../../db/schema';
import type { ProcCtx } from '../../rpc/context';
import type { Paper, TemplateShape } from './render';

type Row = import('kysely').Selectable<FichaTemplatesTable>;
export type TemplateOut = OutputOf<'fichaTemplates.get'>;

export function toTemplate(row: Row): TemplateOut {
  return {
    id: row.id,
    name: row.name,
    productionTypes: JSON.parse(row.production_types),
    paper: row.paper as Paper,
    blocks: JSON.parse(row.blocks),
    fields: JSON.parse(row.fields),
    isDefault: row.is_default === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listTemplates(db: Db): Promise<TemplateOut[]> {
  const rows = await db.selectFrom('ficha_templates').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toTemplate);
}

export async function getTemplate(db: Db, id: number): Promise<TemplateOut> {
  const row = await db.selectFrom('ficha_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', msg('fichaTemplates.notFound'));
  return toTemplate(row);
}

export { pickTemplate };

export const shapeOf = (t: Pick<TemplateOut, 'name' | 'paper' | 'blocks' | 'fields'>): TemplateShape => ({
  name: t.name,
  paper: t.paper,
  blocks: t.blocks,
  fields: t.fields,
});

export async function createTemplate(
  ctx: ProcCtx,
  input: ParsedInputOf<'fichaTemplates.create'>,
): Promise<TemplateOut> {
  const now = ctx.clock.nowIso();
  const row = await ctx.db
    .insertInto('ficha_templates')
    .values({
      name: input.name,
      production_types: JSON.stringify(input.productionTypes),
      paper: input.paper,
      blocks: JSON.stringify(input.blocks),
      fields: JSON.stringify(input.fields),
      is_default: input.isDefault ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.audit({ action: 'create', entity: 'ficha_template', entityId: row.id, after: { name: input.name } });
  return toTemplate(row);
}

export async function updateTemplate(
  ctx: ProcCtx,
  input: ParsedInputOf<'fichaTemplates.update'>,
): Promise<TemplateOut> {
  const before = await getTemplate(ctx.db, input.id);
  if (before.version !== input.version)
    throw new AppError('STALE_VERSION', msg('fichaTemplates.stale', { version: before.version }));
  const res = await ctx.db
    .updateTable('ficha_templates')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.productionTypes !== undefined && { production_types: JSON.stringify(input.productionTypes) }),
      ...(input.paper !== undefined && { paper: input.paper }),
      ...(input.blocks !== undefined && { blocks: JSON.stringify(input.blocks) }),
      ...(input.fields !== undefined && { fields: JSON.stringify(input.fields) }),
      ...(input.isDefault !== undefined && { is_default: input.isDefault ? 1 : 0 }),
      version: before.version + 1,
      updated_at: ctx.clock.nowIso(),
    })
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    throw new AppError('STALE_VERSION', msg('fichaTemplates.stale', { version: before.version }));
  await ctx.audit({
    action: 'update',
    entity: 'ficha_template',
    entityId: input.id,
    before: { version: before.version },
    after: { version: before.version + 1 },
  });
  return getTemplate(ctx.db, input.id);
}

export async function deleteTemplate(ctx: ProcCtx, id: number) {
  const before = await getTemplate(ctx.db, id);
  const used = await ctx.db
    .selectFrom('fichas')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('template_id', '=', id)
    .executeTakeFirstOrThrow();
  if (Number(used.n) > 0) throw new AppError('CONFLICT', msg('fichaTemplates.inUse', { count: Number(used.n) }));
  await ctx.db.deleteFrom('ficha_templates').where('id', '=', id).execute();
  await ctx.audit({ action: 'delete', entity: 'ficha_template', entityId: id, before: { name: before.name } });
  return { id, deleted: true as const };
}
