import type { FichaBlockType } from '../../../src-shared/contract/fichas';
import { formatDateBR } from '../../../src-shared/domain/dates';
import { formatPhone } from '../../../src-shared/domain/documents';
import { formatMeasureMm } from '../../../src-shared/domain/measures';
import { areaM2 } from '../../../src-shared/domain/pricing';
import { sizeGridTotal } from '../../../src-shared/domain/size-grid';
import { companyHeader, type Doc, drawQr, FONT } from '../../documents/pdf';
import { type PrintImage, scaledForPrint } from './art';
import type { FichaData, FichaItem } from './data';

export type Paper = 'a4' | 'a4_paisagem' | 'a5' | 'a4_duas' | 'etiqueta';

export interface TemplateBlock {
  type: string;
  source?: string | undefined;
  heightMm?: number | undefined;
  title?: string | undefined;
}

/** What the renderer needs of a template (saved or a draft being edited). */
export interface TemplateShape {
  name: string;
  paper: Paper;
  blocks: readonly TemplateBlock[];
  fields: ReadonlyArray<{ key: string; label: string }>;
}

const MM = 72 / 25.4;

interface PaperSpec {
  size: string | [number, number];
  layout: 'portrait' | 'landscape';
  /** Fichas per page: two per A4 are the A4's landscape halves (A5 each). */
  perPage: 1 | 2;
  margin: number;
  /** Body text size (pt). */
  base: number;
}

export const PAPERS: Record<Paper, PaperSpec> = {
  a4: { size: 'A4', layout: 'portrait', perPage: 1, margin: 28, base: 10 },
  a4_paisagem: { size: 'A4', layout: 'landscape', perPage: 1, margin: 28, base: 10 },
  a5: { size: 'A5', layout: 'portrait', perPage: 1, margin: 20, base: 8.5 },
  a4_duas: { size: 'A4', layout: 'landscape', perPage: 2, margin: 20, base: 8.5 },
  etiqueta: { size: [100 * MM, 150 * MM], layout: 'portrait', perPage: 1, margin: 8, base: 7 },
};

interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Ctx {
  doc: Doc;
  data: FichaData;
  template: TemplateShape;
  /** The ficha's own item (null: the whole order's ficha). */
  item: FichaItem | null;
  fs: number;
}

const GAP = 6;
const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

function font(doc: Doc, size: number, bold = false): Doc {
  return doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
}

function textHeight(doc: Doc, text: string, width: number, size: number, bold = false): number {
  return font(doc, size, bold).heightOfString(text, { width });
}

/** Text clipped to its box: never spills onto a new page. */
function text(
  doc: Doc,
  value: string,
  x: number,
  y: number,
  width: number,
  height: number,
  size: number,
  bold = false,
) {
  font(doc, size, bold).text(value, x, y, { width, height: Math.max(height, size * 1.3), ellipsis: true });
}

function title(block: TemplateBlock, fallback: string): string {
  return block.title ?? fallback;
}

function measureText(mm: number | null): string {
  return mm ? formatMeasureMm(mm) : '—';
}

/** Label/value pairs of an item's production data. */
function itemPairs(item: FichaItem): Array<[string, string]> {
  const area = areaM2(item.widthMm, item.heightMm);
  return [
    ['Tipo de produção', item.productionType],
    ['Produto', item.productName],
    [
      'Medidas (L × A)',
      item.widthMm || item.heightMm ? `${measureText(item.widthMm)} × ${measureText(item.heightMm)}` : '—',
    ],
    [
      'Área',
      area === null
        ? '—'
        : `${area.toLocaleString('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 3 })} m²`,
    ],
    ['Quantidade', String(item.quantity)],
    ['Material', dash(item.material)],
    ['Acabamento', dash(item.finish)],
    ['Costura', item.seams === 'com' ? `com costura (${item.seamCount})` : 'sem costura'],
    ['Máquina', dash(item.machine)],
    ['RIP', dash(item.rip)],
    ['Perfil de cor', dash(item.colorProfile)],
    ['Data de impressão', item.printDate ? formatDateBR(item.printDate) : '—'],
  ];
}

interface BlockDraw {
  /** Height it needs at this width; 'flex' shares the room left (images without a fixed height). */
  measure(width: number): number | 'flex';
  draw(frame: Frame, images: ReadonlyMap<string, string>): void;
  /** Images it prints and the box each is printed in (for scaling before drawing). */
  images?(frame: Frame): Array<{ image: PrintImage; w: number; h: number }>;
}

