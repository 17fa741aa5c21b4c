import type { Api } from '../http/api.js';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { STUDENT_SCOPE_COLUMNS } from '../access/request-access.js';
import { auditRequest } from '../audit/request-audit.js';
import { fieldProblem, notFound } from '../http/problem.js';
import { CARE_TAGS, CareTag, IdParams, Nullable, PageQuery, paged, Uuid } from '../http/schemas.js';
import { placementOfStudent } from '../org/placement.js';
import { moveEnrollment } from '../roster/enrollment.js';
import { loadStudentDetail, studentBase, toItem } from '../org/student-profile.js';

const StudentItem = Type.Object({
  id: Type.String(),
  studentNo: Type.String(),
  name: Type.String(),
  gender: Type.String(),
  birthDate: Nullable(Type.String()),
  schoolId: Type.String(),
  schoolName: Type.String(),
  gradeId: Type.String(),
  gradeName: Type.String(),
  classId: Type.String(),
  className: Type.String(),
  careTags: Type.Array(Type.String()),
  boarding: Type.Boolean(),
});

const StudentDetail = Type.Intersect([
  StudentItem,
  Type.Object({
    districtName: Type.String(),
    status: Type.String(),
    guardians: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), relation: Type.String(), phone: Type.String() }),
    ),
    enrollments: Type.Array(
      Type.Object({
        schoolYear: Type.String(),
        schoolName: Type.String(),
        gradeName: Type.String(),
        className: Type.String(),
        from: Type.String(),
        to: Nullable(Type.String()),
      }),
    ),
    account: Nullable(
      Type.Object({
        userId: Type.String(),
        username: Type.String(),
        activated: Type.Boolean(),
        locked: Type.Boolean(),
      }),
    ),
  }),
]);

export async function studentRoutes(api: Api, { db }: AppDeps) {
  const ListQuery = Type.Object(
    {
      q: Type.Optional(Type.String({ maxLength: 50 })),
      schoolId: Type.Optional(Uuid),
      gradeId: Type.Optional(Uuid),
      classId: Type.Optional(Uuid),
      careTag: Type.Optional(CareTag),
      ...PageQuery,
    },
    { additionalProperties: false },
  );
  api.get(
    '/v1/students',
    {
      config: { policy: 'student.list' },
      schema: { tags: ['students'], querystring: ListQuery, response: { 200: paged(StudentItem) } },
    },
    async (req) => {
      const { q, schoolId, gradeId, classId, careTag } = req.query;
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      let query = studentBase(db)
        .where(req.access.filter('student.list', prefixed(STUDENT_SCOPE_COLUMNS, 's.')))
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
      await auditRequest(db, req, {
        action: 'student.list',
        targetType: 'student_list',
        placement: rows[0]
          ? { cityId: rows[0].city_id, districtId: schoolId || gradeId || classId ? rows[0].district_id : null }
          : undefined,
        detail: { q: needle ?? null, schoolId, gradeId, classId, careTag, page, returned: rows.map((r) => r.id) },
      });
      return { items: rows.map(toItem), total, page, pageSize };
    },
  );

  api.get(
    '/v1/students/:id',
    {
      config: { policy: 'student.read' },
      schema: { tags: ['students'], params: IdParams, response: { 200: StudentDetail } },
    },
    async (req) => {
      const row = await studentBase(db).where('s.id', '=', req.params.id).executeTakeFirst();
      if (!row) throw notFound();
      const binding = req.access.require('student.read', placementOfStudent(row));
      await auditRequest(db, req, {
        action: 'student.read',
        targetType: 'student',
        targetId: row.id,
        placement: placementOfStudent(row),
        binding,
      });
      return loadStudentDetail(db, row);
    },
  );

  const PatchBody = Type.Object(
    {
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
      gender: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
      birthDate: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
      boarding: Type.Optional(Type.Boolean()),
      careTags: Type.Optional(Type.Array(CareTag, { uniqueItems: true, maxItems: CARE_TAGS.length })),
      classId: Type.Optional(Uuid),
    },
    { additionalProperties: false, minProperties: 1 },
  );
  api.patch(
    '/v1/students/:id',
    {
      config: { policy: 'student.write' },
      schema: { tags: ['students'], params: IdParams, body: PatchBody, response: { 200: StudentItem } },
    },
    async (req) => {
      const before = await studentBase(db).where('s.id', '=', req.params.id).executeTakeFirst();
      if (!before) throw notFound();
      const binding = req.access.require('student.write', placementOfStudent(before));
      const body = req.body;
      let target: { id: string; grade_id: string | null } | undefined;
      if (body.classId && body.classId !== before.class_id) {
        target = await db
          .selectFrom('org_unit')
          .select(['id', 'grade_id'])
          .where('id', '=', body.classId)
          .where('kind', '=', 'class')
          .where('school_id', '=', before.school_id)
          .executeTakeFirst();
        if (!target) throw fieldProblem('/classId', 'class.wrong-school');
      }
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('student')
          .set({
            ...(body.name !== undefined && { name: body.name }),
            ...(body.gender !== undefined && { gender: body.gender }),
            ...(body.birthDate !== undefined && { birth_date: body.birthDate }),
            ...(body.boarding !== undefined && { boarding: body.boarding }),
            ...(body.careTags !== undefined && { care_tags: body.careTags }),
            ...(target && { class_id: target.id, grade_id: target.grade_id! }),
            updated_at: new Date(),
          })
          .where('id', '=', before.id)
          .execute();
        if (target) await moveEnrollment(tx, before, { classId: target.id, gradeId: target.grade_id! });
        await auditRequest(tx, req, {
          action: 'student.write',
          targetType: 'student',
          targetId: before.id,
          placement: placementOfStudent(before),
          binding,
          detail: { fields: Object.keys(body) },
        });
      });
      const after = await studentBase(db).where('s.id', '=', before.id).executeTakeFirstOrThrow();
      return toItem(after);
    },
  );
}

function prefixed(columns: typeof STUDENT_SCOPE_COLUMNS, prefix: string) {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, prefix + v]));
}
