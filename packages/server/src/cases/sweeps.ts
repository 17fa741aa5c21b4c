import type { Scope, SweepSeason } from '@yuxin/core';
import { sql } from 'kysely';
import type { ScopeColumns } from '../access/request-access.js';
import { encryptOptional } from '../crypto/field-crypto.js';
import { notFound } from '../http/problem.js';
import { placementOfUnit } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';

/*
 * 季节性排查: before exams, at the start of the year, in spring and before graduation, the school lists
 * every student at tier 2–3, with an active case or with care tags, and head teachers check their own.
 */

const ITEM_SCOPE: ScopeColumns = {
  city: 'i.city_id',
  district: 'i.district_id',
  school: 'i.school_id',
  grade: 'i.grade_id',
  class: 'i.class_id',
};

/** Schools a sweep reader can see sweeps of: their school, or the school of the class or grade they hold. */
async function readableSchools(ctx: ServiceContext): Promise<string[]> {
  const scopes: Scope[] = ctx.access.scopes('sweep.read');
  const schools = new Set(scopes.filter((s) => s.level === 'school').map((s) => s.id));
  const units = scopes.filter((s) => s.level === 'class' || s.level === 'grade').map((s) => s.id);
  if (units.length)
    for (const u of await ctx.db.selectFrom('org_unit').select('school_id').where('id', 'in', units).execute())
      if (u.school_id) schools.add(u.school_id);
  return [...schools];
}

/** Lists the school's students to check now, in one statement so the list is a snapshot of this moment. */
export async function startSweep(ctx: ServiceContext, schoolId: string, season: SweepSeason) {
  const school = await ctx.db
    .selectFrom('org_unit')
    .selectAll()
    .where('id', '=', schoolId)
    .where('kind', '=', 'school')
    .executeTakeFirst();
  if (!school) throw notFound();
  const binding = ctx.access.require('sweep.manage', placementOfUnit(school));
  return ctx.db.transaction().execute(async (tx) => {
    const sweep = await tx
      .insertInto('sweep')
      .values({
        city_id: school.city_id,
        district_id: school.district_id!,
        school_id: school.id,
        season,
        created_by: ctx.actorId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // One statement decides the list, so it is a snapshot of the school at this moment.
    const inserted = await sql<{ n: number }>`
      with listed as (
        select s.id, s.city_id, s.district_id, s.school_id, s.grade_id, s.class_id,
               array_remove(array[
                 case when t.tier = 2 then 'tier_2' end,
                 case when t.tier = 3 then 'tier_3' end,
                 case when exists (select 1 from care_case c where c.student_id = s.id and c.state <> 'closed') then 'open_case' end,
                 case when cardinality(s.care_tags) > 0 then 'care_tags' end
               ], null) as reasons
          from student s
          left join student_tier t on t.student_id = s.id
         where s.school_id = ${school.id} and s.status = 'active'
      ), ins as (
        insert into sweep_item (sweep_id, city_id, district_id, school_id, grade_id, class_id, student_id, reasons)
        select ${sweep.id}, city_id, district_id, school_id, grade_id, class_id, id, reasons from listed where cardinality(reasons) > 0
        returning 1
      )
      select count(*)::int as n from ins`.execute(tx);
    const items = inserted.rows[0]?.n ?? 0;
    await ctx.audit(tx, {
      action: 'sweep.create',
      targetType: 'sweep',
      targetId: sweep.id,
      placement: { cityId: school.city_id, districtId: school.district_id, schoolId: school.id },
      binding,
      detail: { season: sweep.season, items },
    });
    return {
      id: sweep.id,
      schoolId: school.id,
      season: sweep.season,
      createdAt: sweep.created_at.toISOString(),
      items,
      checked: 0,
    };
  });
}

/** The sweeps of the schools the actor reads, newest first, counting only the students they see. */
export async function listSweeps(ctx: ServiceContext) {
  const schools = await readableSchools(ctx);
  if (!schools.length) return { items: [] };
  const rows = await ctx.db
    .selectFrom('sweep as w')
    .select(['w.id', 'w.school_id', 'w.season', 'w.created_at'])
    .select((eb) => [
      eb
        .selectFrom('sweep_item as i')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('i.sweep_id', '=', 'w.id')
        .where(ctx.access.filter('sweep.read', ITEM_SCOPE))
        .as('items'),
      eb
        .selectFrom('sweep_item as i')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('i.sweep_id', '=', 'w.id')
        .where('i.checked_at', 'is not', null)
        .where(ctx.access.filter('sweep.read', ITEM_SCOPE))
        .as('checked'),
    ])
    .where('w.school_id', 'in', schools)
    .orderBy('w.created_at', 'desc')
    .limit(50)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      schoolId: r.school_id,
      season: r.season,
      createdAt: r.created_at.toISOString(),
      items: r.items ?? 0,
      checked: r.checked ?? 0,
    })),
  };
}

