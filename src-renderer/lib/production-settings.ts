import type { FieldErrors } from '../../src-shared/errors';
import { t } from '../i18n';

/** The production settings form's rules (same as the server's): pure, unit-tested. */

export const FINANCE_STAGE = 'financeiro';
const STAGE_KEY_RE = /^[a-z][a-z0-9_]{1,29}$/;

/** 'Impressão/Sublimação' → 'impressao_sublimacao' (unique among the other rows' keys). */
export function stageKeyFrom(label: string, rows: ReadonlyArray<{ key: string }>, index: number): string {
  let base = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 26);
  if (base.length < 2) base = base ? `${base}_etapa` : '';
  if (!base) return '';
  const taken = new Set(rows.filter((_, i) => i !== index).map((r) => r.key));
  if (!taken.has(base)) return base;
  for (let n = 2; n < 100; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
  return base;
}

export interface ProductionSettingsInput {
  stages: Array<{ key: string; label: string }>;
  productionTypes: string[];
  requireArtApproval: boolean;
  stalledHours: number;
}

export function validateProductionSettings(v: ProductionSettingsInput): FieldErrors {
  const errors: FieldErrors = {};
  if (v.stages.length === 0 || v.stages.length > 12) errors.stages = t('production.error.stageCount');
  else if (v.stages[0]?.key !== FINANCE_STAGE) errors.stages = t('production.error.financeFirst');
  const seen = new Set<string>();
  for (const [i, stage] of v.stages.entries()) {
    if (!stage.label.trim()) errors[`stages.${i}.label`] = t('field.required');
    else if (stage.label.trim().length > 40) errors[`stages.${i}.label`] = t('field.tooLong', { max: 40 });
    else if (!STAGE_KEY_RE.test(stage.key)) errors[`stages.${i}.key`] = t('production.error.key');
    else if (seen.has(stage.key)) errors[`stages.${i}.key`] = t('production.error.duplicate');
    seen.add(stage.key);
  }
  if (v.productionTypes.length === 0) errors.productionTypes = t('production.error.types');
  else if (v.productionTypes.some((type) => type.length > 40)) errors.productionTypes = t('field.tooLong', { max: 40 });
  if (!Number.isInteger(v.stalledHours) || v.stalledHours < 1 || v.stalledHours > 720) {
    errors.stalledHours = t('orders.error.range', { min: 1, max: 720 });
  }
  return errors;
}
