import {
  ACTION_KINDS,
  CASE_STATES,
  CLOSURE_OUTCOMES,
  CONTACT_METHODS,
  HELPER_ROLES,
  LEADER_REVIEW_OUTCOMES,
  MAX_FOLLOW_UPS,
  RISK_LEVELS,
  RISK_REASONS,
} from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import {
  addRecord,
  decideOnCase,
  MANUAL_CASE_EVENTS,
  moveCase,
  recordAssessment,
  recordLeaderConference,
  recordPlan,
  referCase,
  scheduleFollowUps,
  scheduleMonitoring,
} from '../cases/commands.js';
import { openCase } from '../cases/open.js';
import { findCase } from '../cases/store.js';
import { caseCandidates, listCases, readCase, readTimeline, readTrajectory } from '../cases/queries.js';
import { CaseDetail, CaseSummary, TimelineEvent } from '../cases/views.js';
import type { Api } from '../http/api.js';
import { IdParams, PageQuery, paged, Uuid } from '../http/schemas.js';
import { requestContext } from '../services/context.js';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Note = Type.Optional(Type.String({ maxLength: 4000 }));
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const RecordBody = Type.Union([
  Type.Object(
    {
      type: Type.Literal('action'),
      kind: lit(ACTION_KINDS),
      occurredAt: Type.Optional(
        Type.String({ format: 'date-time', description: 'When it happened; not in the future, not before the case' }),
      ),
      contactMethod: Type.Optional(lit(CONTACT_METHODS)),
      note: Text(4000),
      guardianInformed: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('conference'),
      heldAt: Type.String({ format: 'date-time' }),
      attendees: Type.Array(Type.Object({ name: Text(60), role: Text(60) }, { additionalProperties: false }), {
        minItems: 1,
        maxItems: 30,
      }),
      conclusions: Text(4000),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('disclosure'),
      told: Type.Array(lit(['head_teacher', 'guardian'] as const), { minItems: 1, maxItems: 2, uniqueItems: true }),
      reason: Text(4000),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('note'), note: Text(4000) }, { additionalProperties: false }),
]);

