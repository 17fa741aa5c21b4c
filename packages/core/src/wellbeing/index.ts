import { scoreResponse } from '../instruments/score.js';
import type { InstrumentDefinition } from '../instruments/types.js';

/** The adult instruments a staff member may take for themself (教师心理健康自评), in the order offered. */
export const STAFF_WELLBEING_INSTRUMENTS = ['phq9', 'gad7', 'who5'] as const;
export type StaffWellbeingInstrument = (typeof STAFF_WELLBEING_INSTRUMENTS)[number];

export function isStaffWellbeingInstrument(code: string): code is StaffWellbeingInstrument {
  return (STAFF_WELLBEING_INSTRUMENTS as readonly string[]).includes(code);
}

/**
 * What a teacher reads of their own result, and what the counts are kept by: three neutral levels instead of
 * clinical band names, so a self-screening informs and invites help rather than labels anyone.
 */
export const WELLBEING_LEVELS = ['steady', 'some_strain', 'more_support'] as const;
export type WellbeingLevel = (typeof WELLBEING_LEVELS)[number];

const LEVEL_OF_BAND: Record<StaffWellbeingInstrument, Record<string, WellbeingLevel>> = {
  phq9: {
    none: 'steady',
    mild: 'some_strain',
    moderate: 'more_support',
    moderately_severe: 'more_support',
    severe: 'more_support',
  },
  gad7: { minimal: 'steady', mild: 'some_strain', moderate: 'more_support', severe: 'more_support' },
  who5: { adequate: 'steady', poor_wellbeing: 'some_strain', likely_depression: 'more_support' },
};

/** The neutral level of a band; null for an invalid (incomplete) response, which has no band. */
export function wellbeingLevel(code: StaffWellbeingInstrument, band: string | null): WellbeingLevel | null {
  return band === null ? null : (LEVEL_OF_BAND[code][band] ?? null);
}

export interface StaffSelfScreening {
  code: StaffWellbeingInstrument;
  version: number;
  total: number | null;
  band: string | null;
  level: WellbeingLevel | null;
  /** A critical answer (PHQ-9 item 9): the hotline is shown at once and a call-back offered. */
  critical: boolean;
}

/**
 * Scores a staff self-screening with the instrument library's own scorer. Throws InvalidAnswersError for
 * malformed answers, like every other scoring.
 */
export function scoreSelfScreening(def: InstrumentDefinition, answers: readonly (number | null)[]): StaffSelfScreening {
  const code = def.code;
  if (!isStaffWellbeingInstrument(code)) throw new Error(`${code} is not offered for staff self-screening`);
  const result = scoreResponse(def, answers);
  return {
    code,
    version: def.version,
    total: result.total,
    band: result.band,
    level: wellbeingLevel(code, result.band),
    critical: result.criticalFlags.length > 0,
  };
}