function pairsGrid(ctx: Ctx, pairs: Array<[string, string]>, width: number) {
  const cols = width > 380 ? 2 : 1;
  const colW = width / cols;
  const rows: Array<Array<[string, string]>> = [];
  for (let i = 0; i < pairs.length; i += cols) rows.push(pairs.slice(i, i + cols));
  const rowH = (row: Array<[string, string]>) =>
    Math.max(...row.map(([k, v]) => textHeight(ctx.doc, `${k}: ${v}`, colW - 6, ctx.fs))) + 2;
  return {
    height: rows.reduce((sum, r) => sum + rowH(r), 0),
    draw(x: number, y: number) {
      let at = y;
      for (const row of rows) {
        const h = rowH(row);
        for (const [i, [k, v]] of row.entries()) {
          const cx = x + i * colW;
          font(ctx.doc, ctx.fs, true).text(`${k}: `, cx, at, { width: colW - 6, continued: true, height: h });
          font(ctx.doc, ctx.fs).text(v, { width: colW - 6, height: h, ellipsis: true });
        }
        at += h;
      }
    },
  };
}

function blockOf(ctx: Ctx, block: TemplateBlock): BlockDraw | null {
  const { doc, data, fs } = ctx;
  const items = ctx.item ? [ctx.item] : data.items;
  const head = fs + 1.5;
  switch (block.type as FichaBlockType) {
    case 'cabecalho': {
      return {
        // The documents' one header, compact (logo, name, one line of details, the title).
        measure: () => Math.max(data.company.logo ? 30 : 0, 13 + 9, 24) + 14,
        draw: (f) => {
          companyHeader(doc, data.company, 'Ficha de produção', {
            subtitle: ctx.template.name,
            x: f.x,
            y: f.y,
            width: f.w,
            compact: true,
          });
        },
      };
    }
    case 'pedido': {
      const big = Math.round(fs * 2.6);
      const qr = Math.round(fs * 7.5);
      const sub = ctx.item
        ? `Item ${ctx.item.position} de ${data.order.itemsCount}`
        : `${data.order.itemsCount} item(ns)`;
      return {
        measure: () => Math.max(qr, big * 1.3 + fs * 2.6),
        draw: (f) => {
          text(doc, 'PEDIDO', f.x, f.y, f.w - qr - 8, fs * 1.3, fs, true);
          text(doc, data.order.number, f.x, f.y + fs * 1.3, f.w - qr - 8, big * 1.3, big, true);
          text(doc, sub, f.x, f.y + fs * 1.3 + big * 1.3, f.w - qr - 8, fs * 1.3, fs);
          drawQr(doc, data.orderUrl, f.x + f.w - qr, f.y, qr);
        },
      };
    }
    case 'cliente': {
      const line = [
        `Cliente: ${data.order.customerName}`,
        `Telefone: ${data.order.customerPhone ? formatPhone(data.order.customerPhone) : '—'}`,
        `Cidade: ${dash(data.order.customerCity)}`,
      ];
      return {
        measure: (w) =>
          textHeight(doc, line[0] as string, w, fs + 1, true) + textHeight(doc, line.slice(1).join('   '), w, fs),
        draw: (f) => {
          const h1 = textHeight(doc, line[0] as string, f.w, fs + 1, true);
          text(doc, line[0] as string, f.x, f.y, f.w, h1, fs + 1, true);
          text(doc, line.slice(1).join('   '), f.x, f.y + h1, f.w, f.h - h1, fs);
        },
      };
    }
    case 'datas': {
      const urgent = data.order.priority === 'ALTA';
      const value = `Entrada: ${formatDateBR(data.order.entryDate)}   Entrega: ${
        data.order.deliveryDate ? formatDateBR(data.order.deliveryDate) : '—'
      }   Prioridade: ${urgent ? 'URGENTE' : 'normal'}`;
      return {
        measure: (w) => textHeight(doc, value, w, fs + 1, urgent),
        draw: (f) => text(doc, value, f.x, f.y, f.w, f.h, fs + 1, urgent),
      };
    }
    case 'item': {
      if (ctx.item) {
        const desc = ctx.item.description;
        const grid = (w: number) => pairsGrid(ctx, itemPairs(ctx.item as FichaItem), w);
        return {
          measure: (w) => textHeight(doc, desc, w, fs + 1, true) + 2 + grid(w).height,
          draw: (f) => {
            const h = textHeight(doc, desc, f.w, fs + 1, true);
            text(doc, desc, f.x, f.y, f.w, h, fs + 1, true);
            grid(f.w).draw(f.x, f.y + h + 2);
          },
        };
      }
      const lines = data.items.map(
        (i) =>
          `${i.position}. ${i.productName} — ${i.description} — ${
            i.widthMm || i.heightMm ? `${measureText(i.widthMm)} × ${measureText(i.heightMm)} — ` : ''
          }${i.quantity} un${i.material ? ` — ${i.material}` : ''}`,
      );
      const all = lines.join('\n');
      return {
        measure: (w) => head + textHeight(doc, all, w, fs),
        draw: (f) => {
          text(doc, title(block, 'Itens'), f.x, f.y, f.w, head, fs, true);
          text(doc, all, f.x, f.y + head, f.w, f.h - head, fs);
        },
      };
    }
    case 'imagem': {
      const extras = block.source === 'extras';
      const list = items.flatMap((i) => (extras ? i.extras : i.art ? [i.art] : []));
      const label = title(block, extras ? 'Imagens' : 'Arte');
      const boxes = (f: Frame) => {
        const top = f.y + head;
        const h = f.h - head;
        if (list.length === 0) return [];
        if (!extras) return [{ image: list[0] as PrintImage, x: f.x, y: top, w: f.w, h }];
        const n = Math.min(list.length, 4);
        const w = (f.w - (n - 1) * 4) / n;
        return list.slice(0, n).map((image, i) => ({ image, x: f.x + i * (w + 4), y: top, w, h }));
      };
      return {
        measure: () => (block.heightMm ? block.heightMm * MM : extras && list.length === 0 ? head + fs * 1.5 : 'flex'),
        images: (f) => boxes(f).map((b) => ({ image: b.image, w: b.w, h: b.h })),
        draw: (f, scaled) => {
          text(doc, label, f.x, f.y, f.w, head, fs, true);
          const placed = boxes(f);
          if (placed.length === 0) {
            if (extras) {
              text(doc, 'Sem imagens extras.', f.x, f.y + head, f.w, fs * 1.5, fs);
              return;
            }
            doc
              .save()
              .lineWidth(0.5)
              .dash(4, { space: 3 })
              .rect(f.x, f.y + head, f.w, f.h - head)
              .stroke()
              .undash()
              .restore();
            font(doc, fs).text('Sem arte anexada ao item.', f.x, f.y + head + (f.h - head) / 2 - fs, {
              width: f.w,
              align: 'center',
              height: fs * 1.5,
            });
            return;
          }
          for (const b of placed) {
            const file = scaled.get(imageKey(b.image, b.w, b.h));
            if (file) doc.image(file, b.x, b.y, { fit: [b.w, b.h], align: 'center', valign: 'center' });
            else text(doc, 'Imagem indisponível.', b.x, b.y, b.w, fs * 1.5, fs);
          }
        },
      };
    }
    case 'grade': {
      const grids = items.filter((i) => i.sizeGrid.length > 0);
      const rowH = fs * 1.6;
      return {
        measure: () => head + (grids.length === 0 ? fs * 1.5 : grids.length * (rowH * 2 + 4)),
        draw: (f) => {
          text(doc, title(block, 'Grade de tamanhos'), f.x, f.y, f.w, head, fs, true);
          if (grids.length === 0) {
            text(doc, 'Sem grade de tamanhos.', f.x, f.y + head, f.w, fs * 1.5, fs);
            return;
          }
          let y = f.y + head;
          for (const item of grids) {
            const cells: Array<[string, string]> = [
              ...item.sizeGrid.map((s): [string, string] => [s.size, String(s.quantity)]),
              ['Total', String(sizeGridTotal(item.sizeGrid))],
            ];
            const cw = Math.min(48, f.w / cells.length);
            doc.save().lineWidth(0.5);
            for (const [i, [size, qty]] of cells.entries()) {
              const x = f.x + i * cw;
              doc
                .rect(x, y, cw, rowH)
                .stroke()
                .rect(x, y + rowH, cw, rowH)
                .stroke();
              font(doc, fs, true).text(size, x, y + fs * 0.3, { width: cw, align: 'center', height: rowH });
              font(doc, fs).text(qty, x, y + rowH + fs * 0.3, { width: cw, align: 'center', height: rowH });
            }
            doc.restore();
            y += rowH * 2 + 4;
          }
        },
      };
    }
    case 'nomes': {
      const names = items.flatMap((i) => i.names);
      const rowH = fs * 1.35;
      const cols = (w: number) => Math.max(1, Math.min(4, Math.floor(w / 150)));
      const full = (w: number) => head + (names.length === 0 ? fs * 1.5 : Math.ceil(names.length / cols(w)) * rowH);
      return {
        measure: full,
        draw: (f) => {
          text(doc, title(block, 'Nomes e números'), f.x, f.y, f.w, head, fs, true);
          if (names.length === 0) {
            text(doc, 'Sem personalização.', f.x, f.y + head, f.w, fs * 1.5, fs);
            return;
          }
          const n = cols(f.w);
          const colW = f.w / n;
          const fits = Math.max(1, Math.floor((f.h - head) / rowH)) * n;
          const shown = names.length > fits ? names.slice(0, fits - 1) : names;
          const perCol = Math.ceil(shown.length / n);
          for (const [i, p] of shown.entries()) {
            const x = f.x + Math.floor(i / perCol) * colW;
            const y = f.y + head + (i % perCol) * rowH;
            text(
              doc,
              `${p.number.padStart(2, ' ')}  ${p.name}${p.size ? ` (${p.size})` : ''}`,
              x,
              y,
              colW - 4,
              rowH,
              fs,
            );
          }
          if (shown.length < names.length) {
            const y = f.y + head + perCol * rowH;
            text(
              doc,
              `… e mais ${names.length - shown.length} nomes`,
              f.x,
              Math.min(y, f.y + f.h - rowH),
              f.w,
              rowH,
              fs,
              true,
            );
          }
        },
      };
    }
    case 'observacoes': {
      const notes = [...items.map((i) => i.notes), data.order.notes].filter(Boolean).join('\n') || '—';
      return {
        measure: (w) => head + textHeight(doc, notes, w, fs),
        draw: (f) => {
          text(doc, title(block, 'Observações'), f.x, f.y, f.w, head, fs, true);
          text(doc, notes, f.x, f.y + head, f.w, f.h - head, fs);
        },
      };
    }
    case 'campos': {
      const fields = ctx.template.fields;
      if (fields.length === 0) return null;
      const pairs = fields.map((fd): [string, string] => [fd.label, data.values[fd.key]?.trim() || '________________']);
      return {
        measure: (w) => head + pairsGrid(ctx, pairs, w).height + 4,
        draw: (f) => {
          text(doc, title(block, 'Ajustes de produção'), f.x, f.y, f.w, head, fs, true);
          pairsGrid(ctx, pairs, f.w).draw(f.x, f.y + head + 2);
        },
      };
    }
    case 'etapas': {
      const stages = data.order.stages;
      const rowH = fs * 2.2;
      return {
        measure: () => head + Math.max(1, stages.length) * rowH,
        draw: (f) => {
          text(doc, title(block, 'Etapas'), f.x, f.y, f.w, head, fs, true);
          for (const [i, s] of stages.entries()) {
            const y = f.y + head + i * rowH;
            const box = fs;
            doc
              .save()
              .lineWidth(0.7)
              .rect(f.x, y + 2, box, box)
              .stroke();
            if (s.done)
              doc
                .moveTo(f.x + 2, y + 2 + box / 2)
                .lineTo(f.x + box / 2, y + box)
                .lineTo(f.x + box - 1, y + 4)
                .stroke();
            doc.restore();
            const labelW = Math.min(160, f.w * 0.35);
            text(doc, s.label, f.x + box + 6, y + 2, labelW, rowH, fs);
            const lineX = f.x + box + 10 + labelW;
            doc
              .save()
              .lineWidth(0.5)
              .moveTo(lineX, y + rowH - 4)
              .lineTo(f.x + f.w, y + rowH - 4)
              .stroke()
              .restore();
            font(doc, fs * 0.75)
              .fillColor('#555555')
              .text('assinatura e data', lineX, y + rowH - 3, { width: f.w - lineX + f.x, height: fs });
            doc.fillColor('#000000');
          }
        },
      };
    }
    default:
      return null;
  }
}

