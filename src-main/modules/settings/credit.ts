import type { Db } from '../../db/connection';
import { storedProfile } from './company';
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

/**
 * The crediário rules, with the Pix key and city read from the company profile (where they live
 * since migration 0020; `settings.credit.*` still shows and takes them, for older clients).
 */
export async function getCreditSettings(db: Db): Promise<CreditSettings> {
  const { pixKey: _k, pixCity: _c, ...rules } = (await getSetting<Partial<CreditSettings>>(db, 'credit')) ?? {};
  const company = await storedProfile(db);
  return { ...DEFAULT_CREDIT, ...rules, pixKey: company.pixKey, pixCity: company.pixCity };
}
