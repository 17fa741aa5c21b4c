import { DEFAULT_STANDARDS, STANDARD_PRESETS, type SupervisionStandards } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

export const STANDARDS_KEY = 'supervision';
export type StandardsPreset = keyof typeof STANDARD_PRESETS;

/** A city's supervision standards: its chosen preset (Jinan unless set) with the numbers it changed. */
export async function getSupervisionStandards(db: Kysely<Database>, cityId: string): Promise<SupervisionStandards> {
  const row = await db
    .selectFrom('city_setting')
    .select('value')
    .where('city_id', '=', cityId)
    .where('key', '=', STANDARDS_KEY)
    .executeTakeFirst();
  const saved = row?.value as { preset?: StandardsPreset; overrides?: Partial<SupervisionStandards> } | undefined;
  const base = saved?.preset ? STANDARD_PRESETS[saved.preset] : DEFAULT_STANDARDS;
  return {
    ...base,
    ...(saved?.overrides ?? {}),
    id: saved?.overrides && Object.keys(saved.overrides).length ? 'custom' : base.id,
  };
}

export async function saveSupervisionStandards(
  db: Kysely<Database>,
  cityId: string,
  preset: StandardsPreset,
  overrides: Partial<SupervisionStandards>,
): Promise<void> {
  const value = JSON.stringify({ preset, overrides });
  await db
    .insertInto('city_setting')
    .values({ city_id: cityId, key: STANDARDS_KEY, value })
    .onConflict((oc) => oc.columns(['city_id', 'key']).doUpdateSet({ value, updated_at: new Date() }))
    .execute();
}
