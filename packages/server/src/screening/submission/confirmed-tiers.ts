import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Locale } from '../../http/locale.js';
import { notFound } from '../../http/problem.js';
import type { ServiceContext } from '../../services/context.js';
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

/** A class's confirmed tiers for its head teacher and school staff; the names shown are audited. */
export async function readClassTiers(ctx: ServiceContext, classId: string) {
  const klass = await ctx.db
    .selectFrom('org_unit as c')
    .innerJoin('org_unit as g', 'g.id', 'c.grade_id')
    .select(['c.id', 'c.name_zh', 'c.city_id', 'c.district_id', 'c.school_id', 'c.grade_id', 'g.name_zh as grade_name'])
    .where('c.id', '=', classId)
    .where('c.kind', '=', 'class')
    .executeTakeFirst();
  if (!klass) throw notFound();
  const placement = {
    cityId: klass.city_id,
    districtId: klass.district_id,
    schoolId: klass.school_id,
    gradeId: klass.grade_id,
    classId: klass.id,
  };
  const binding = ctx.access.require('tier.read', placement);
  const items = await classTiers(ctx.db, klass.id, ctx.locale);
  await ctx.audit(ctx.db, {
    action: 'tier.read',
    targetType: 'class',
    targetId: klass.id,
    placement,
    binding,
    detail: { returned: items.map((i) => i.studentId) },
  });
  return { classId: klass.id, className: klass.name_zh, gradeName: klass.grade_name, items };
}
