import { DEFAULT_STANDARDS, STANDARD_PRESETS, type SupervisionStandards } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { readCitySetting, writeCitySetting } from '../settings/city-settings.js';

export const STANDARDS_KEY = 'supervision';
export type StandardsPreset = keyof typeof STANDARD_PRESETS;

/** A city's supervision standards: its chosen preset (Jinan unless set) with the numbers it changed. */
export async function getSupervisionStandards(db: Kysely<Database>, cityId: string): Promise<SupervisionStandards> {
  const saved = await readCitySetting<{ preset?: StandardsPreset; overrides?: Partial<SupervisionStandards> }>(
    db,
    cityId,
    STANDARDS_KEY,
  );
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
  await writeCitySetting(db, cityId, STANDARDS_KEY, { preset, overrides });
}
