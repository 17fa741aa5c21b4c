import { ACTIVITY_KINDS } from '@yuxin/core';
import { Type } from 'typebox';
import { listActivities, recordActivity, updateActivity, voidActivity } from '../activities/ledger.js';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { IdParams, Nullable, Uuid } from '../http/schemas.js';
import { requestContext } from '../services/context.js';

const Kind = Type.Enum([...ACTIVITY_KINDS], {
  description:
    'class_meeting 主题班会, lecture 心理讲座 (for students), group_session 团体辅导, day_5_25 5·25 心理健康日, day_10_10 10·10 世界精神卫生日',
});
const Term = Type.Union([Type.Literal(1), Type.Literal(2)]);
const Day = Type.String({ format: 'date', description: 'A China calendar day, YYYY-MM-DD' });
const Title = Type.String({ minLength: 1, maxLength: 200 });
const Participants = Type.Integer({ minimum: 0, maximum: 100000 });
// OpenAPI 3.0 has no numeric exclusiveMinimum: an activity lasts at least a quarter hour.
const Hours = Type.Number({ minimum: 0.25, maximum: 24 });
const Notes = Type.String({ maxLength: 500, description: 'A short note; kept encrypted' });

const Activity = Type.Object({
  id: Type.String(),
  schoolId: Type.String(),
  classId: Nullable(Type.String()),
  className: Nullable(Type.String()),
  kind: Kind,
  title: Type.String(),
  heldOn: Type.String(),
  schoolYear: Type.String(),
  term: Term,
  participants: Type.Integer(),
  hours: Type.Number(),
  notes: Nullable(Type.String()),
  recordedByName: Type.String(),
  recordedAt: Type.String(),
  voided: Type.Boolean(),
  voidReason: Nullable(Type.String()),
  mine: Type.Boolean({ description: 'The reader may correct or void this entry' }),
});

/** 活动台账: a school's activities, recorded by its staff and counted per term in supervision. */
export async function activitiesRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/activities',
    {
      config: { policy: 'activity.record' },
      schema: {
        tags: ['activities'],
        querystring: Type.Object(
          {
            schoolId: Type.Optional(Uuid),
            schoolYear: Type.Optional(Type.String({ maxLength: 9, pattern: '^\\d{4}-\\d{4}$' })),
            term: Type.Optional(Term),
            kind: Type.Optional(Kind),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Activity, { maxItems: 500 }),
            counts: Type.Record(Type.String(), Type.Integer(), {
              description: 'Entries shown that count in supervision (not voided), by kind',
            }),
          }),
        },
      },
    },
    (req) => listActivities(requestContext(req, db), req.query),
  );

  api.post(
    '/v1/activities',
    {
      config: { policy: 'activity.record' },
      schema: {
        tags: ['activities'],
        body: Type.Object(
          {
            clientId: Type.String({ format: 'uuid', description: 'Chosen by the client: a retry lands once' }),
            schoolId: Uuid,
            classId: Type.Optional(Uuid),
            kind: Kind,
            title: Title,
            heldOn: Day,
            participants: Participants,
            hours: Hours,
            notes: Type.Optional(Notes),
          },
          { additionalProperties: false },
        ),
        response: { 200: Activity, 201: Activity },
      },
    },
    async (req, reply) => {
      const { created, activity } = await recordActivity(requestContext(req, db), req.body);
      return reply.code(created ? 201 : 200).send(activity);
    },
  );

  api.patch(
    '/v1/activities/:id',
    {
      config: { policy: 'activity.record' },
      schema: {
        tags: ['activities'],
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Title),
            heldOn: Type.Optional(Day),
            participants: Type.Optional(Participants),
            hours: Type.Optional(Hours),
            notes: Type.Optional(Nullable(Notes)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Activity },
      },
    },
    (req) => updateActivity(requestContext(req, db), req.params.id, req.body),
  );

  api.delete(
    '/v1/activities/:id',
    {
      config: { policy: 'activity.record' },
      schema: {
        tags: ['activities'],
        params: IdParams,
        description: 'Voids the entry with a reason: it stays in the ledger and no longer counts. Never deletes.',
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Activity },
      },
    },
    (req) => voidActivity(requestContext(req, db), req.params.id, req.body.reason),
  );
}
