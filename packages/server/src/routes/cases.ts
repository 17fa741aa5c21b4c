import { MAX_FOLLOW_UPS, DEFAULT_SCHEDULE, followUpDates } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { auditRequest } from '../audit/request-audit.js';
import { scheduleMonitoring, scoreTrajectory } from '../cases/monitoring.js';
import { caseProblem } from '../cases/messages.js';
import { openCase } from '../cases/open.js';
import {
  appendEvent,
  auditPlacement,
  casePlacement,
  caseScopeColumns,
  findCase,
  latestReferral,
  requireWorkable,
  staffInSchool,
  tenantOf,
  transition,
} from '../cases/store.js';
import {
  CaseDetail,
  caseDetail,
  caseListQuery,
  CaseSummary,
  caseSummary,
  caseTimeline,
  TimelineEvent,
} from '../cases/views.js';
import { encryptOptional, encryptText } from '../crypto/field-crypto.js';
import type { Api } from '../http/api.js';
import { IdParams, PageQuery, paged, Uuid } from '../http/schemas.js';
import { sql } from 'kysely';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Note = Type.Optional(Type.String({ maxLength: 4000 }));
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const RISK_LEVELS = ['low', 'moderate', 'high', 'imminent'] as const;
/** Structured grounds of a risk level; the interview itself is free text, stored encrypted. */
export const RISK_REASONS = [
  'suicidal_ideation',
  'suicide_plan',
  'self_harm',
  'prior_attempt',
  'severe_depression',
  'severe_anxiety',
  'family_crisis',
  'bullying',
  'loss',
  'substance_use',
  'psychotic_signs',
  'other',
] as const;
export const ACTION_KINDS = ['talk', 'group_work', 'guardian_contact', 'home_visit', 'safety_plan'] as const;