const TransitionBody = Type.Object(
  {
    event: lit(MANUAL_CASE_EVENTS),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    conclusion: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

const DecisionBody = Type.Union([
  Type.Object(
    { kind: Type.Literal('leader_review'), outcome: lit(LEADER_REVIEW_OUTCOMES), note: Note },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('closure'), outcome: lit(CLOSURE_OUTCOMES), note: Note },
    { additionalProperties: false },
  ),
]);

const StateResult = Type.Object({ id: Type.String(), state: Type.String() });

/** 一案一清: cases of the school's psychology staff, the leader's decisions, and the case's own records. */
export async function casesRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/cases',
    {
      config: { policy: 'case.read' },
      schema: {
        tags: ['cases'],
        querystring: Type.Object(
          {
            mine: Type.Optional(Type.Boolean({ description: 'Cases I opened or help on' })),
            state: Type.Optional(lit(CASE_STATES)),
            active: Type.Optional(Type.Boolean()),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(CaseSummary) },
      },
    },
    (req) => listCases(requestContext(req, db), req.query),
  );

  api.post(
    '/v1/cases',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['cases'],
        body: Type.Object(
          { alertIds: Type.Array(Uuid, { minItems: 1, maxItems: 20 }), note: Note },
          { additionalProperties: false },
        ),
        response: { 200: StateResult, 201: StateResult },
      },
    },
    async (req, reply) => {
      const { id, created } = await openCase(requestContext(req, db), req.body.alertIds, req.body.note);
      const c = await findCase(db, id);
      reply.code(created ? 201 : 200);
      return { id, state: c.state };
    },
  );

  api.get(
    '/v1/cases/:id',
    { config: { policy: 'case.read' }, schema: { tags: ['cases'], params: IdParams, response: { 200: CaseDetail } } },
    (req) => readCase(requestContext(req, db), req.params.id),
  );

  api.get(
    '/v1/cases/:id/timeline',
    {
      config: { policy: 'case.read' },
      schema: {
        tags: ['cases'],
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(TimelineEvent) }) },
      },
    },
    (req) => readTimeline(requestContext(req, db), req.params.id),
  );

  api.put(
    '/v1/cases/:id/assessment',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['cases'],
        params: IdParams,
        body: Type.Object(
          {
            riskLevel: lit(RISK_LEVELS),
            reasons: Type.Array(lit(RISK_REASONS), { minItems: 1, maxItems: RISK_REASONS.length, uniqueItems: true }),
            interview: Text(8000),
          },
          { additionalProperties: false },
        ),
        response: { 200: StateResult },
      },
    },
    (req) => recordAssessment(requestContext(req, db), req.params.id, req.body),
  );

  api.put(
    '/v1/cases/:id/plan',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['cases'],
        params: IdParams,
        body: Type.Object(
          {
            goals: Type.Array(Text(500), { minItems: 1, maxItems: 20 }),
            actions: Type.Array(lit(ACTION_KINDS), { maxItems: ACTION_KINDS.length, uniqueItems: true }),
            note: Note,
            helpers: Type.Array(
              Type.Object(
                {
                  role: lit(HELPER_ROLES),
                  userId: Type.Optional(Uuid),
                  name: Type.Optional(Text(60)),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 10 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: StateResult },
      },
    },
    (req) => recordPlan(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/cases/:id/records',
    {
      config: { policy: 'case.manage' },
      schema: { tags: ['cases'], params: IdParams, body: RecordBody, response: { 201: StateResult } },
    },
    async (req, reply) => {
      const result = await addRecord(requestContext(req, db), req.params.id, req.body);
      reply.code(201);
      return result;
    },
  );

  api.post(
    '/v1/cases/:id/transition',
    {
      config: { policy: 'case.manage' },
      schema: { tags: ['cases'], params: IdParams, body: TransitionBody, response: { 200: StateResult } },
    },
    (req) => moveCase(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/cases/:id/decisions',
    {
      config: { policy: 'case.approve' },
      schema: { tags: ['cases'], params: IdParams, body: DecisionBody, response: { 200: StateResult } },
    },
    (req) => decideOnCase(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/cases/:id/conferences',
    {
      config: { policy: 'case.approve' },
      schema: {
        tags: ['cases'],
        params: IdParams,
        body: Type.Object(
          {
            heldAt: Type.String({ format: 'date-time', description: 'Not in the future, not before the case' }),
            participants: Type.Array(Type.Object({ name: Text(60), role: Text(60) }, { additionalProperties: false }), {
              minItems: 1,
              maxItems: 30,
            }),
            decision: Text(4000),
          },
          { additionalProperties: false },
        ),
        response: { 201: StateResult },
      },
    },
    async (req, reply) => {
      const result = await recordLeaderConference(requestContext(req, db), req.params.id, req.body);
      reply.code(201);
      return result;
    },
  );

  api.post(
    '/v1/cases/:id/follow-ups',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['cases'],
        params: IdParams,
        body: Type.Object(
          {
            responsibleUserId: Uuid,
            startAt: Type.Optional(Type.String({ format: 'date-time' })),
            phases: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    everyDays: Type.Integer({ minimum: 1, maximum: 180 }),
                    count: Type.Integer({ minimum: 1, maximum: MAX_FOLLOW_UPS }),
                  },
                  { additionalProperties: false },
                ),
                {
                  minItems: 1,
                  maxItems: 6,
                },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Type.String(), state: Type.String(), dueDates: Type.Array(Type.String()) }),
        },
      },
    },
    async (req, reply) => {
      const result = await scheduleFollowUps(requestContext(req, db), req.params.id, req.body);
      reply.code(201);
      return result;
    },
  );

  api.post(
    '/v1/cases/:id/referrals',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['cases', 'referrals'],
        params: IdParams,
        body: Type.Object(
          { hospitalId: Uuid, reason: Text(4000), summary: Text(8000), fastTrack: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), referralId: Type.String(), state: Type.String() }) },
      },
    },
    async (req, reply) => {
      const result = await referCase(requestContext(req, db), req.params.id, req.body);
      reply.code(201);
      return result;
    },
  );

  api.post(
    '/v1/cases/:id/monitoring',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['cases', 'campaigns'],
        params: IdParams,
        body: Type.Object({ weeks: Type.Integer({ minimum: 0, maximum: 26 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ campaignId: Type.String(), opensAt: Type.String(), closesAt: Type.String() }) },
      },
    },
    async (req, reply) => {
      const result = await scheduleMonitoring(requestContext(req, db), req.params.id, req.body.weeks);
      reply.code(201);
      return result;
    },
  );

  api.get(
    '/v1/cases/:id/candidates',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['cases'],
        params: IdParams,
        response: {
          200: Type.Object({
            staff: Type.Array(
              Type.Object({ id: Type.String(), name: Type.String(), roles: Type.Array(Type.String()) }),
            ),
            /** The school's partner hospital first (`partner`), then the city's others by name. */
            hospitals: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), partner: Type.Boolean() })),
          }),
        },
      },
    },
    (req) => caseCandidates(requestContext(req, db), req.params.id),
  );

  api.get(
    '/v1/cases/:id/trajectory',
    {
      config: { policy: 'response.read' },
      schema: {
        tags: ['cases'],
        params: IdParams,
        response: {
          200: Type.Object({
            studentId: Type.String(),
            series: Type.Array(
              Type.Object({
                instrument: Type.String(),
                points: Type.Array(
                  Type.Object({
                    responseId: Type.String(),
                    at: Type.String(),
                    total: Type.Union([Type.Integer(), Type.Null()]),
                    band: Type.Union([Type.String(), Type.Null()]),
                    valid: Type.Boolean(),
                    campaignKind: Type.Union([Type.String(), Type.Null()]),
                    critical: Type.Boolean(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    (req) => readTrajectory(requestContext(req, db), req.params.id),
  );
}
