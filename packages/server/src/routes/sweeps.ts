import { SWEEP_SEASONS, type Scope } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { RequestAccess, ScopeColumns } from '../access/request-access.js';
import { auditRequest } from '../audit/request-audit.js';
import { encryptOptional } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import type { Api } from '../http/api.js';
import { notFound } from '../http/problem.js';
import { IdParams, Uuid } from '../http/schemas.js';
import { placementOfUnit } from '../org/placement.js';

const ITEM_SCOPE: ScopeColumns = {
  city: 'i.city_id',
  district: 'i.district_id',
  school: 'i.school_id',
  grade: 'i.grade_id',
  class: 'i.class_id',
};

const SweepSummary = Type.Object({
  id: Type.String(),
  schoolId: Type.String(),
  season: Type.Enum([...SWEEP_SEASONS]),
  createdAt: Type.String(),
  items: Type.Integer(),
  checked: Type.Integer(),
});
const SweepItem = Type.Object({
  id: Type.String(),
  student: Type.Object({
    id: Type.String(),
    name: Type.String(),
    studentNo: Type.String(),
    className: Type.String(),
    gradeName: Type.String(),
  }),
  reasons: Type.Array(Type.String({ description: 'tier_2 | tier_3 | open_case | care_tags' })),
  checkedAt: Type.Union([Type.String(), Type.Null()]),
});

/** Schools a sweep reader can see sweeps of: their school, or the school of the class or grade they hold. */
async function readableSchools(db: Kysely<Database>, access: RequestAccess): Promise<string[]> {
  const scopes: Scope[] = access.scopes('sweep.read');
  const schools = new Set(scopes.filter((s) => s.level === 'school').map((s) => s.id));
  const units = scopes.filter((s) => s.level === 'class' || s.level === 'grade').map((s) => s.id);
  if (units.length)
    for (const u of await db.selectFrom('org_unit').select('school_id').where('id', 'in', units).execute())
      if (u.school_id) schools.add(u.school_id);
  return [...schools];
}

/**
 * 季节性排查: before exams, at the start of the year, in spring and before graduation, the school lists
 * every student at tier 2–3, with an active case or with care tags, and head teachers check their own.
 */
export async function sweepsRoutes(api: Api, { db }: AppDeps) {
  api.post(
    '/v1/sweeps',
    {
      config: { policy: 'sweep.manage' },
      schema: {
        tags: ['sweeps'],
        body: Type.Object(
          { schoolId: Uuid, season: Type.Union(SWEEP_SEASONS.map((s) => Type.Literal(s))) },
          { additionalProperties: false },
        ),
        response: { 201: SweepSummary },
      },
    },
    async (req, reply) => {
      const school = await db
        .selectFrom('org_unit')
        .selectAll()
        .where('id', '=', req.body.schoolId)
        .where('kind', '=', 'school')
        .executeTakeFirst();
      if (!school) throw notFound();
      const binding = req.access.require('sweep.manage', placementOfUnit(school));
      const result = await db.transaction().execute(async (tx) => {
        const sweep = await tx
          .insertInto('sweep')
          .values({
            city_id: school.city_id,
            district_id: school.district_id!,
            school_id: school.id,
            season: req.body.season,
            created_by: req.signedIn!.account.id,
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
        await auditRequest(tx, req, {
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
      reply.code(201);
      return result;
    },
  );

  api.get(
    '/v1/sweeps',
    {
      config: { policy: 'sweep.read' },
      schema: { tags: ['sweeps'], response: { 200: Type.Object({ items: Type.Array(SweepSummary) }) } },
    },
    async (req) => {
      const schools = await readableSchools(db, req.access);
      if (!schools.length) return { items: [] };
      const rows = await db
        .selectFrom('sweep as w')
        .select(['w.id', 'w.school_id', 'w.season', 'w.created_at'])
        .select((eb) => [
          eb
            .selectFrom('sweep_item as i')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('i.sweep_id', '=', 'w.id')
            .where(req.access.filter('sweep.read', ITEM_SCOPE))
            .as('items'),
          eb
            .selectFrom('sweep_item as i')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('i.sweep_id', '=', 'w.id')
            .where('i.checked_at', 'is not', null)
            .where(req.access.filter('sweep.read', ITEM_SCOPE))
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
    },
  );

  api.get(
    '/v1/sweeps/:id',
    {
      config: { policy: 'sweep.read' },
      schema: {
        tags: ['sweeps'],
        params: IdParams,
        response: { 200: Type.Object({ ...SweepSummary.properties, list: Type.Array(SweepItem) }) },
      },
    },
    async (req) => {
      const sweep = await db.selectFrom('sweep').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!sweep || !(await readableSchools(db, req.access)).includes(sweep.school_id)) throw notFound();
      // A head teacher sees the students of their own class; the school's staff see the whole list.
      const rows = await db
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
        .where(req.access.filter('sweep.read', ITEM_SCOPE))
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
      await auditRequest(db, req, {
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
    },
  );

  api.post(
    '/v1/sweep-items/:id/check',
    {
      config: { policy: 'sweep.check' },
      schema: {
        tags: ['sweeps'],
        params: IdParams,
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), checkedAt: Type.String() }) },
      },
    },
    async (req) => {
      return db.transaction().execute(async (tx) => {
        const item = await tx
          .selectFrom('sweep_item')
          .selectAll()
          .where('id', '=', req.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!item) throw notFound();
        const binding = req.access.require('sweep.check', {
          cityId: item.city_id,
          districtId: item.district_id,
          schoolId: item.school_id,
          gradeId: item.grade_id,
          classId: item.class_id,
        });
        if (item.checked_at) return { id: item.id, checkedAt: item.checked_at.toISOString() };
        const at = new Date();
        await tx
          .updateTable('sweep_item')
          .set({ checked_at: at, checked_by: req.signedIn!.account.id, note_enc: encryptOptional(req.body.note) })
          .where('id', '=', item.id)
          .execute();
        await auditRequest(tx, req, {
          action: 'sweep.check',
          targetType: 'sweep_item',
          targetId: item.id,
          placement: { cityId: item.city_id, districtId: item.district_id, schoolId: item.school_id },
          binding,
          detail: { sweepId: item.sweep_id, studentId: item.student_id },
        });
        return { id: item.id, checkedAt: at.toISOString() };
      });
    },
  );
}
