import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/** The city's current school year code; falls back to the calendar rule (a year starts on 1 September). */
export async function currentSchoolYear(db: Kysely<Database>, cityId: string, today = new Date()): Promise<string> {
  const row = await db
    .selectFrom('school_year')
    .select('code')
    .where('city_id', '=', cityId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  if (row) return row.code;
  return schoolYearOf(today);
}

export function schoolYearOf(date: Date): string {
  const y = date.getUTCFullYear();
  const start = date.getUTCMonth() >= 8 ? y : y - 1;
  return `${start}-${start + 1}`;
}