/** One sweep's list: a head teacher sees the students of their own class, the school's staff the whole list. */
export async function readSweep(ctx: ServiceContext, id: string) {
  const sweep = await ctx.db.selectFrom('sweep').selectAll().where('id', '=', id).executeTakeFirst();
  if (!sweep || !(await readableSchools(ctx)).includes(sweep.school_id)) throw notFound();
  const rows = await ctx.db
    .selectFrom('sweep_item as i')
    .innerJoin('student as s', 's.id', 'i.student_id')
    .innerJoin('org_unit as cl', 'cl.id', 'i.class_id')
    .innerJoin('org_unit as g', 'g.id', 'i.grade_id')
    .select([
      'i.id',
      'i.reasons',
      'i.checked_at',
      's.id as student_id',
      's.name',
      's.student_no',
      'cl.name_zh as class_name',
      'g.name_zh as grade_name',
    ])
    .where('i.sweep_id', '=', sweep.id)
    .where(ctx.access.filter('sweep.read', ITEM_SCOPE))
    .orderBy('g.grade_level')
    .orderBy('cl.class_no')
    .orderBy('s.student_no')
    .execute();
  const list = rows.map((r) => ({
    id: r.id,
    student: {
      id: r.student_id,
      name: r.name,
      studentNo: r.student_no,
      className: r.class_name,
      gradeName: r.grade_name,
    },
    reasons: r.reasons,
    checkedAt: r.checked_at?.toISOString() ?? null,
  }));
  await ctx.audit(ctx.db, {
    action: 'sweep.read',
    targetType: 'sweep',
    targetId: sweep.id,
    placement: { cityId: sweep.city_id, districtId: sweep.district_id, schoolId: sweep.school_id },
    detail: { students: list.map((l) => l.student.id) },
  });
  return {
    id: sweep.id,
    schoolId: sweep.school_id,
    season: sweep.season,
    createdAt: sweep.created_at.toISOString(),
    items: list.length,
    checked: list.filter((l) => l.checkedAt).length,
    list,
  };
}

/** A head teacher has seen the student: checked once, a second check answers the first one's time. */
export async function checkSweepItem(ctx: ServiceContext, itemId: string, note: string | undefined) {
  return ctx.db.transaction().execute(async (tx) => {
    const item = await tx.selectFrom('sweep_item').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst();
    if (!item) throw notFound();
    const binding = ctx.access.require('sweep.check', {
      cityId: item.city_id,
      districtId: item.district_id,
      schoolId: item.school_id,
      gradeId: item.grade_id,
      classId: item.class_id,
    });
    if (item.checked_at) return { id: item.id, checkedAt: item.checked_at.toISOString() };
    const at = ctx.clock();
    await tx
      .updateTable('sweep_item')
      .set({ checked_at: at, checked_by: ctx.actorId, note_enc: encryptOptional(note) })
      .where('id', '=', item.id)
      .execute();
    await ctx.audit(tx, {
      action: 'sweep.check',
      targetType: 'sweep_item',
      targetId: item.id,
      placement: { cityId: item.city_id, districtId: item.district_id, schoolId: item.school_id },
      binding,
      detail: { sweepId: item.sweep_id, studentId: item.student_id },
    });
    return { id: item.id, checkedAt: at.toISOString() };
  });
}
