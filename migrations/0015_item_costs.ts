import { type Kysely, sql } from 'kysely';

/**
 * Real cost: each order item records its total cost when it is sold (`order_items.cost_cents`),
 * computed by `itemCostCents` (src-shared/domain/pricing.ts), so a later change of a product's or a
 * material's cost never rewrites history.
 *
 * Backfill, best effort: there is no history of costs, so items sold before this migration get the
 * cost from the catalogue as it is now, with the same rule as `itemCostCents` (the product's cost,
 * plus the chosen material's when its unit is the item's unit, per piece, per m² of the piece or per
 * metre of length, × quantity, rounded half-up to the cent once). An item whose product is gone
 * keeps 0.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('order_items')
    .addColumn('cost_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update order_items set cost_cents = coalesce((
      select case order_items.unit
        when 'm2' then (per_unit * coalesce(order_items.width_mm, 0) * coalesce(order_items.height_mm, 0)
          * order_items.quantity * 2 + 1000000) / 2000000
        when 'm' then (per_unit * coalesce(order_items.width_mm, 0) * order_items.quantity * 2 + 1000) / 2000
        else per_unit * order_items.quantity
      end
      from (
        select max(p.cost_cents, 0) + coalesce((
          select max(m.cost_cents, 0) from materials m
          where m.id = order_items.material_id
            and replace(lower(trim(m.unit)), 'm²', 'm2') = order_items.unit
        ), 0) as per_unit
        from products p where p.id = order_items.product_id
      )
    ), 0)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('order_items').dropColumn('cost_cents').execute();
}
