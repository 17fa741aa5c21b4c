import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { FieldError } from '../../http/problem.js';
import type { Locale } from '../../http/locale.js';
import { latestInstrumentVersion } from '../instrument-store.js';
import { fieldError, tc } from './messages.js';

/** Which instruments a grade range answers, and who answers them (a city's screening settings hold a list). */
export interface InstrumentSet {
  gradeFrom: number;
  gradeTo: number;
  respondent: 'self' | 'guardian';
  instruments: string[];
}

/** One instrument of a grade band with the version a campaign pins, so later edits never change it. */
export interface PinnedInstrument {
  gradeFrom: number;
  gradeTo: number;
  respondent: 'self' | 'guardian';
  code: string;
  version: number;
  sort: number;
}

/**
 * Checks instrument sets the way both campaigns and the city's defaults need them: grade bands in order
 * and, per respondent, not overlapping (one assignment per student and respondent); every instrument
 * exists and is answered by the band's respondent. Returns the latest active version of each.
 */
export async function checkInstrumentSets(
  db: Kysely<Database>,
  sets: readonly InstrumentSet[],
  locale: Locale,
  field: string,
): Promise<{ errors: FieldError[]; pinned: PinnedInstrument[] }> {
  const errors: FieldError[] = [];
  const pinned: PinnedInstrument[] = [];
  const band = (s: InstrumentSet) => `${s.gradeFrom}–${s.gradeTo}`;
  for (const [i, set] of sets.entries()) {
    if (set.gradeFrom > set.gradeTo) errors.push(fieldError(locale, `${field}/${i}/gradeTo`, 'bands.order'));
    for (let j = 0; j < i; j++) {
      const other = sets[j]!;
      if (other.respondent === set.respondent && other.gradeFrom <= set.gradeTo && set.gradeFrom <= other.gradeTo) {
        errors.push(
          fieldError(locale, `${field}/${i}/gradeFrom`, 'bands.overlap', {
            a: band(other),
            b: band(set),
            respondent: tc(`respondent.${set.respondent}`, locale),
          }),
        );
      }
    }
    const seen = new Set<string>();
    for (const [k, code] of set.instruments.entries()) {
      const at = `${field}/${i}/instruments/${k}`;
      if (seen.has(code)) {
        errors.push(fieldError(locale, at, 'instrument.duplicate', { code }));
        continue;
      }
      seen.add(code);
      const def = await latestInstrumentVersion(db, code);
      if (!def) {
        errors.push(fieldError(locale, at, 'instrument.unknown', { code }));
        continue;
      }
      if (def.respondent !== set.respondent) {
        errors.push(
          fieldError(locale, at, 'instrument.respondent', {
            code,
            expected: tc(`respondent.${def.respondent}`, locale),
            given: tc(`respondent.${set.respondent}`, locale),
          }),
        );
        continue;
      }
      pinned.push({
        gradeFrom: set.gradeFrom,
        gradeTo: set.gradeTo,
        respondent: set.respondent,
        code,
        version: def.version,
        sort: k,
      });
    }
  }
  return { errors, pinned };
}