export const imageKey = (image: PrintImage, w: number, h: number) =>
  `${image.mediaId}@${Math.round(w)}x${Math.round(h)}`;

interface Planned {
  draw: BlockDraw;
  frame: Frame;
}

/** Lays the template's blocks out in the frame: fixed blocks take what they need, images share the rest. */
function plan(ctx: Ctx, frame: Frame): Planned[] {
  const blocks = ctx.template.blocks.flatMap((b) => {
    const d = blockOf(ctx, b);
    return d ? [{ block: b, draw: d }] : [];
  });
  const measured = blocks.map((b) => ({ ...b, h: b.draw.measure(frame.w) }));
  const fixed =
    measured.reduce((sum, m) => sum + (m.h === 'flex' ? 0 : m.h), 0) + GAP * Math.max(0, measured.length - 1);
  const flexCount = measured.filter((m) => m.h === 'flex').length;
  let spare = frame.h - fixed;
  // Too much to fit: the names list (the one block that grows without bound) gives up its room first.
  if (spare < flexCount * 80) {
    const names = measured.find((m) => m.block.type === 'nomes');
    if (names && typeof names.h === 'number') {
      const give = Math.min(names.h - ctx.fs * 4, flexCount * 80 - spare);
      if (give > 0) {
        names.h -= give;
        spare += give;
      }
    }
  }
  const flexH = flexCount ? Math.max(60, spare / flexCount) : 0;
  const out: Planned[] = [];
  let y = frame.y;
  for (const m of measured) {
    const h = m.h === 'flex' ? flexH : m.h;
    // What no longer fits in the frame is left out rather than spilling onto another page.
    if (y + h > frame.y + frame.h + 1) break;
    out.push({ draw: m.draw, frame: { x: frame.x, y, w: frame.w, h } });
    y += h + GAP;
  }
  return out;
}

