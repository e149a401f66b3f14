import type { Db } from '../../db/connection';
import { getSetting } from './service';

export const DEFAULT_STAGES = [
  { key: 'financeiro', label: 'Financeiro' },
  { key: 'conferencia', label: 'Conferência' },
  { key: 'impressao', label: 'Impressão/Sublimação' },
  { key: 'acabamento', label: 'Acabamento/Costura' },
  { key: 'expedicao', label: 'Expedição' },
] as const;

/** What a sublimation and print shop makes; the shop adds its own (settings or the product form). */
export const DEFAULT_PRODUCTION_TYPES = [
  'caneca',
  'camiseta',
  'squeeze',
  'almofada',
  'azulejo',
  'chinelo',
  'boné',
  'mouse pad',
  'quebra-cabeça',
  'painel',
  'lona',
  'banner',
  'faixa',
  'adesivo',
  'placa',
  'bandeira',
  'totem',
];

export interface ProductionSettings {
  stages: Array<{ key: string; label: string }>;
  productionTypes: string[];
  requireArtApproval: boolean;
  stalledHours: number;
}

export const DEFAULT_PRODUCTION: ProductionSettings = {
  stages: DEFAULT_STAGES.map((s) => ({ ...s })),
  productionTypes: DEFAULT_PRODUCTION_TYPES,
  requireArtApproval: false,
  stalledHours: 48,
};

export async function getProductionSettings(db: Db): Promise<ProductionSettings> {
  return { ...DEFAULT_PRODUCTION, ...((await getSetting<Partial<ProductionSettings>>(db, 'production')) ?? {}) };
}
