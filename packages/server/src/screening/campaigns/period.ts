import { chinaDateOf, nextDay } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { schoolYearOf } from '../../org/school-year.js';

/** A screening period: the school year, or one of its terms. Dates are China calendar days, inclusive. */
export interface Period {
  schoolYear: string;
  term: 1 | 2 | null;
  from: string;
  to: string;
}

interface SchoolYearRow {
  code: string;
  starts_on: string;
  ends_on: string;
  term1_ends_on: string;
}

/**
 * The city's school year containing a day: the row whose dates contain it, else the one marked current (a
 * summer day between two years), else the calendar rule — 1 September to 31 August, term 1 ending with
 * January — for a city that has not entered its calendar yet.
 */
export async function schoolYearContaining(db: Kysely<Database>, cityId: string, day: string): Promise<SchoolYearRow> {
  const rows = await db
    .selectFrom('school_year')
    .select(['code', 'starts_on', 'ends_on', 'term1_ends_on', 'is_current'])
    .where('city_id', '=', cityId)
    .execute();
  const hit = rows.find((r) => r.starts_on <= day && day <= r.ends_on) ?? rows.find((r) => r.is_current);
  if (hit) return hit;
  const code = schoolYearOf(new Date(`${day}T00:00:00Z`));
  const start = Number(code.slice(0, 4));
  return { code, starts_on: `${start}-09-01`, ends_on: `${start + 1}-08-31`, term1_ends_on: `${start + 1}-01-31` };
}

export function termOfDay(year: SchoolYearRow, day: string): 1 | 2 {
  return day <= year.term1_ends_on ? 1 : 2;
}

/** The period a city's frequency rule asks every student to be screened in, as of `now`. */
export async function currentPeriod(
  db: Kysely<Database>,
  cityId: string,
  frequency: 'school_year' | 'term',
  now = new Date(),
): Promise<Period> {
  const today = chinaDateOf(now);
  const year = await schoolYearContaining(db, cityId, today);
  if (frequency === 'school_year') return { schoolYear: year.code, term: null, from: year.starts_on, to: year.ends_on };
  return termOfDay(year, today) === 1
    ? { schoolYear: year.code, term: 1, from: year.starts_on, to: year.term1_ends_on }
    : { schoolYear: year.code, term: 2, from: nextDay(year.term1_ends_on), to: year.ends_on };
}
