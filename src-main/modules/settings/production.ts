import type { Db } from '../../db/connection';
import { getSetting } from './service';

export const DEFAULT_STAGES = [
  { key: 'financeiro', label: 'Financeiro' },
  { key: 'conferencia', label: 'Conferência' },
  { key: 'impressao', label: 'Impressão/Sublimação' },
  { key: 'acabamento', label: 'Acabamento/Costura' },
  { key: 'expedicao', label: 'Expedição' },
] as const;

export const DEFAULT_PRODUCTION_TYPES = [
  'painel',
  'totem',
  'lona',
  'adesivo',
  'bandeira',
  'camiseta',
  'banner',
  'faixa',
  'placa',
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
