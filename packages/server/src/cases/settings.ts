import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/** How a city runs cases; stored per city under city_setting key `cases`. */
export interface CaseSettings {
  /** 常州: the school leader reviews (研判) every student the class level reports before a referral. */
  leaderReviewBeforeReferral: boolean;
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = { leaderReviewBeforeReferral: false };

export async function getCaseSettings(db: Kysely<Database>, cityId: string): Promise<CaseSettings> {
  const row = await db
    .selectFrom('city_setting')
    .select('value')
    .where('city_id', '=', cityId)
    .where('key', '=', 'cases')
    .executeTakeFirst();
  return { ...DEFAULT_CASE_SETTINGS, ...((row?.value as Partial<CaseSettings> | undefined) ?? {}) };
}

export async function saveCaseSettings(db: Kysely<Database>, cityId: string, s: CaseSettings): Promise<void> {
  await sql`
    insert into city_setting (city_id, key, value, updated_at) values (${cityId}, 'cases', ${JSON.stringify(s)}::jsonb, now())
    on conflict (city_id, key) do update set value = excluded.value, updated_at = excluded.updated_at
  `.execute(db);
}
