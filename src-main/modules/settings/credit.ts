import type { Db } from '../../db/connection';
import { getSetting } from './service';

export interface CreditSettings {
  finePercent: number;
  monthlyInterestPercent: number;
  graceDays: number;
  depositPercent: number;
  blockAfterDaysOverdue: number;
  pixKey: string | null;
  pixCity: string | null;
}

export const DEFAULT_CREDIT: CreditSettings = {
  finePercent: 2,
  monthlyInterestPercent: 1,
  graceDays: 0,
  depositPercent: 0,
  blockAfterDaysOverdue: 30,
  pixKey: null,
  pixCity: null,
};

export async function getCreditSettings(db: Db): Promise<CreditSettings> {
  return { ...DEFAULT_CREDIT, ...((await getSetting<Partial<CreditSettings>>(db, 'credit')) ?? {}) };
}
