import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { IdParams, Nullable, Uuid } from '../http/schemas.js';
import { attendLecture, createLecture, listMyLectures } from '../parent-school/lectures.js';
import { lectureGuardians, listSchoolLectures, recordAttendance } from '../parent-school/staff.js';
import { requestContext } from '../services/context.js';

const Named = Type.Object({ id: Type.String(), name: Type.String() });

const MyLecture = Type.Object({
  id: Type.String(),
  title: Type.String(),
  schoolName: Type.String(),
  heldAt: Type.String(),
  hours: Type.Number(),
  held: Type.Boolean({ description: 'The lecture has taken place: attendance can be marked' }),
  attended: Type.Boolean(),
});

/** 家长学校: the school records its lectures for guardians; a guardian sees theirs and marks attendance. */
export async function parentSchoolRoutes(api: Api, { db }: AppDeps) {
  api.post(
    '/v1/parent-lectures',
    {
      config: { policy: 'supervision.record' },
      schema: {
        tags: ['parent-school'],
        body: Type.Object(
          {
            schoolId: Uuid,
            title: Type.String({ minLength: 1, maxLength: 200 }),
            heldAt: Type.String({ format: 'date-time' }),
            // OpenAPI 3.0 has no numeric exclusiveMinimum (the document must lint): a lecture lasts at least a quarter hour.
            hours: Type.Number({ minimum: 0.25, maximum: 24 }),
            gradeIds: Type.Array(Uuid, { minItems: 1, maxItems: 12 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            title: Type.String(),
            heldAt: Type.String(),
            hours: Type.Number(),
            gradeIds: Type.Array(Type.String()),
            told: Type.Integer({ description: 'Guardian accounts notified in the app' }),
          }),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await createLecture(requestContext(req, db), req.body)),
  );

  api.get(
    '/v1/parent-lectures',
    {
      config: { policy: 'supervision.record' },
      schema: {
        tags: ['parent-school'],
        querystring: Type.Object({ schoolId: Uuid }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            grades: Type.Array(Named),
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                title: Type.String(),
                heldAt: Type.String(),
                hours: Type.Number(),
                held: Type.Boolean(),
                grades: Type.Array(Named),
                attendance: Type.Object({
                  byGuardian: Type.Integer({ description: 'Marked by the guardian in the app' }),
                  byStaff: Type.Integer({ description: 'Marked by staff on site' }),
                  total: Type.Integer({ description: 'Guardians present, each once' }),
                  invited: Type.Integer({ description: "Guardians of the lecture's grades" }),
                }),
              }),
            ),
          }),
        },
      },
    },
    (req) => listSchoolLectures(requestContext(req, db), req.query.schoolId),
  );

  api.get(
    '/v1/parent-lectures/:id/guardians',
    {
      config: { policy: 'supervision.record' },
      schema: {
        tags: ['parent-school'],
        params: IdParams,
        response: {
          200: Type.Object({
            id: Type.String(),
            title: Type.String(),
            held: Type.Boolean(),
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                children: Type.Array(
                  Type.Object({ name: Type.String(), className: Type.String(), relation: Type.String() }),
                ),
                attended: Nullable(Type.Enum(['guardian', 'staff'], { description: 'Who marked them present' })),
              }),
            ),
          }),
        },
      },
    },
    (req) => lectureGuardians(requestContext(req, db), req.params.id),
  );

  api.post(
    '/v1/parent-lectures/:id/attendance',
    {
      config: { policy: 'supervision.record' },
      schema: {
        tags: ['parent-school'],
        params: IdParams,
        body: Type.Object(
          { guardianIds: Type.Array(Uuid, { minItems: 1, maxItems: 2000 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            added: Type.Integer(),
            alreadyMarked: Type.Integer({ description: 'Already present (by their own mark or an earlier list)' }),
            total: Type.Integer(),
          }),
        },
      },
    },
    (req) => recordAttendance(requestContext(req, db), req.params.id, req.body.guardianIds),
  );

  api.get(
    '/v1/my/lectures',
    {
      config: { policy: 'parent_school.attend' },
      schema: {
        tags: ['parent-school'],
        response: { 200: Type.Object({ items: Type.Array(MyLecture), attendedHours: Type.Number() }) },
      },
    },
    (req) => listMyLectures(requestContext(req, db)),
  );

  api.post(
    '/v1/my/lectures/:id/attendance',
    {
      config: { policy: 'parent_school.attend' },
      schema: {
        tags: ['parent-school'],
        params: IdParams,
        response: {
          200: Type.Object({ id: Type.String(), attended: Type.Boolean(), attendedHours: Type.Number() }),
        },
      },
    },
    (req) => attendLecture(requestContext(req, db), req.params.id),
  );
}
