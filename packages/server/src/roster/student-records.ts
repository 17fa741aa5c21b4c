import { sql } from 'kysely';
import { STUDENT_SCOPE_COLUMNS, type ScopeColumns } from '../access/request-access.js';
import { fieldProblem, notFound } from '../http/problem.js';
import { placementOfStudent } from '../org/placement.js';
import { loadStudentDetail, studentBase, toItem } from '../org/student-profile.js';
import type { ServiceContext } from '../services/context.js';
import { moveEnrollment } from './enrollment.js';

/**
 * The student records a school keeps (学籍): the list staff search, one student's record, and corrections
 * to it, including a move to another class of the same school. Every list and every record shown names
 * students, so each is audited with the ids it returned.
 */

export interface StudentFilter {
  q?: string;
  schoolId?: string;
  gradeId?: string;
  classId?: string;
  careTag?: string;
  page: number;
  pageSize: number;
}

const prefixed = (prefix: string) =>
  Object.fromEntries(Object.entries(STUDENT_SCOPE_COLUMNS).map(([k, v]) => [k, prefix + v])) as ScopeColumns;

export async function listStudents(ctx: ServiceContext, filter: StudentFilter) {
  const { q, schoolId, gradeId, classId, careTag, page, pageSize } = filter;
  let query = studentBase(ctx.db)
    .where(ctx.access.filter('student.list', prefixed('s.')))
    .where('s.status', '=', 'active');
  if (schoolId) query = query.where('s.school_id', '=', schoolId);
  if (gradeId) query = query.where('s.grade_id', '=', gradeId);
  if (classId) query = query.where('s.class_id', '=', classId);
  if (careTag) query = query.where(sql<boolean>`${careTag} = any(s.care_tags)`);
  const needle = q?.trim();
  if (needle) {
    const escaped = needle.replace(/[\\%_]/g, (m: string) => `\\${m}`);
    query = query.where((eb) =>
      eb.or([eb('s.name', 'like', `%${escaped}%`), eb('s.student_no', 'like', `${escaped}%`)]),
    );
  }
  const [{ total }] = (await query
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('total'))
    .execute()) as [{ total: number }];
  const rows = await query
    .orderBy('sch.code')
    .orderBy('sch.name_zh')
    .orderBy('g.grade_level')
    .orderBy('c.class_no')
    .orderBy('s.name')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  await ctx.audit(ctx.db, {
    action: 'student.list',
    targetType: 'student_list',
    placement: rows[0]
      ? { cityId: rows[0].city_id, districtId: schoolId || gradeId || classId ? rows[0].district_id : null }
      : undefined,
    detail: { q: needle ?? null, schoolId, gradeId, classId, careTag, page, returned: rows.map((r) => r.id) },
  });
  return { items: rows.map(toItem), total, page, pageSize };
}

export async function readStudent(ctx: ServiceContext, id: string) {
  const row = await studentBase(ctx.db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const binding = ctx.access.require('student.read', placementOfStudent(row));
  await ctx.audit(ctx.db, {
    action: 'student.read',
    targetType: 'student',
    targetId: row.id,
    placement: placementOfStudent(row),
    binding,
  });
  return loadStudentDetail(ctx.db, row);
}

export interface StudentChange {
  name?: string;
  gender?: 'male' | 'female';
  birthDate?: string | null;
  boarding?: boolean;
  careTags?: string[];
  /** Another class of the student's own school; a move between schools is a transfer. */
  classId?: string;
}

export async function changeStudent(ctx: ServiceContext, id: string, change: StudentChange) {
  const before = await studentBase(ctx.db).where('s.id', '=', id).executeTakeFirst();
  if (!before) throw notFound();
  const binding = ctx.access.require('student.write', placementOfStudent(before));
  let target: { id: string; grade_id: string | null } | undefined;
  if (change.classId && change.classId !== before.class_id) {
    target = await ctx.db
      .selectFrom('org_unit')
      .select(['id', 'grade_id'])
      .where('id', '=', change.classId)
      .where('kind', '=', 'class')
      .where('school_id', '=', before.school_id)
      .executeTakeFirst();
    if (!target) throw fieldProblem('/classId', 'class.wrong-school');
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('student')
      .set({
        ...(change.name !== undefined && { name: change.name }),
        ...(change.gender !== undefined && { gender: change.gender }),
        ...(change.birthDate !== undefined && { birth_date: change.birthDate }),
        ...(change.boarding !== undefined && { boarding: change.boarding }),
        ...(change.careTags !== undefined && { care_tags: change.careTags }),
        ...(target && { class_id: target.id, grade_id: target.grade_id! }),
        updated_at: ctx.clock(),
      })
      .where('id', '=', before.id)
      .execute();
    if (target) await moveEnrollment(tx, before, { classId: target.id, gradeId: target.grade_id! });
    await ctx.audit(tx, {
      action: 'student.write',
      targetType: 'student',
      targetId: before.id,
      placement: placementOfStudent(before),
      binding,
      detail: { fields: Object.keys(change) },
    });
  });
  return toItem(await studentBase(ctx.db).where('s.id', '=', before.id).executeTakeFirstOrThrow());
}
