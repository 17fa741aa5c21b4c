import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Locale } from '../../http/locale.js';
import { sm } from './messages.js';

export function nextStep(tier: number, locale: Locale): string {
  return sm(tier >= 3 ? 'next-step.3' : tier === 2 ? 'next-step.2' : 'next-step.1', locale);
}

/**
 * A class's students with a confirmed tier of 2 or 3 and what the head teacher should do next. Only the
 * confirmed tier is read: never answers, scores, bands or the suggestion.
 */
export async function classTiers(db: Kysely<Database>, classId: string, locale: Locale) {
  const rows = await db
    .selectFrom('student_tier as st')
    .innerJoin('student as s', 's.id', 'st.student_id')
    .select(['s.id', 's.name', 's.student_no', 'st.tier', 'st.confirmed_at'])
    .where('s.class_id', '=', classId)
    .where('s.status', '=', 'active')
    .where('st.tier', '>=', 2)
    .orderBy('st.tier', 'desc')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({
    studentId: r.id,
    studentName: r.name,
    studentNo: r.student_no,
    tier: r.tier,
    nextStep: nextStep(r.tier, locale),
    confirmedAt: r.confirmed_at.toISOString(),
  }));
}
