import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { ServiceContext } from '../services/context.js';

// A student's profile as the student page and the archive show it: one query, one shape.

export function studentBase(db: Kysely<Database>) {
  return db
    .selectFrom('student as s')
    .innerJoin('org_unit as sch', 'sch.id', 's.school_id')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .innerJoin('org_unit as c', 'c.id', 's.class_id')
    .select([
      's.id',
      's.student_no',
      's.name',
      's.gender',
      's.birth_date',
      's.city_id',
      's.district_id',
      's.school_id',
      's.grade_id',
      's.class_id',
      's.care_tags',
      's.boarding',
      's.status',
      'sch.name_zh as school_name',
      'g.name_zh as grade_name',
      'c.name_zh as class_name',
    ]);
}

export type StudentRow = Awaited<ReturnType<ReturnType<typeof studentBase>['executeTakeFirstOrThrow']>>;

export function toItem(r: StudentRow) {
  return {
    id: r.id,
    studentNo: r.student_no,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    schoolId: r.school_id,
    schoolName: r.school_name,
    gradeId: r.grade_id,
    gradeName: r.grade_name,
    classId: r.class_id,
    className: r.class_name,
    careTags: r.care_tags,
    boarding: r.boarding,
  };
}

export async function loadStudentDetail(db: Kysely<Database>, row: StudentRow) {
  const [district, guardians, enrollments, account] = await Promise.all([
    db.selectFrom('org_unit').select('name_zh').where('id', '=', row.district_id).executeTakeFirst(),
    db
      .selectFrom('student_guardian as sg')
      .innerJoin('guardian as gd', 'gd.id', 'sg.guardian_id')
      .select(['gd.id', 'gd.name', 'gd.phone', 'sg.relation'])
      .where('sg.student_id', '=', row.id)
      .execute(),
    db
      .selectFrom('enrollment as e')
      .innerJoin('org_unit as sch', 'sch.id', 'e.school_id')
      .innerJoin('org_unit as g', 'g.id', 'e.grade_id')
      .innerJoin('org_unit as c', 'c.id', 'e.class_id')
      .select([
        'e.school_year',
        'e.started_at',
        'e.ended_at',
        'sch.name_zh as school_name',
        'g.name_zh as grade_name',
        'c.name_zh as class_name',
      ])
      .where('e.student_id', '=', row.id)
      .orderBy('e.started_at')
      .execute(),
    db
      .selectFrom('user_account')
      .select(['id', 'username', 'activated_at', 'locked_until'])
      .where('student_id', '=', row.id)
      .executeTakeFirst(),
  ]);
  return {
    ...toItem(row),
    districtName: district?.name_zh ?? '',
    status: row.status,
    guardians: guardians.map((g) => ({ id: g.id, name: g.name, relation: g.relation, phone: g.phone })),
    enrollments: enrollments.map((e) => ({
      schoolYear: e.school_year,
      schoolName: e.school_name,
      gradeName: e.grade_name,
      className: e.class_name,
      from: e.started_at.toISOString(),
      to: e.ended_at ? e.ended_at.toISOString() : null,
    })),
    account: account
      ? {
          userId: account.id,
          username: account.username,
          activated: !!account.activated_at,
          locked: !!account.locked_until && account.locked_until.getTime() > Date.now(),
        }
      : null,
  };
}

/**
 * What a student sees of themself, or a guardian of their children: identity and class, no care tags.
 * Each child shown is a read of that student's record, audited as such.
 */
export async function readOwnProfiles(ctx: ServiceContext) {
  const ids = ctx.access
    .scopes('self.read')
    .filter((s) => s.level === 'person')
    .map((s) => s.id);
  if (ids.length === 0) return { children: [] };
  const rows = await studentBase(ctx.db).where('s.id', 'in', ids).execute();
  for (const r of rows) {
    await ctx.audit(ctx.db, {
      action: 'self.read',
      targetType: 'student',
      targetId: r.id,
      placement: { cityId: r.city_id, districtId: r.district_id, schoolId: r.school_id },
    });
  }
  return {
    children: rows.map((r) => ({
      id: r.id,
      name: r.name,
      studentNo: r.student_no,
      schoolName: r.school_name,
      gradeName: r.grade_name,
      className: r.class_name,
    })),
  };
}
