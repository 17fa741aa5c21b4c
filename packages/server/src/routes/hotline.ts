import {
  CALLER_TYPES,
  ESCALATION_LEVELS,
  HOTLINE_OUTCOMES,
  HOTLINE_RISKS,
  HOTLINE_TOPICS,
  URGENCIES,
} from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { listCalls, raiseSchoolAlert, readCall, recordCall, searchStudents, updateCall } from '../hotline/calls.js';
import { hotlineReport } from '../hotline/report.js';
import { addShift, removeShift, shiftBoard } from '../hotline/shifts.js';
import type { Api } from '../http/api.js';
import { IdParams, Nullable, PageQuery, paged, Uuid } from '../http/schemas.js';
import { requestContext } from '../services/context.js';

const Day = Type.String({ format: 'date', description: 'A China calendar day, YYYY-MM-DD' });
const Reason = Type.String({
  minLength: 1,
  maxLength: 500,
  description: "What the school reads beside the risk: a short reason, never the call's notes",
});

const SchoolAlertView = Type.Object({
  id: Type.String(),
  urgency: Type.Enum([...URGENCIES]),
  status: Type.Enum(['open', 'acknowledged', 'closed']),
  raisedAt: Type.String(),
  acknowledgedAt: Nullable(Type.String({ description: 'When the school took the alert on' })),
  escalationLevel: Type.Enum([...ESCALATION_LEVELS]),
});

const CallSummary = Type.Object({
  id: Type.String(),
  startedAt: Type.String(),
  durationMinutes: Type.Integer(),
  callerType: Type.Enum([...CALLER_TYPES]),
  anonymous: Type.Boolean(),
  student: Nullable(
    Type.Object({ id: Type.String(), name: Type.String(), schoolName: Type.String(), className: Type.String() }),
  ),
  topics: Type.Array(Type.Enum([...HOTLINE_TOPICS])),
  risk: Type.Enum([...HOTLINE_RISKS]),
  outcome: Type.Enum([...HOTLINE_OUTCOMES]),
  followUpAt: Nullable(Type.String()),
  recordedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  schoolAlert: Nullable(SchoolAlertView),
});

const CallDetail = Type.Intersect([
  CallSummary,
  Type.Object({
    callerName: Nullable(Type.String()),
    callerSchool: Nullable(Type.String()),
    callerClass: Nullable(Type.String()),
    intervention: Nullable(Type.String()),
    followUp: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    createdAt: Type.String(),
  }),
]);

const CallBody = Type.Object(
  {
    clientId: Uuid,
    startedAt: Type.String({ format: 'date-time' }),
    durationMinutes: Type.Integer({ minimum: 0, maximum: 600 }),
    callerType: Type.Enum([...CALLER_TYPES]),
    anonymous: Type.Boolean(),
    studentId: Type.Optional(Uuid),
    callerName: Type.Optional(Type.String({ maxLength: 60 })),
    callerSchool: Type.Optional(Type.String({ maxLength: 100 })),
    callerClass: Type.Optional(Type.String({ maxLength: 60 })),
    topics: Type.Array(Type.Enum([...HOTLINE_TOPICS]), {
      minItems: 1,
      maxItems: HOTLINE_TOPICS.length,
      uniqueItems: true,
    }),
    risk: Type.Enum([...HOTLINE_RISKS]),
    intervention: Type.Optional(Type.String({ maxLength: 4000 })),
    outcome: Type.Enum([...HOTLINE_OUTCOMES]),
    followUp: Type.Optional(Type.String({ maxLength: 2000 })),
    followUpAt: Type.Optional(Type.String({ format: 'date-time' })),
    notes: Type.Optional(Type.String({ maxLength: 8000 })),
    schoolAlert: Type.Optional(
      Type.Object(
        { reason: Reason },
        {
          additionalProperties: false,
          description: "Tell the identified student's school in the same step (medium risk or above)",
        },
      ),
    ),
  },
  { additionalProperties: false },
);

// Absent: unchanged; an empty text or a null follow-up time clears it. Anonymity, the student and the start stay.
const CallEdit = Type.Object(
  {
    durationMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 600 })),
    callerType: Type.Optional(Type.Enum([...CALLER_TYPES])),
    callerName: Type.Optional(Type.String({ maxLength: 60 })),
    callerSchool: Type.Optional(Type.String({ maxLength: 100 })),
    callerClass: Type.Optional(Type.String({ maxLength: 60 })),
    topics: Type.Optional(
      Type.Array(Type.Enum([...HOTLINE_TOPICS]), { minItems: 1, maxItems: HOTLINE_TOPICS.length, uniqueItems: true }),
    ),
    risk: Type.Optional(Type.Enum([...HOTLINE_RISKS])),
    intervention: Type.Optional(Type.String({ maxLength: 4000 })),
    outcome: Type.Optional(Type.Enum([...HOTLINE_OUTCOMES])),
    followUp: Type.Optional(Type.String({ maxLength: 2000 })),
    followUpAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    notes: Type.Optional(Type.String({ maxLength: 8000 })),
  },
  { additionalProperties: false },
);

const Created = Type.Object({ id: Type.String() });
const Count = (key: Type.TSchema) => Type.Array(Type.Object({ key, count: Nullable(Type.Integer()) }));

