import { ASQ } from './definitions/asq.js';
import { GAD2 } from './definitions/gad2.js';
import { GAD7 } from './definitions/gad7.js';
import { PHQ2 } from './definitions/phq2.js';
import { PHQ9 } from './definitions/phq9.js';
import { PHQA } from './definitions/phqa.js';
import { PSC17 } from './definitions/psc17.js';
import { RSES } from './definitions/rses.js';
import { WHO5 } from './definitions/who5.js';
import type { BilingualText, InstrumentDefinition, Respondent, TranslationStatus } from './types.js';

/** Frozen so that no caller can edit a shipped version in place; edits must become a new version. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Every shipped definition, all versions. */
export const INSTRUMENTS: readonly InstrumentDefinition[] = deepFreeze([
  PHQ9,
  PHQA,
  PHQ2,
  GAD7,
  GAD2,
  ASQ,
  PSC17,
  WHO5,
  RSES,
]);

/** A given version, or the highest version of `code` when `version` is omitted. */
export function getInstrument(code: string, version?: number): InstrumentDefinition | undefined {
  let found: InstrumentDefinition | undefined;
  for (const def of INSTRUMENTS) {
    if (def.code !== code) continue;
    if (version !== undefined) {
      if (def.version === version) return def;
    } else if (!found || def.version > found.version) {
      found = def;
    }
  }
  return found;
}

export interface InstrumentSummary {
  code: string;
  version: number;
  shortName: string;
  name: BilingualText;
  respondent: Respondent;
  itemCount: number;
  riskScreen: boolean;
  optional: boolean;
  translationStatus: TranslationStatus;
}

/** The current (highest) version of each instrument, in catalog order. */
export function listInstruments(): InstrumentSummary[] {
  const codes = [...new Set(INSTRUMENTS.map((d) => d.code))];
  return codes.flatMap((code) => {
    const def = getInstrument(code);
    if (!def) return [];
    return [
      {
        code: def.code,
        version: def.version,
        shortName: def.shortName,
        name: def.name,
        respondent: def.respondent,
        itemCount: def.items.length,
        riskScreen: def.riskScreen,
        optional: def.optional,
        translationStatus: def.translationStatus,
      },
    ];
  });
}
