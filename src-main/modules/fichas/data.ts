import type { Db } from '../../db/connection';
import type { ArtStore } from '../art/store';
import { getOrderRow } from '../orders/queries';
import type { DocumentCompany } from '../settings/company';
import { itemArt, type PrintImage } from './art';

/** An item as its ficha prints it: production data with names, not ids. */
export interface FichaItem {
  id: number;
  position: number;
  productName: string;
  productionType: string;
  description: string;
  widthMm: number | null;
  heightMm: number | null;
  quantity: number;
  material: string | null;
  finish: string | null;
  seams: string;
  seamCount: number;
  machine: string | null;
  rip: string | null;
  colorProfile: string | null;
  printDate: string | null;
  notes: string | null;
  sizeGrid: Array<{ size: string; quantity: number }>;
  names: Array<{ name: string; number: string; size?: string }>;
  art: PrintImage | null;
  extras: PrintImage[];
}

export interface FichaOrder {
  id: number;
  number: string;
  customerName: string;
  customerPhone: string | null;
  customerCity: string | null;
  entryDate: string;
  deliveryDate: string | null;
  priority: string;
  notes: string | null;
  itemsCount: number;
  stages: Array<{ label: string; done: boolean }>;
}

/** Everything one ficha prints, whatever its template shows of it. */
export interface FichaData {
  /** The company profile and logo: the `cabecalho` block is the documents' one header. */
  company: DocumentCompany;
  /** The order's page on the shop's network (the QR code). */
  orderUrl: string;
  order: FichaOrder;
  /** The ficha's items: one for an item's ficha, all of them for the whole order's. */
  items: FichaItem[];
  /** The ficha's own item, null for the whole order's ficha. */
  itemId: number | null;
  values: Record<string, string>;
}

/**
 * The order's page on the shop's network, from the LAN server's address (`services.lanUrl`). The
 * renderer routes by the hash (`/#/pedidos/5`); the server also sends a bare `/pedidos/5` there.
 */
export const orderUrl = (baseUrl: string, orderId: number) => `${baseUrl.replace(/\/+$/, '')}/#/pedidos/${orderId}`;

/** Loads the orders and items fichas print, in a few queries for a whole batch. */
export async function loadFichaOrders(
  db: Db,
  orderIds: readonly number[],
  art?: ArtStore,
): Promise<Map<number, { order: FichaOrder; items: FichaItem[] }>> {
  const out = new Map<number, { order: FichaOrder; items: FichaItem[] }>();
  if (orderIds.length === 0) return out;
  const orders = await db.selectFrom('orders').selectAll().where('id', 'in', orderIds).execute();
  const items = await db
    .selectFrom('order_items')
    .leftJoin('materials', 'materials.id', 'order_items.material_id')
    .leftJoin('finishes', 'finishes.id', 'order_items.finish_id')
    .leftJoin('machines', 'machines.id', 'order_items.machine_id')
    .selectAll('order_items')
    .select(['materials.name as materialName', 'finishes.name as finishName', 'machines.name as machineName'])
    .where('order_items.order_id', 'in', orderIds)
    .orderBy('order_items.order_id')
    .orderBy('order_items.position')
    .execute();
  const stages = await db
    .selectFrom('order_stages')
    .select(['order_id', 'label', 'done'])
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('position')
    .execute();
  const images = await itemArt(
    db,
    items.map((i) => i.id),
    art,
  );
  for (const o of orders) {
    out.set(o.id, {
      order: {
        id: o.id,
        number: o.number,
        customerName: o.customer_name,
        customerPhone: o.customer_phone,
        customerCity: o.customer_city,
        entryDate: o.entry_date,
        deliveryDate: o.delivery_date,
        priority: o.priority,
        notes: o.notes,
        itemsCount: o.items_count,
        stages: stages.filter((s) => s.order_id === o.id).map((s) => ({ label: s.label, done: s.done === 1 })),
      },
      items: [],
    });
  }
  for (const it of items) {
    const itemImages = images.get(it.id) ?? { art: null, extras: [] };
    out.get(it.order_id)?.items.push({
      id: it.id,
      position: it.position,
      productName: it.product_name,
      productionType: it.production_type,
      description: it.description,
      widthMm: it.width_mm,
      heightMm: it.height_mm,
      quantity: it.quantity,
      material: it.materialName,
      finish: it.finishName,
      seams: it.seams,
      seamCount: it.seam_count,
      machine: it.machineName,
      rip: it.rip,
      colorProfile: it.color_profile,
      printDate: it.print_date,
      notes: it.notes,
      sizeGrid: JSON.parse(it.size_grid),
      names: JSON.parse(it.personalization),
      art: itemImages.art,
      extras: itemImages.extras,
    });
  }
  return out;
}

/** One order's data (404 when it does not exist). */
export async function loadFichaOrder(db: Db, orderId: number, art?: ArtStore) {
  await getOrderRow(db, orderId);
  const loaded = (await loadFichaOrders(db, [orderId], art)).get(orderId);
  if (!loaded) throw new Error(`order ${orderId} vanished`);
  return loaded;
}

/** Made-up order for a template's preview when no real order is chosen. */
export function sampleFicha(shop: DocumentCompany, baseUrl: string): Omit<FichaData, 'values'> {
  const item: FichaItem = {
    id: 0,
    position: 1,
    productName: 'Camiseta sublimada',
    productionType: 'camiseta',
    description: 'Camisa do time — frente e costas',
    widthMm: 300,
    heightMm: 400,
    quantity: 12,
    material: 'Poliéster 160 g',
    finish: 'Gola careca',
    seams: 'com',
    seamCount: 2,
    machine: 'Epson F570',
    rip: 'Wasatch',
    colorProfile: 'Sublimação FOSCO v2',
    printDate: null,
    notes: 'Conferir o escudo antes de prensar.',
    sizeGrid: [
      { size: 'P', quantity: 3 },
      { size: 'M', quantity: 5 },
      { size: 'G', quantity: 4 },
    ],
    names: [
      { name: 'João', number: '10', size: 'M' },
      { name: 'Zé Ávila', number: '7', size: 'G' },
    ],
    art: null,
    extras: [],
  };
  return {
    company: shop,
    orderUrl: orderUrl(baseUrl, 0),
    order: {
      id: 0,
      number: '2026-000123',
      customerName: 'Cliente de exemplo',
      customerPhone: '11987654321',
      customerCity: 'São Paulo',
      entryDate: '2026-11-24',
      deliveryDate: '2026-11-27',
      priority: 'ALTA',
      notes: null,
      itemsCount: 1,
      stages: [
        { label: 'Impressão/Sublimação', done: false },
        { label: 'Acabamento/Costura', done: false },
      ],
    },
    items: [item],
    itemId: 0,
  };
}
