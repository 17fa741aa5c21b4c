import { DEFAULT_TIER_RULES, type TierRuleSet } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { readCitySetting, writeCitySetting } from '../settings/city-settings.js';
import type { Locale } from '../http/locale.js';
import type { FieldError } from '../http/problem.js';
import { checkInstrumentSets, type InstrumentSet } from './campaigns/instrument-sets.js';
import { fieldError } from './campaigns/messages.js';

/** How a city runs screening. Stored per city under city_setting key `screening`; presets below. */
export interface ScreeningSettings {
  preset: 'jinan' | 'jining' | 'changzhou' | 'changchun' | 'custom';
  /** Every student at least once per school year (Jinan) or per term (Jining). */
  frequency: 'school_year' | 'term';
  /** Campaign kinds the city runs (Changzhou: intake / targeted / monitoring rounds). */
  campaignKinds: Array<'universal' | 'intake' | 'targeted' | 'monitoring'>;
  defaultInstrumentSets: InstrumentSet[];
  /** Default answering window in days for a new campaign. */
  defaultWindowDays: number;
  consentRequiredUnderAge: number;
  hotline: { nameZh: string; nameEn: string; number: string }[];
  tierRules: TierRuleSet;
  /** Careless responding: faster than this per item on average is flagged. */
  minSecondsPerItem: number;
}

const DEFAULT_SETS: InstrumentSet[] = [
  { gradeFrom: 1, gradeTo: 4, respondent: 'guardian', instruments: ['psc17'] },
  { gradeFrom: 5, gradeTo: 12, respondent: 'self', instruments: ['phqa', 'gad7', 'asq'] },
];

const HOTLINES = [
  { nameZh: '全国心理援助热线', nameEn: 'National psychological assistance hotline', number: '12356' },
  { nameZh: '青少年服务台', nameEn: 'Youth service line', number: '12355' },
];

const BASE: Omit<ScreeningSettings, 'preset' | 'frequency' | 'campaignKinds'> = {
  defaultInstrumentSets: DEFAULT_SETS,
  defaultWindowDays: 14,
  consentRequiredUnderAge: 14,
  hotline: HOTLINES,
  tierRules: DEFAULT_TIER_RULES,
  minSecondsPerItem: 1.5,
};

// Each city's own 24-hour line comes first: it is the one that can send someone to a student tonight.
const CITY_HOTLINES = {
  jinan: { nameZh: '济南市心理援助热线', nameEn: 'Jinan psychological assistance hotline', number: '0531-87525525' },
  jining: { nameZh: '济宁市心理援助热线', nameEn: 'Jining psychological assistance hotline', number: '0537-5151885' },
  changzhou: { nameZh: '常州市心理援助热线', nameEn: 'Changzhou psychological assistance hotline', number: '96111' },
};

export const SCREENING_PRESETS: Record<'jinan' | 'jining' | 'changzhou' | 'changchun', ScreeningSettings> = {
  jinan: {
    ...BASE,
    preset: 'jinan',
    frequency: 'school_year',
    campaignKinds: ['universal', 'targeted', 'monitoring'],
    hotline: [CITY_HOTLINES.jinan, ...HOTLINES],
  },
  jining: {
    ...BASE,
    preset: 'jining',
    frequency: 'term',
    campaignKinds: ['universal', 'targeted', 'monitoring'],
    hotline: [CITY_HOTLINES.jining, ...HOTLINES],
  },
  changzhou: {
    ...BASE,
    preset: 'changzhou',
    frequency: 'school_year',
    campaignKinds: ['intake', 'targeted', 'monitoring', 'universal'],
    hotline: [CITY_HOTLINES.changzhou, ...HOTLINES],
  },
  // 长春: the sources we hold give no screening calendar of Changchun's own, so it starts from the yearly
  // universal screening with targeted and monitoring rounds, and from the national lines until the city
  // enters its own hotline here.
  changchun: {
    ...BASE,
    preset: 'changchun',
    frequency: 'school_year',
    campaignKinds: ['universal', 'targeted', 'monitoring'],
  },
};

