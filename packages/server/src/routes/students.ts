import type { Api } from '../http/api.js';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { CARE_TAGS, CareTag, IdParams, Nullable, PageQuery, paged, Uuid } from '../http/schemas.js';
import { changeStudent, listStudents, readStudent } from '../roster/student-records.js';
import { requestContext } from '../services/context.js';

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
    async (req) =>
      listStudents(requestContext(req, db), {
        ...req.query,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
      }),
  );

  api.get(
    '/v1/students/:id',
    {
      config: { policy: 'student.read' },
      schema: { tags: ['students'], params: IdParams, response: { 200: StudentDetail } },
    },
    async (req) => readStudent(requestContext(req, db), req.params.id),
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
    async (req) => changeStudent(requestContext(req, db), req.params.id, req.body),
  );
}
