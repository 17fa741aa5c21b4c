import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { IdParams, PageQuery, Uuid } from '../http/schemas.js';
import {
  campaignCompletion,
  dueForScreening,
  remindUnfinished,
  unfinishedInClass,
} from '../screening/campaigns/progress.js';
import { CompletionCountsProps, Respondent, UnitRef } from '../screening/campaigns/schemas.js';
import { requestContext } from '../services/context.js';

const Level = Type.Union([
  Type.Literal('district'),
  Type.Literal('school'),
  Type.Literal('grade'),
  Type.Literal('class'),
]);
const CompletionRow = Type.Object({
  unitId: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  ...CompletionCountsProps,
});
const CompletionResult = Type.Object({
  campaignId: Type.String(),
  level: Level,
  unit: Type.Union([UnitRef, Type.Null()]),
  rows: Type.Array(CompletionRow),
  total: Type.Object(CompletionCountsProps),
});

const UnfinishedResult = Type.Object({
  campaignId: Type.String(),
  classId: Type.String(),
  items: Type.Array(
    Type.Object({
      studentId: Type.String(),
      name: Type.String(),
      studentNo: Type.String(),
      respondent: Respondent,
      status: Type.Union([Type.Literal('pending'), Type.Literal('in_progress')]),
      consentStatus: Type.Union([
        Type.Literal('not_required'),
        Type.Literal('pending'),
        Type.Literal('granted'),
        Type.Literal('refused'),
      ]),
      lastRemindedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      reminderCount: Type.Integer(),
    }),
  ),
});

const DueResult = Type.Object({
  unit: UnitRef,
  frequency: Type.Union([Type.Literal('school_year'), Type.Literal('term')]),
  period: Type.Object({
    schoolYear: Type.String(),
    term: Type.Union([Type.Integer(), Type.Null()]),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
  }),
  rows: Type.Array(
    Type.Object({
      unitId: Type.String(),
      kind: Type.String(),
      name: Type.String(),
      nameEn: Type.Union([Type.String(), Type.Null()]),
      students: Type.Integer(),
      due: Type.Integer(),
    }),
  ),
  total: Type.Object({ students: Type.Integer(), due: Type.Integer() }),
  /** Names only where the caller may list the unit's students; null otherwise. */
  students: Type.Union([
    Type.Object({
      items: Type.Array(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          studentNo: Type.String(),
          gradeName: Type.String(),
          className: Type.String(),
          lastScreenedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        }),
      ),
      total: Type.Integer(),
      page: Type.Integer(),
      pageSize: Type.Integer(),
    }),
    Type.Null(),
  ]),
});

export async function completionRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/campaigns/:id/completion',
    {
      config: { policy: 'completion.read' },
      schema: {
        tags: ['completion'],
        params: IdParams,
        querystring: Type.Object(
          { level: Type.Optional(Level), unitId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 200: CompletionResult },
      },
    },
    async (req) => campaignCompletion(requestContext(req, db), req.params.id, req.query),
  );

  api.get(
    '/v1/campaigns/:id/completion/students',
    {
      config: { policy: 'completion.read' },
      schema: {
        tags: ['completion'],
        params: IdParams,
        querystring: Type.Object({ classId: Uuid }, { additionalProperties: false }),
        response: { 200: UnfinishedResult },
      },
    },
    async (req) => unfinishedInClass(requestContext(req, db), req.params.id, req.query.classId),
  );

  api.post(
    '/v1/campaigns/:id/reminders',
    {
      config: { policy: 'completion.remind' },
      schema: {
        tags: ['completion'],
        params: IdParams,
        body: Type.Object({ classId: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ count: Type.Integer(), skipped: Type.Integer() }) },
      },
    },
    async (req) => remindUnfinished(requestContext(req, db), req.params.id, req.body.classId),
  );

  api.get(
    '/v1/screening/due',
    {
      config: { policy: 'completion.read' },
      schema: {
        tags: ['completion'],
        querystring: Type.Object({ unitId: Uuid, ...PageQuery }, { additionalProperties: false }),
        response: { 200: DueResult },
      },
    },
    async (req) =>
      dueForScreening(requestContext(req, db), req.query.unitId, {
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
      }),
  );
}