/** The city centre's hotline: its counselors' call records, the step from a call to a school, shifts, counts. */
export async function hotlineRoutes(api: Api, { db, readDb }: AppDeps) {
  api.get(
    '/v1/hotline/calls',
    {
      config: { policy: 'hotline.call' },
      schema: {
        tags: ['hotline'],
        querystring: Type.Object(
          {
            risk: Type.Optional(Type.Enum([...HOTLINE_RISKS])),
            alerted: Type.Optional(Type.Boolean({ description: 'true: only calls that told a school' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(CallSummary) },
      },
    },
    (req) =>
      listCalls(requestContext(req, db), {
        risk: req.query.risk,
        alerted: req.query.alerted,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
      }),
  );

  api.post(
    '/v1/hotline/calls',
    {
      config: { policy: 'hotline.call' },
      schema: { tags: ['hotline'], body: CallBody, response: { 200: Created, 201: Created } },
    },
    async (req, reply) => {
      const { id, created } = await recordCall(requestContext(req, db), req.body);
      reply.code(created ? 201 : 200);
      return { id };
    },
  );

  api.get(
    '/v1/hotline/calls/:id',
    {
      config: { policy: 'hotline.call' },
      schema: { tags: ['hotline'], params: IdParams, response: { 200: CallDetail } },
    },
    (req) => readCall(requestContext(req, db), req.params.id),
  );

  api.patch(
    '/v1/hotline/calls/:id',
    {
      config: { policy: 'hotline.call' },
      schema: {
        tags: ['hotline'],
        params: IdParams,
        body: CallEdit,
        response: { 200: CallDetail },
      },
    },
    (req) => updateCall(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/hotline/calls/:id/alert',
    {
      config: { policy: 'hotline.call' },
      schema: {
        tags: ['hotline'],
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 201: CallSummary },
      },
    },
    async (req, reply) => {
      const call = await raiseSchoolAlert(requestContext(req, db), req.params.id, req.body.reason);
      reply.code(201);
      return call;
    },
  );

  api.get(
    '/v1/hotline/students',
    {
      config: { policy: 'hotline.call' },
      schema: {
        tags: ['hotline'],
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                schoolName: Type.String(),
                className: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    (req) => searchStudents(requestContext(req, db), req.query.q),
  );

  api.get(
    '/v1/hotline/shifts',
    {
      config: { policy: 'hotline.shift' },
      schema: {
        tags: ['hotline'],
        querystring: Type.Object(
          { from: Day, days: Type.Optional(Type.Integer({ minimum: 1, maximum: 14, default: 7 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            shifts: Type.Array(
              Type.Object({
                id: Type.String(),
                counselor: Type.Object({ id: Type.String(), name: Type.String() }),
                startsAt: Type.String(),
                endsAt: Type.String(),
              }),
            ),
            gaps: Type.Array(
              Type.Object({ startsAt: Type.String(), endsAt: Type.String() }, { description: 'Hours nobody covers' }),
            ),
            counselors: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
          }),
        },
      },
    },
    (req) => shiftBoard(requestContext(req, db), req.query.from, req.query.days ?? 7),
  );

  api.post(
    '/v1/hotline/shifts',
    {
      config: { policy: 'hotline.shift' },
      schema: {
        tags: ['hotline'],
        body: Type.Object(
          {
            counselorId: Uuid,
            startsAt: Type.String({ format: 'date-time' }),
            endsAt: Type.String({ format: 'date-time' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Created },
      },
    },
    async (req, reply) => {
      const shift = await addShift(requestContext(req, db), req.body);
      reply.code(201);
      return shift;
    },
  );

  api.delete(
    '/v1/hotline/shifts/:id',
    { config: { policy: 'hotline.shift' }, schema: { tags: ['hotline'], params: IdParams } },
    async (req, reply) => {
      await removeShift(requestContext(req, db), req.params.id);
      return reply.code(204).send();
    },
  );

  api.get(
    '/v1/hotline/report',
    {
      config: { policy: 'hotline.report' },
      schema: {
        tags: ['hotline'],
        querystring: Type.Object({ from: Day, to: Day }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            total: Nullable(Type.Integer({ description: 'null: fewer than five calls, suppressed' })),
            byHour: Count(Type.String({ description: 'Hour of the China clock, 0–23' })),
            byTopic: Count(Type.Enum([...HOTLINE_TOPICS])),
            byCallerType: Count(Type.Enum([...CALLER_TYPES])),
            byRisk: Count(Type.Enum([...HOTLINE_RISKS])),
            schoolAlertShare: Nullable(Type.Number({ description: 'Share of calls that told a school, 0–1' })),
            studentCallsPerThousand: Nullable(
              Type.Number({ description: 'Calls from students per 1,000 students of the city (help-seeking rate)' }),
            ),
            coverage: Type.Object(
              {
                hours: Type.Number({ description: 'Hours in the period' }),
                coveredHours: Type.Number({ description: 'Hours at least one shift covers' }),
                share: Type.Number({ description: 'coveredHours / hours, 0–1' }),
                gapCount: Type.Integer(),
                gaps: Type.Array(Type.Object({ startsAt: Type.String(), endsAt: Type.String() }), {
                  maxItems: 100,
                  description: 'The first uncovered stretches, in order',
                }),
              },
              { description: "24-hour coverage of the period by the centre's shifts" },
            ),
          }),
        },
      },
    },
    (req) => hotlineReport(requestContext(req, db, readDb), req.query.from, req.query.to),
  );
}
