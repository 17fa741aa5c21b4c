import {
  actionEventType,
  authorize,
  REFERRAL_INITIAL_STATUS,
  type ActionKind,
  type CaseEvent,
  type CaseState,
  chinaDateOf,
  type ContactMethod,
  closureDecision,
  type ClosureOutcome,
  decide,
  DEFAULT_SCHEDULE,
  followUpDates,
  type HelperRole,
  type LeaderReviewOutcome,
  MAX_FOLLOW_UPS,
  refusalToRecord,
  refusalToReview,
  type RiskLevel,
  type RiskReason,
} from '@yuxin/core';
import type { Kysely } from 'kysely';
import { encryptOptional, encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import { fieldProblem, notFound } from '../http/problem.js';
import { placementOf } from '../org/placement.js';
import { checkCampaign, requireOwner } from '../screening/campaigns/input.js';
import { publishCampaign } from '../screening/campaigns/publish.js';
import { insertCampaign } from '../screening/campaigns/store.js';
import { getScreeningSettings } from '../screening/settings.js';
import type { ServiceContext } from '../services/context.js';
import {
  allowed,
  occurredAt,
  refuseIf,
  refusalProblem,
  runCaseCommand,
  stateChanged,
  type CaseEventInput,
} from './command.js';
import { caseProblem, cm } from './messages.js';
import { noticeOnCase } from './notices.js';
import { caseFacts, caseStaff, findCase, tenantOf, writeState, type CaseRow } from './store.js';
import { notifyGuardiansOfReferral } from '../referrals/guardian-notices.js';

/**
 * 一案一清: the case commands. Each finds and locks its case, checks the actor's scope and core's rule for
 * the step, writes, and hands its timeline entries and audit facts to `runCaseCommand`. Routes parse the
 * request, call one of these and shape the answer.
 */
type Db = Kysely<Database>;
type StateResult = { id: string; state: CaseState };

const WEEK_MS = 7 * 86_400_000;

/** The case to act on, locked for the transaction: concurrent steps on one case run one after the other. */
const lockedCase = (caseId: string) => async (tx: Db) => ({ c: await findCase(tx, caseId, true) });

export interface AssessmentInput {
  riskLevel: RiskLevel;
  reasons: RiskReason[];
  interview: string;
}

export function recordAssessment(ctx: ServiceContext, caseId: string, input: AssessmentInput): Promise<StateResult> {
  return runCaseCommand(ctx, { policy: 'case.manage', find: lockedCase(caseId) }, async (tx, { c }) => {
    refuseIf(ctx.locale, refusalToRecord(c.state));
    const at = ctx.clock();
    await tx
      .updateTable('care_case')
      .set({
        risk_level: input.riskLevel,
        risk_reasons: JSON.stringify(input.reasons),
        assessment_enc: encryptText(input.interview),
        assessed_at: at,
        updated_at: at,
      })
      .where('id', '=', c.id)
      .execute();
    const facts = { riskLevel: input.riskLevel, reasons: input.reasons };
    return {
      result: { id: c.id, state: c.state },
      events: [{ type: 'assessed', payload: facts, note: input.interview }],
      audit: { action: 'case.assess', detail: facts },
    };
  });
}

export interface PlanInput {
  goals: string[];
  actions: ActionKind[];
  note?: string;
  helpers: Array<{ role: HelperRole; userId?: string; name?: string }>;
}

export function recordPlan(ctx: ServiceContext, caseId: string, input: PlanInput): Promise<StateResult> {
  return runCaseCommand(ctx, { policy: 'case.manage', find: lockedCase(caseId) }, async (tx, { c }) => {
    refuseIf(ctx.locale, refusalToRecord(c.state));
    const helpers = await namedHelpers(ctx, tx, c, input.helpers);
    const at = ctx.clock();
    const earlier = await tx.selectFrom('case_helper').select('user_id').where('case_id', '=', c.id).execute();
    const known = new Set(earlier.map((h) => h.user_id));
    // Staff newly named on the plan are told; those already helping were told before.
    const newcomers = helpers.flatMap((h) => (h.user_id && !known.has(h.user_id) ? [h.user_id] : []));
    await noticeOnCase(tx, c, 'case.helper_assigned', newcomers, ctx.actorId, at.toISOString());
    await tx.deleteFrom('case_helper').where('case_id', '=', c.id).execute();
    await tx
      .insertInto('case_helper')
      .values(helpers.map((h) => ({ ...h, case_id: c.id, ...tenantOf(c) })))
      .execute();
    await tx
      .updateTable('care_case')
      // Goals are free text about the student: encrypted with the note; only the action kinds stay queryable.
      .set({
        plan: JSON.stringify({ actions: input.actions }),
        plan_enc: encryptText(JSON.stringify({ goals: input.goals, note: input.note ?? null })),
        planned_at: at,
        updated_at: at,
      })
      .where('id', '=', c.id)
      .execute();
    const roles = helpers.map((h) => h.role);
    return {
      result: { id: c.id, state: c.state },
      // Goals are the plan's text too: the timeline keeps only counts and roles in clear.
      events: [
        {
          type: 'planned',
          payload: { goals: input.goals.length, actions: input.actions, helpers: roles },
          note: [...input.goals, input.note ?? ''].join('\n').trim(),
        },
      ],
      audit: { action: 'case.plan', detail: { helpers: roles, actions: input.actions } },
    };
  });
}

/** Staff helpers are accounts core's rule accepts for this case; a peer or a guardian is named only. */
async function namedHelpers(ctx: ServiceContext, tx: Db, c: CaseRow, helpers: PlanInput['helpers']) {
  const named = [];
  for (const [i, h] of helpers.entries()) {
    if (h.role === 'psych_teacher' || h.role === 'head_teacher') {
      const [staff] = h.userId ? await caseStaff(tx, c, h.userId) : [];
      if (!staff) throw caseProblem(ctx.locale, 'validation', 'staff.not-eligible', undefined, `/helpers/${i}/userId`);
      named.push({ role: h.role, user_id: staff.id, name: staff.name });
    } else {
      if (!h.name?.trim()) throw fieldProblem(`/helpers/${i}/name`, 'field.required');
      named.push({ role: h.role, user_id: null, name: h.name });
    }
  }
  return named;
}

export type CaseRecordInput =
  | {
      type: 'action';
      kind: ActionKind;
      /** When it really happened (China time on the form); now when not given. */
      occurredAt?: string;
      /** How the guardian was reached: needed for a guardian contact or when the guardian is informed. */
      contactMethod?: ContactMethod;
      note: string;
      guardianInformed?: boolean;
    }
  | { type: 'conference'; heldAt: string; attendees: Array<{ name: string; role: string }>; conclusions: string }
  | { type: 'disclosure'; told: Array<'head_teacher' | 'guardian'>; reason: string }
  | { type: 'note'; note: string };

export function addRecord(ctx: ServiceContext, caseId: string, input: CaseRecordInput): Promise<StateResult> {
  return runCaseCommand(ctx, { policy: 'case.manage', find: lockedCase(caseId) }, async (tx, { c }) => {
    refuseIf(ctx.locale, refusalToRecord(c.state));
    const at = ctx.clock();
    // The guardian counts as informed from when they really were told, not from when it was written down.
    const guardianInformed = (when: Date, method: ContactMethod | null) =>
      tx
        .updateTable('care_case')
        .set({ guardian_informed_at: when, guardian_contact_method: method, updated_at: at })
        .where('id', '=', c.id)
        .execute();
    let event: CaseEventInput;
    let detail: Record<string, unknown>;
    if (input.type === 'action') {
      const informed = input.guardianInformed ?? false;
      const withGuardian = informed || input.kind === 'guardian_contact';
      if (withGuardian && !input.contactMethod)
        throw caseProblem(ctx.locale, 'validation', 'method.required', undefined, '/contactMethod');
      const when = occurredAt(ctx.locale, input.occurredAt, c, at);
      const method = input.contactMethod ?? null;
      if (informed) await guardianInformed(when, method);
      event = {
        type: actionEventType(input.kind),
        payload: { at: when.toISOString(), occurredAt: when.toISOString(), method, guardianInformed: informed },
        note: input.note,
      };
      detail = { kind: input.kind, guardianInformed: informed, occurredAt: when.toISOString(), method };
    } else if (input.type === 'conference') {
      await tx
        .insertInto('case_conference')
        .values({
          case_id: c.id,
          ...tenantOf(c),
          held_at: input.heldAt,
          attendees: JSON.stringify(input.attendees),
          conclusions_enc: encryptText(input.conclusions),
          recorded_by: ctx.actorId,
        })
        .execute();
      event = {
        type: 'conference',
        payload: { heldAt: input.heldAt, attendees: input.attendees },
        note: input.conclusions,
      };
      detail = { attendees: input.attendees.length };
    } else if (input.type === 'disclosure') {
      // Breaking confidentiality is allowed only with a reason, and always leaves this trace.
      await tx
        .insertInto('case_disclosure')
        .values({
          case_id: c.id,
          ...tenantOf(c),
          told: input.told,
          reason_enc: encryptText(input.reason),
          disclosed_by: ctx.actorId,
        })
        .execute();
      if (input.told.includes('guardian')) await guardianInformed(at, null);
      event = { type: 'confidentiality_broken', payload: { told: input.told }, note: input.reason };
      detail = { told: input.told };
    } else {
      event = { type: 'note', note: input.note };
      detail = {};
    }
    return {
      result: { id: c.id, state: c.state },
      events: [event],
      audit: { action: `case.record.${input.type}`, detail },
    };
  });
}

/** The machine's events a psychology teacher sends by hand; the others come with their own records. */
export const MANUAL_CASE_EVENTS = [
  'start_assessment',
  'start_intervention',
  'start_follow_up',
  'request_closure',
  'reopen',
] as const satisfies readonly CaseEvent[];
export type ManualCaseEvent = (typeof MANUAL_CASE_EVENTS)[number];

export function moveCase(
  ctx: ServiceContext,
  caseId: string,
  input: { event: ManualCaseEvent; reason?: string; conclusion?: string },
): Promise<StateResult> {
  return runCaseCommand(ctx, { policy: 'case.manage', find: lockedCase(caseId) }, async (tx, { c }) => {
    const { event } = input;
    // Reopening and opening a case for the same student take the student's lock, so the rule of one active
    // case per student is decided on what the other has committed.
    if (event === 'reopen')
      await tx.selectFrom('student').select('id').where('id', '=', c.student_id).forUpdate().execute();
    const reason = input.reason?.trim() || null;
    const conclusion = event === 'request_closure' ? input.conclusion?.trim() || null : null;
    const facts = await caseFacts(tx, c, reason !== null);
    // The conclusion comes with the request for closure: judged as written, stored only if the step is allowed.
    const asked = conclusion ? { ...facts, conclusionRecorded: true } : facts;
    const move = allowed(ctx.locale, decide(event, asked), asked);
    const at = ctx.clock();
    if (conclusion)
      await tx
        .updateTable('care_case')
        .set({ conclusion_enc: encryptText(conclusion), updated_at: at })
        .where('id', '=', c.id)
        .execute();
    await writeState(tx, c, move.to, at);
    // The leader is told of what now waits for their decision.
    if (move.to === 'closing')
      await noticeOnCase(tx, c, 'case.closure_awaiting', 'school_leaders', ctx.actorId, at.toISOString());
    if (move.to === 'intervening' && facts.leaderReviewRequired)
      await noticeOnCase(tx, c, 'case.review_awaiting', 'school_leaders', ctx.actorId, at.toISOString());
    return {
      result: { id: c.id, state: move.to },
      events: [stateChanged(event, move, { note: reason ?? conclusion })],
      audit: { action: `case.${event}`, detail: { from: c.state, to: move.to } },
    };
  });
}

export type DecisionInput =
  | { kind: 'leader_review'; outcome: LeaderReviewOutcome; note?: string }
  | { kind: 'closure'; outcome: ClosureOutcome; note?: string };

/** The school leader's 研判 before a referral, or the answer to a request for closure. */
export function decideOnCase(ctx: ServiceContext, caseId: string, input: DecisionInput): Promise<StateResult> {
  return runCaseCommand(ctx, { policy: 'case.approve', find: lockedCase(caseId) }, async (tx, { c }) => {
    let state = c.state;
    let event: CaseEventInput;
    if (input.kind === 'leader_review') {
      refuseIf(ctx.locale, refusalToReview(c.state));
      event = { type: 'leader_review', payload: { outcome: input.outcome }, note: input.note };
    } else {
      const closure = closureDecision(c.state, input.outcome);
      if (!closure.ok) throw refusalProblem(ctx.locale, closure.refusal);
      const facts = await caseFacts(tx, c, Boolean(input.note?.trim()));
      const move = allowed(ctx.locale, decide(closure.event, facts), facts);
      await writeState(tx, c, move.to, ctx.clock());
      state = move.to;
      event = stateChanged(closure.event, move, { note: input.note });
    }
    await tx
      .insertInto('case_approval')
      .values({
        case_id: c.id,
        ...tenantOf(c),
        kind: input.kind,
        outcome: input.outcome,
        note_enc: encryptOptional(input.note),
        decided_by: ctx.actorId,
      })
      .execute();
    return {
      result: { id: c.id, state },
      events: [event],
      audit: { action: `case.decide.${input.kind}`, detail: { outcome: input.outcome, from: c.state, to: state } },
    };
  });
}

export interface FollowUpScheduleInput {
  responsibleUserId: string;
  startAt?: string;
  phases?: Array<{ everyDays: number; count: number }>;
}

export function scheduleFollowUps(
  ctx: ServiceContext,
  caseId: string,
  input: FollowUpScheduleInput,
): Promise<StateResult & { dueDates: string[] }> {
  const phases = input.phases ?? DEFAULT_SCHEDULE;
  const total = phases.reduce((n, p) => n + p.count, 0);
  if (total > MAX_FOLLOW_UPS)
    throw caseProblem(ctx.locale, 'validation', 'schedule.invalid', { why: `≤ ${MAX_FOLLOW_UPS}` }, '/phases');
  const dates = followUpDates(input.startAt ? new Date(input.startAt) : ctx.clock(), phases);
  return runCaseCommand(ctx, { policy: 'case.manage', find: lockedCase(caseId) }, async (tx, { c }) => {
    refuseIf(ctx.locale, refusalToRecord(c.state));
    const [responsible] = await caseStaff(tx, c, input.responsibleUserId);
    if (!responsible)
      throw caseProblem(ctx.locale, 'validation', 'staff.not-eligible', undefined, '/responsibleUserId');
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
    await noticeOnCase(tx, c, 'followup.assigned', [responsible.id], ctx.actorId, dates[0]!.toISOString());
    return {
      result: { id: c.id, state: c.state, dueDates: dates.map((d) => d.toISOString()) },
      events: [
        {
          type: 'follow_ups_scheduled',
          payload: { count: dates.length, phases, responsible: { id: responsible.id, name: responsible.name } },
        },
      ],
      audit: { action: 'case.schedule_follow_ups', detail: { count: dates.length, responsibleUserId: responsible.id } },
    };
  });
}

export interface ReferralInput {
  hospitalId: string;
  reason: string;
  summary: string;
  fastTrack?: boolean;
}

/** 转介: the referral is written with the `refer` event, only when the machine allows it (常州: after 研判). */
export function referCase(
  ctx: ServiceContext,
  caseId: string,
  input: ReferralInput,
): Promise<StateResult & { referralId: string }> {
  return runCaseCommand(ctx, { policy: 'case.manage', find: lockedCase(caseId) }, async (tx, { c }) => {
    const hospital = await tx
      .selectFrom('hospital')
      .select(['id', 'name_zh'])
      .where('id', '=', input.hospitalId)
      .where('city_id', '=', c.city_id)
      // A hospital the city stopped working with (deactivated, 0022) takes no new referrals.
      .where('deactivated_at', 'is', null)
      .executeTakeFirst();
    if (!hospital) throw caseProblem(ctx.locale, 'validation', 'hospital.unknown', undefined, '/hospitalId');
    const facts = await caseFacts(tx, c);
    const move = allowed(ctx.locale, decide('refer', facts), facts);
    const referral = await tx
      .insertInto('referral')
      .values({
        case_id: c.id,
        ...tenantOf(c),
        student_id: c.student_id,
        hospital_id: hospital.id,
        fast_track: input.fastTrack ?? true,
        reason_enc: encryptText(input.reason),
        summary_enc: encryptText(input.summary),
        status: REFERRAL_INITIAL_STATUS,
        created_by: ctx.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeState(tx, c, move.to, ctx.clock());
    // The referral waits for the guardian's consent: a guardian with an account is asked on the phone.
    await notifyGuardiansOfReferral(tx, { ...tenantOf(c), id: referral.id, student_id: c.student_id });
    return {
      result: { id: c.id, referralId: referral.id, state: move.to },
      events: [stateChanged('refer', move, { payload: { referralId: referral.id, hospital: hospital.name_zh } })],
      audit: { action: 'case.refer', detail: { referralId: referral.id, hospitalId: hospital.id } },
    };
  });
}

/**
 * 重点监控测 for the student of a case: a `monitoring` campaign of the school naming only this student,
 * opening in `weeks` weeks, made and published through the campaign module's own checks.
 */
export function scheduleMonitoring(
  ctx: ServiceContext,
  caseId: string,
  weeks: number,
): Promise<{ campaignId: string; opensAt: string; closesAt: string }> {
  return runCaseCommand(ctx, { policy: 'case.manage', find: lockedCase(caseId) }, async (tx, { c }) => {
    refuseIf(ctx.locale, refusalToRecord(c.state));
    const { owner } = await requireOwner(tx, ctx.access, c.school_id, ctx.locale);
    const settings = await getScreeningSettings(tx, c.city_id);
    const now = ctx.clock();
    const opensAt = new Date(now.getTime() + weeks * WEEK_MS);
    const checked = await checkCampaign(
      tx,
      ctx.access,
      ctx.locale,
      owner,
      {
        kind: 'monitoring',
        name: cm('monitoring.name', ctx.locale, { date: chinaDateOf(opensAt) }),
        opensAt,
        targetIds: [],
        studentIds: [c.student_id],
        instrumentSets: settings.defaultInstrumentSets,
      },
      { settings, now },
    );
    const campaignId = await insertCampaign(tx, owner, checked, ctx.actorId);
    const campaign = await tx.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
    const published = await publishCampaign(tx, campaign);
    if (typeof published === 'string')
      throw new Error(`a new monitoring campaign could not be published: ${published}`);
    return {
      result: { campaignId, opensAt: opensAt.toISOString(), closesAt: checked.closesAt.toISOString() },
      events: [{ type: 'monitoring_scheduled', payload: { campaignId, opensAt: opensAt.toISOString(), weeks } }],
      audit: { action: 'case.schedule_monitoring', detail: { campaignId, weeks, studentId: c.student_id } },
    };
  });
}

/**
 * Records a follow-up as done. The case's psychology staff may record any follow-up of the case; anyone
 * else only the ones given to them (a head teacher's own). A retried completion answers the same.
 */
export function completeFollowUp(
  ctx: ServiceContext,
  followUpId: string,
  outcome: string,
): Promise<{ id: string; doneAt: string }> {
  return runCaseCommand(
    ctx,
    {
      policy: 'followup.own',
      find: async (tx) => {
        const f = await tx
          .selectFrom('follow_up')
          .selectAll()
          .where('id', '=', followUpId)
          .forUpdate()
          .executeTakeFirst();
        if (!f) throw notFound();
        return { f, c: await findCase(tx, f.case_id) };
      },
      authorize: ({ f, c }, access) => {
        const asManager = authorize(access.actor, 'case.manage', placementOf(c));
        if (asManager.allowed) return asManager.binding;
        if (f.responsible_user_id !== ctx.actorId) throw notFound();
        return access.require('followup.own', {
          cityId: f.city_id,
          districtId: f.district_id,
          schoolId: f.school_id,
          classId: f.class_id,
        });
      },
    },
    async (tx, { f, c }) => {
      if (f.done_at) return { result: { id: f.id, doneAt: f.done_at.toISOString() }, alreadyDone: true };
      const doneAt = ctx.clock();
      await tx
        .updateTable('follow_up')
        .set({ done_at: doneAt, done_by: ctx.actorId, outcome_enc: encryptText(outcome) })
        .where('id', '=', f.id)
        .execute();
      return {
        result: { id: f.id, doneAt: doneAt.toISOString() },
        events: [
          { type: 'follow_up_done', payload: { followUpId: f.id, dueAt: f.due_at.toISOString() }, note: outcome },
        ],
        audit: { action: 'followup.complete', targetType: 'follow_up', targetId: f.id, detail: { caseId: c.id } },
      };
    },
  );
}

export interface LeaderConferenceInput {
  heldAt: string;
  participants: Array<{ name: string; role: string }>;
  decision: string;
}

/**
 * The school leader's case conference (个案会商): when it was held, who took part and what was decided. The
 * leader does not work the case, so this is their own route; the decision is free text, encrypted like the
 * psychology staff's conference conclusions, and the timeline entry says it was the leader's.
 */
export function recordLeaderConference(
  ctx: ServiceContext,
  caseId: string,
  input: LeaderConferenceInput,
): Promise<StateResult> {
  return runCaseCommand(ctx, { policy: 'case.approve', find: lockedCase(caseId) }, async (tx, { c }) => {
    refuseIf(ctx.locale, refusalToRecord(c.state));
    const heldAt = occurredAt(ctx.locale, input.heldAt, c, ctx.clock(), '/heldAt');
    await tx
      .insertInto('case_conference')
      .values({
        case_id: c.id,
        ...tenantOf(c),
        held_at: heldAt,
        attendees: JSON.stringify(input.participants),
        conclusions_enc: encryptText(input.decision),
        recorded_by: ctx.actorId,
      })
      .execute();
    return {
      result: { id: c.id, state: c.state },
      events: [
        {
          type: 'conference',
          payload: { heldAt: heldAt.toISOString(), attendees: input.participants, by: 'leader' },
          note: input.decision,
        },
      ],
      audit: {
        action: 'case.conference',
        detail: { heldAt: heldAt.toISOString(), participants: input.participants.length },
      },
    };
  });
}