/**
 * Every submission reads its city's settings, which change a few times a year: a node keeps them for a few
 * seconds. A change saved on this node applies at once; other nodes see it within SETTINGS_TTL_MS.
 */
export const SETTINGS_TTL_MS = 5_000;
// Keyed by city; an entry serves only the database handle it was read through (tests open several).
const cached = new Map<string, { db: Kysely<Database>; until: number; value: Promise<ScreeningSettings> }>();

export async function getScreeningSettings(db: Kysely<Database>, cityId: string): Promise<ScreeningSettings> {
  const hit = cached.get(cityId);
  if (hit && hit.db === db && hit.until > Date.now()) return hit.value;
  const value = readScreeningSettings(db, cityId);
  const entry = { db, until: Date.now() + SETTINGS_TTL_MS, value };
  cached.set(cityId, entry);
  value.catch(() => cached.get(cityId) === entry && cached.delete(cityId));
  return value;
}

async function readScreeningSettings(db: Kysely<Database>, cityId: string): Promise<ScreeningSettings> {
  return {
    ...SCREENING_PRESETS.jinan,
    ...(await readCitySetting<Partial<ScreeningSettings>>(db, cityId, 'screening')),
  };
}

// Short service numbers (12356), landlines with an area code (010-82951332) and 400/800 numbers.
const HOTLINE_NUMBER = /^(\d{3,6}|0\d{2,3}-?\d{7,8}|[48]00-?\d{3}-?\d{4}|1\d{10})$/;

/**
 * What the schema cannot say about a city's settings: instruments and tier-rule instruments exist, grade
 * bands make sense, hotline numbers can be dialled, and consent is never waived below the legal age.
 */
export async function validateScreeningSettings(
  db: Kysely<Database>,
  s: ScreeningSettings,
  locale: Locale,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (s.campaignKinds.length === 0) errors.push(fieldError(locale, '/campaignKinds', 'settings.kinds-empty'));
  if (s.defaultInstrumentSets.length === 0)
    errors.push(fieldError(locale, '/defaultInstrumentSets', 'settings.sets-empty'));
  errors.push(...(await checkInstrumentSets(db, s.defaultInstrumentSets, locale, '/defaultInstrumentSets')).errors);
  // PIPL art. 31: a child under 14 needs a guardian's consent; a city may ask for it longer, never shorter.
  if (s.consentRequiredUnderAge < 14)
    errors.push(fieldError(locale, '/consentRequiredUnderAge', 'settings.consent-age'));
  s.hotline.forEach((h, i) => {
    if (!HOTLINE_NUMBER.test(h.number))
      errors.push(fieldError(locale, `/hotline/${i}/number`, 'settings.hotline-number', { number: h.number }));
  });
  const known = new Set(
    (await db.selectFrom('instrument_version').select('code').distinct().execute()).map((r) => r.code),
  );
  s.tierRules.rules.forEach((rule, i) =>
    rule.when.forEach((c, j) => {
      if (c.instrument !== '*' && !known.has(c.instrument)) {
        errors.push(
          fieldError(locale, `/tierRules/rules/${i}/when/${j}/instrument`, 'settings.tier-instrument', {
            code: c.instrument,
          }),
        );
      }
    }),
  );
  return errors;
}

/** Stores the whole settings object: a later preset change never leaves fields of the old one behind. */
export async function saveScreeningSettings(db: Kysely<Database>, cityId: string, s: ScreeningSettings): Promise<void> {
  // Before and after, and again by callers after their commit: a read racing the save must not keep the
  // old value for the whole TTL.
  forgetScreeningSettings(cityId);
  await writeCitySetting(db, cityId, 'screening', s);
  forgetScreeningSettings(cityId);
}

export function forgetScreeningSettings(cityId: string): void {
  cached.delete(cityId);
}