const RecordBody = Type.Union([
  Type.Object(
    {
      type: Type.Literal('action'),
      kind: lit(ACTION_KINDS),
      at: Type.Optional(Type.String({ format: 'date-time' })),
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
    event: lit(['start_assessment', 'start_intervention', 'start_follow_up', 'request_closure', 'reopen'] as const),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    conclusion: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

const DecisionBody = Type.Union([
  Type.Object(
    { kind: Type.Literal('leader_review'), outcome: lit(['refer', 'no_referral'] as const), note: Note },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('closure'), outcome: lit(['approved', 'rejected'] as const), note: Note },
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
            state: Type.Optional(
              lit(['open', 'assessing', 'intervening', 'referred', 'following_up', 'closing', 'closed'] as const),
            ),
            active: Type.Optional(Type.Boolean()),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(CaseSummary) },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      const me = req.signedIn!.account.id;
      let q = caseListQuery(db).where(req.access.filter('case.read', caseScopeColumns('c')));
      if (req.query.state) q = q.where('c.state', '=', req.query.state);
      if (req.query.active) q = q.where('c.state', '<>', 'closed');
      if (req.query.mine) {
        q = q.where((eb) =>
          eb.or([
            eb('c.opened_by', '=', me),
            eb.exists(
              eb
                .selectFrom('case_helper as h')
                .select('h.id')
                .whereRef('h.case_id', '=', 'c.id')
                .where('h.user_id', '=', me),
            ),
          ]),
        );
      }
      const { total } = (await q
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('total'))
        .executeTakeFirst()) ?? { total: 0 };
      const rows = await q
        .orderBy(sql`case c.state when 'closing' then 0 when 'open' then 1 when 'closed' then 9 else 2 end`)
        .orderBy('c.updated_at', 'desc')
        .orderBy('c.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      const items = rows.map(caseSummary);
      await auditRequest(db, req, {
        action: 'case.list',
        targetType: 'cases',
        detail: { state: req.query.state, mine: req.query.mine, returned: items.map((i) => i.id) },
      });
      return { items, total, page, pageSize };
    },
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
      const { id, created } = await openCase(db, req, req.body.alertIds, req.body.note);
      const c = await findCase(db, id);
      reply.code(created ? 201 : 200);
      return { id, state: c.state };
    },
  );

  api.get(
    '/v1/cases/:id',
    { config: { policy: 'case.read' }, schema: { tags: ['cases'], params: IdParams, response: { 200: CaseDetail } } },
    async (req) => {
      const c = await findCase(db, req.params.id);
      const binding = req.access.require('case.read', casePlacement(c));
      const detail = await caseDetail(db, c);
      // The detail carries decrypted notes and hospital feedback: every read is on the record.
      await auditRequest(db, req, {
        action: 'case.read',
        targetType: 'case',
        targetId: c.id,
        placement: auditPlacement(c),
        binding,
        detail: { studentId: c.student_id, notes: true },
      });
      return detail;
    },
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
    async (req) => {
      const c = await findCase(db, req.params.id);
      const binding = req.access.require('case.read', casePlacement(c));
      const items = await caseTimeline(db, c.id);
      await auditRequest(db, req, {
        action: 'case.timeline.read',
        targetType: 'case',
        targetId: c.id,
        placement: auditPlacement(c),
        binding,
        detail: { studentId: c.student_id, events: items.length },
      });
      return { items };
    },
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
    async (req) => {
      const { riskLevel, reasons, interview } = req.body;
      return db.transaction().execute(async (tx) => {
        const c = await findCase(tx, req.params.id, true);
        const binding = req.access.require('case.manage', casePlacement(c));
        requireWorkable(req, c);
        await tx
          .updateTable('care_case')
          .set({
            risk_level: riskLevel,
            risk_reasons: JSON.stringify(reasons),
            assessment_enc: encryptText(interview),
            assessed_at: new Date(),
            updated_at: new Date(),
          })
          .where('id', '=', c.id)
          .execute();
        await appendEvent(tx, c, req.signedIn!.account.id, 'assessed', { riskLevel, reasons }, interview);
        await auditRequest(tx, req, {
          action: 'case.assess',
          targetType: 'case',
          targetId: c.id,
          placement: auditPlacement(c),
          binding,
          detail: { riskLevel, reasons },
        });
        return { id: c.id, state: c.state };
      });
    },
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
                  role: lit(['psych_teacher', 'head_teacher', 'peer', 'guardian'] as const),
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
    async (req) => {
      const body = req.body;
      return db.transaction().execute(async (tx) => {
        const c = await findCase(tx, req.params.id, true);
        const binding = req.access.require('case.manage', casePlacement(c));
        requireWorkable(req, c);
        // Staff helpers are accounts of the student's school; a peer or guardian is named only.
        const helpers = [];
        for (const [i, h] of body.helpers.entries()) {
          if (h.role === 'psych_teacher' || h.role === 'head_teacher') {
            const staff = h.userId ? await staffInSchool(tx, h.userId, c.school_id) : undefined;
            if (!staff) throw caseProblem(req, 'validation', 'staff.not-in-school', undefined, `/helpers/${i}/userId`);
            helpers.push({ role: h.role, user_id: staff.id, name: staff.display_name });
          } else {
            if (!h.name) throw caseProblem(req, 'validation', 'staff.not-in-school', undefined, `/helpers/${i}/name`);
            helpers.push({ role: h.role, user_id: null, name: h.name });
          }
        }
        await tx.deleteFrom('case_helper').where('case_id', '=', c.id).execute();
        await tx
          .insertInto('case_helper')
          .values(helpers.map((h) => ({ ...h, case_id: c.id, ...tenantOf(c) })))
          .execute();
        await tx
          .updateTable('care_case')
          // Goals are free text about the student: encrypted with the note; only the action kinds stay queryable.
          .set({
            plan: JSON.stringify({ actions: body.actions }),
            plan_enc: encryptText(JSON.stringify({ goals: body.goals, note: body.note ?? null })),
            planned_at: new Date(),
            updated_at: new Date(),
          })
          .where('id', '=', c.id)
          .execute();
        // Goals are the plan's text too: the timeline keeps only counts and roles in clear.
        await appendEvent(
          tx,
          c,
          req.signedIn!.account.id,
          'planned',
          { goals: body.goals.length, actions: body.actions, helpers: helpers.map((h) => h.role) },
          [...body.goals, body.note ?? ''].join('\n').trim(),
        );
        await auditRequest(tx, req, {
          action: 'case.plan',
          targetType: 'case',
          targetId: c.id,
          placement: auditPlacement(c),
          binding,
          detail: { helpers: helpers.map((h) => h.role), actions: body.actions },
        });
        return { id: c.id, state: c.state };
      });
    },
  );

  api.post(
    '/v1/cases/:id/records',
    {
      config: { policy: 'case.manage' },
      schema: { tags: ['cases'], params: IdParams, body: RecordBody, response: { 201: StateResult } },
    },
    async (req, reply) => {
      const body = req.body;
      const me = req.signedIn!.account.id;
      const result = await db.transaction().execute(async (tx) => {
        const c = await findCase(tx, req.params.id, true);
        const binding = req.access.require('case.manage', casePlacement(c));
        requireWorkable(req, c);
        let detail: Record<string, unknown>;
        if (body.type === 'action') {
          if (body.guardianInformed)
            await tx
              .updateTable('care_case')
              .set({ guardian_informed_at: new Date(), updated_at: new Date() })
              .where('id', '=', c.id)
              .execute();
          await appendEvent(
            tx,
            c,
            me,
            `action.${body.kind}`,
            { at: body.at ?? new Date().toISOString(), guardianInformed: body.guardianInformed ?? false },
            body.note,
          );
          detail = { kind: body.kind, guardianInformed: body.guardianInformed ?? false };
        } else if (body.type === 'conference') {
          await tx
            .insertInto('case_conference')
            .values({
              case_id: c.id,
              ...tenantOf(c),
              held_at: body.heldAt,
              attendees: JSON.stringify(body.attendees),
              conclusions_enc: encryptText(body.conclusions),
              recorded_by: me,
            })
            .execute();
          await appendEvent(
            tx,
            c,
            me,
            'conference',
            { heldAt: body.heldAt, attendees: body.attendees },
            body.conclusions,
          );
          detail = { attendees: body.attendees.length };
        } else if (body.type === 'disclosure') {
          // Breaking confidentiality is allowed only with a reason, and always leaves this trace.
          await tx
            .insertInto('case_disclosure')
            .values({
              case_id: c.id,
              ...tenantOf(c),
              told: body.told,
              reason_enc: encryptText(body.reason),
              disclosed_by: me,
            })
            .execute();
          if ((body.told as string[]).includes('guardian'))
            await tx
              .updateTable('care_case')
              .set({ guardian_informed_at: new Date(), updated_at: new Date() })
              .where('id', '=', c.id)
              .execute();
          await appendEvent(tx, c, me, 'confidentiality_broken', { told: body.told }, body.reason);
          detail = { told: body.told };
        } else {
          await appendEvent(tx, c, me, 'note', {}, body.note);
          detail = {};
        }
        await auditRequest(tx, req, {
          action: `case.record.${body.type}`,
          targetType: 'case',
          targetId: c.id,
          placement: auditPlacement(c),
          binding,
          detail,
        });
        return { id: c.id, state: c.state };
      });
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
    async (req) => {
      const { event, reason, conclusion } = req.body;
      return db.transaction().execute(async (tx) => {
        let c = await findCase(tx, req.params.id, true);
        const binding = req.access.require('case.manage', casePlacement(c));
        // One active case per student: a newer case opened since this one closed carries on instead.
        if (
          event === 'reopen' &&
          (await tx
            .selectFrom('care_case')
            .select('id')
            .where('student_id', '=', c.student_id)
            .where('state', '<>', 'closed')
            .executeTakeFirst())
        ) {
          throw caseProblem(req, 'conflict', 'case.active-exists');
        }
        if (event === 'request_closure' && conclusion?.trim()) {
          await tx
            .updateTable('care_case')
            .set({ conclusion_enc: encryptText(conclusion.trim()), updated_at: new Date() })
            .where('id', '=', c.id)
            .execute();
          c = await findCase(tx, c.id);
        }
        const state = await transition(tx, req, c, event, {
          reasonGiven: Boolean(reason?.trim()),
          note: reason?.trim() || (event === 'request_closure' ? conclusion : null),
        });
        await auditRequest(tx, req, {
          action: `case.${event}`,
          targetType: 'case',
          targetId: c.id,
          placement: auditPlacement(c),
          binding,
          detail: { from: c.state, to: state },
        });
        return { id: c.id, state };
      });
    },
  );

  api.post(
    '/v1/cases/:id/decisions',
    {
      config: { policy: 'case.approve' },
      schema: { tags: ['cases'], params: IdParams, body: DecisionBody, response: { 200: StateResult } },
    },
    async (req) => {
      const body = req.body;
      return db.transaction().execute(async (tx) => {
        const c = await findCase(tx, req.params.id, true);
        const binding = req.access.require('case.approve', casePlacement(c));
        const me = req.signedIn!.account.id;
        let state = c.state;
        if (body.kind === 'leader_review') {
          // 研判 comes during intervention, before the case is referred.
          if (c.state !== 'intervening') throw caseProblem(req, 'conflict', 'decision.review-state');
          await appendEvent(tx, c, me, 'leader_review', { outcome: body.outcome }, body.note);
        } else {
          if (c.state !== 'closing') throw caseProblem(req, 'conflict', 'decision.closure-state');
          state = await transition(tx, req, c, body.outcome === 'approved' ? 'approve_closure' : 'reject_closure', {
            reasonGiven: Boolean(body.note?.trim()),
            note: body.note,
          });
        }
        await tx
          .insertInto('case_approval')
          .values({
            case_id: c.id,
            ...tenantOf(c),
            kind: body.kind,
            outcome: body.outcome,
            note_enc: encryptOptional(body.note),
            decided_by: me,
          })
          .execute();
        await auditRequest(tx, req, {
          action: `case.decide.${body.kind}`,
          targetType: 'case',
          targetId: c.id,
          placement: auditPlacement(c),
          binding,
          detail: { outcome: body.outcome, from: c.state, to: state },
        });
        return { id: c.id, state };
      });
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
      const body = req.body;
      const phases = body.phases ?? DEFAULT_SCHEDULE;
      const total = phases.reduce((n, p) => n + p.count, 0);
      if (total > MAX_FOLLOW_UPS)
        throw caseProblem(req, 'validation', 'schedule.invalid', { why: `≤ ${MAX_FOLLOW_UPS}` }, '/phases');
      const dates = followUpDates(body.startAt ? new Date(body.startAt) : new Date(), phases);
      const result = await db.transaction().execute(async (tx) => {
        const c = await findCase(tx, req.params.id, true);
        const binding = req.access.require('case.manage', casePlacement(c));
        requireWorkable(req, c);
        const responsible = await staffInSchool(tx, body.responsibleUserId, c.school_id);
        if (!responsible) throw caseProblem(req, 'validation', 'staff.not-in-school', undefined, '/responsibleUserId');
        await tx
          .insertInto('follow_up')
          .values(
            dates.map((due_at) => ({
              case_id: c.id,
              ...tenantOf(c),
              class_id: c.class_id,
              due_at,
              responsible_user_id: responsible.id,
            })),
          )
          .execute();
        await appendEvent(tx, c, req.signedIn!.account.id, 'follow_ups_scheduled', {
          count: dates.length,
          phases,
          responsible: { id: responsible.id, name: responsible.display_name },
        });
        await auditRequest(tx, req, {
          action: 'case.schedule_follow_ups',
          targetType: 'case',
          targetId: c.id,
          placement: auditPlacement(c),
          binding,
          detail: { count: dates.length, responsibleUserId: responsible.id },
        });
        return { id: c.id, state: c.state, dueDates: dates.map((d) => d.toISOString()) };
      });
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
      const body = req.body;
      const result = await db.transaction().execute(async (tx) => {
        const c = await findCase(tx, req.params.id, true);
        const binding = req.access.require('case.manage', casePlacement(c));
        const hospital = await tx
          .selectFrom('hospital')
          .select(['id', 'name_zh'])
          .where('id', '=', body.hospitalId)
          .where('city_id', '=', c.city_id)
          .executeTakeFirst();
        if (!hospital) throw caseProblem(req, 'validation', 'hospital.unknown', undefined, '/hospitalId');
        if (await latestReferral(tx, c.id)) throw caseProblem(req, 'conflict', 'referral.open-exists');
        const referral = await tx
          .insertInto('referral')
          .values({
            case_id: c.id,
            ...tenantOf(c),
            student_id: c.student_id,
            hospital_id: hospital.id,
            fast_track: body.fastTrack ?? true,
            reason_enc: encryptText(body.reason),
            summary_enc: encryptText(body.summary),
            created_by: req.signedIn!.account.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // The state machine checks the leader's review (常州) and refuses the whole referral if missing.
        const state = await transition(tx, req, c, 'refer', {
          payload: { referralId: referral.id, hospital: hospital.name_zh },
        });
        await auditRequest(tx, req, {
          action: 'case.refer',
          targetType: 'case',
          targetId: c.id,
          placement: auditPlacement(c),
          binding,
          detail: { referralId: referral.id, hospitalId: hospital.id },
        });
        return { id: c.id, referralId: referral.id, state };
      });
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
      const c = await findCase(db, req.params.id);
      req.access.require('case.manage', casePlacement(c));
      requireWorkable(req, c);
      const result = await scheduleMonitoring(db, req, c, req.body.weeks, undefined);
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
            hospitals: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
          }),
        },
      },
    },
    async (req) => {
      const c = await findCase(db, req.params.id);
      req.access.require('case.manage', casePlacement(c));
      // Who can be named helper or follow-up owner: the school's psychology staff and leader, and the head
      // teacher of the student's own class; and the city's partner hospitals for a referral.
      const [staff, hospitals] = await Promise.all([
        db
          .selectFrom('role_binding as rb')
          .innerJoin('user_account as u', 'u.id', 'rb.user_id')
          .select(['u.id', 'u.display_name', sql<string[]>`array_agg(distinct rb.role order by rb.role)`.as('roles')])
          .where('rb.school_id', '=', c.school_id)
          .where('u.disabled_at', 'is', null)
          .where((eb) =>
            eb.or([
              eb('rb.role', 'in', ['psych_teacher', 'school_leader']),
              eb.and([eb('rb.role', '=', 'head_teacher'), eb('rb.scope_id', '=', c.class_id)]),
            ]),
          )
          .groupBy(['u.id', 'u.display_name'])
          .orderBy('u.display_name')
          .execute(),
        db
          .selectFrom('hospital')
          .select(['id', 'name_zh'])
          .where('city_id', '=', c.city_id)
          .orderBy('name_zh')
          .execute(),
      ]);
      return {
        staff: staff.map((s) => ({ id: s.id, name: s.display_name, roles: s.roles })),
        hospitals: hospitals.map((h) => ({ id: h.id, name: h.name_zh })),
      };
    },
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
    async (req) => {
      const c = await findCase(db, req.params.id);
      // Scores are psychology staff's: the case must be in scope for both reading cases and results.
      req.access.require('case.read', casePlacement(c));
      const binding = req.access.require('response.read', casePlacement(c));
      const series = await scoreTrajectory(db, c.student_id);
      await auditRequest(db, req, {
        action: 'response.trajectory',
        targetType: 'student',
        targetId: c.student_id,
        placement: auditPlacement(c),
        binding,
        detail: { caseId: c.id },
      });
      return { studentId: c.student_id, series };
    },
  );
}
