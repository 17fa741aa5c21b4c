import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { readCitySetting, writeCitySetting } from '../settings/city-settings.js';

/** How a city runs cases; stored per city under city_setting key `cases`. */
export interface CaseSettings {
  /** 常州: the school leader reviews (研判) every student the class level reports before a referral. */
  leaderReviewBeforeReferral: boolean;
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = { leaderReviewBeforeReferral: false };

export async function getCaseSettings(db: Kysely<Database>, cityId: string): Promise<CaseSettings> {
  return { ...DEFAULT_CASE_SETTINGS, ...(await readCitySetting<Partial<CaseSettings>>(db, cityId, 'cases')) };
}

export async function saveCaseSettings(db: Kysely<Database>, cityId: string, s: CaseSettings): Promise<void> {
  await writeCitySetting(db, cityId, 'cases', s);
}