/**
 * Draws one ficha in a frame: plans the blocks, scales the images they print (kept for the next
 * time, `scaledForPrint`), then draws. Async only for the images.
 */
export async function drawFicha(
  doc: Doc,
  frame: Frame,
  data: FichaData,
  template: TemplateShape,
  mediaDir: string,
  fs: number,
): Promise<void> {
  const item = data.itemId === null ? null : (data.items.find((i) => i.id === data.itemId) ?? null);
  const ctx: Ctx = { doc, data, template, item, fs };
  const planned = plan(ctx, frame);
  const scaled = new Map<string, string>();
  for (const p of planned) {
    for (const need of p.draw.images?.(p.frame) ?? []) {
      const key = imageKey(need.image, need.w, need.h);
      if (scaled.has(key)) continue;
      const file = await scaledForPrint(mediaDir, need.image, need.w, need.h);
      if (file) scaled.set(key, file);
    }
  }
  for (const p of planned) p.draw.draw(p.frame, scaled);
}

/** Lays fichas onto pages of their papers: one per page, or two per A4 (left and right halves). */
export class FichaPages {
  private halfUsed = false;
  constructor(
    private readonly doc: Doc,
    private readonly mediaDir: string,
  ) {}

  async add(data: FichaData, template: TemplateShape): Promise<void> {
    const spec = PAPERS[template.paper];
    if (spec.perPage === 2 && this.halfUsed) {
      this.halfUsed = false;
      const { width, height } = this.doc.page;
      const half = width / 2;
      const m = spec.margin;
      await drawFicha(
        this.doc,
        { x: half + m, y: m, w: half - 2 * m, h: height - 2 * m },
        data,
        template,
        this.mediaDir,
        spec.base,
      );
      return;
    }
    this.doc.addPage({ size: spec.size, layout: spec.layout, margin: spec.margin });
    const { width, height } = this.doc.page;
    const m = spec.margin;
    if (spec.perPage === 2) {
      this.halfUsed = true;
      const half = width / 2;
      this.doc
        .save()
        .lineWidth(0.3)
        .dash(3, { space: 3 })
        .moveTo(half, 10)
        .lineTo(half, height - 10)
        .stroke()
        .undash()
        .restore();
      await drawFicha(
        this.doc,
        { x: m, y: m, w: half - 2 * m, h: height - 2 * m },
        data,
        template,
        this.mediaDir,
        spec.base,
      );
      return;
    }
    this.halfUsed = false;
    await drawFicha(
      this.doc,
      { x: m, y: m, w: width - 2 * m, h: height - 2 * m },
      data,
      template,
      this.mediaDir,
      spec.base,
    );
  }
}
