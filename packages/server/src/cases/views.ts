import {
  CASE_STATES,
  CONTACT_METHODS,
  CASE_STEPS,
  eventsFrom,
  FOLLOW_UP_STATUSES,
  followUpStatus,
  REFERRAL_STATUSES,
  type CaseStep,
} from '@yuxin/core';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { Nullable } from '../http/schemas.js';
import { decryptOptional, decryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import type { CaseRow } from './store.js';

type Db = Kysely<Database>;
const Person = Type.Object({ id: Type.String(), name: Type.String() });

export const StudentRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  studentNo: Type.String(),
  className: Type.String(),
  gradeName: Type.String(),
});

export const FollowUpView = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  dueAt: Type.String(),
  responsible: Person,
  status: Type.Enum([...FOLLOW_UP_STATUSES]),
  doneAt: Nullable(Type.String()),
});

export const ReferralView = Type.Object({
  id: Type.String(),
  hospital: Person,
  status: Type.Enum([...REFERRAL_STATUSES]),
  fastTrack: Type.Boolean(),
  reason: Type.String(),
  summary: Type.String(),
  consentRecordedAt: Nullable(Type.String()),
  consentGuardianName: Nullable(Type.String()),
  consentGivenAt: Nullable(Type.String({ description: 'When the guardian really consented' })),
  consentContactMethod: Nullable(Type.Enum([...CONTACT_METHODS])),
  visitedAt: Nullable(Type.String()),
  recommendation: Nullable(Type.String()),
  admitted: Nullable(Type.Boolean()),
  feedbackAt: Nullable(Type.String()),
  certificateRef: Nullable(Type.String()),
  reassessment: Nullable(Type.String()),
  returnPlan: Nullable(Type.String()),
  returnedAt: Nullable(Type.String()),
  returnOccurredAt: Nullable(Type.String({ description: 'When the student really returned to school' })),
  returnMethod: Nullable(Type.Enum([...CONTACT_METHODS])),
  endedAt: Nullable(Type.String({ description: 'When it was cancelled or re-routed' })),
  endReason: Nullable(Type.String()),
  reroutedTo: Nullable(Type.String({ description: 'The referral that replaced a re-routed one' })),
  stay: Nullable(
    Type.Object({
      admittedAt: Type.String(),
      dischargedAt: Nullable(Type.String()),
      dischargeSummary: Nullable(Type.String()),
      certificateRef: Nullable(Type.String({ description: 'The return-to-school certificate the doctor issued' })),
    }),
  ),
  createdAt: Type.String(),
});

export const CaseSummary = Type.Object({
  id: Type.String(),
  state: Type.Enum([...CASE_STATES]),
  student: StudentRef,
  riskLevel: Nullable(Type.String()),
  openedAt: Type.String(),
  openedBy: Person,
  updatedAt: Type.String(),
  openFollowUps: Type.Integer(),
  overdueFollowUps: Type.Integer(),
});

export const CaseDetail = Type.Object({
  ...CaseSummary.properties,
  riskReasons: Type.Array(Type.String()),
  assessment: Nullable(Type.Object({ interview: Type.String(), assessedAt: Type.String() })),
  plan: Nullable(
    Type.Object({
      goals: Type.Array(Type.String()),
      actions: Type.Array(Type.String()),
      note: Nullable(Type.String()),
      plannedAt: Type.String(),
    }),
  ),
  helpers: Type.Array(
    Type.Object({ id: Type.String(), role: Type.String(), userId: Nullable(Type.String()), name: Type.String() }),
  ),
  alerts: Type.Array(
    Type.Object({ id: Type.String(), source: Type.String(), urgency: Type.String(), createdAt: Type.String() }),
  ),
  followUps: Type.Array(Type.Object({ ...FollowUpView.properties, outcome: Nullable(Type.String()) })),
  referrals: Type.Array(ReferralView),
  approvals: Type.Array(
    Type.Object({
      kind: Type.String(),
      outcome: Type.String(),
      note: Nullable(Type.String()),
      decidedBy: Person,
      decidedAt: Type.String(),
    }),
  ),
  conclusion: Nullable(Type.String()),
  guardianInformedAt: Nullable(Type.String({ description: 'When the guardian was really told' })),
  guardianContactMethod: Nullable(Type.Enum([...CONTACT_METHODS])),
  closedAt: Nullable(Type.String()),
  nextEvents: Type.Array(Type.String()),
  nextSteps: Type.Array(
    Type.Object({
      step: Type.Unsafe<CaseStep>({ type: 'string', enum: [...CASE_STEPS] }),
      primary: Type.Boolean({ description: 'What the case is waiting for' }),
    }),
    { description: 'The steps the reader may take on this case now, in the order to show them' },
  ),
});

export const TimelineEvent = Type.Object({
  id: Type.String(),
  type: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown()),
  note: Nullable(Type.String()),
  actor: Nullable(Person),
  at: Type.String(),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Case rows with the student's name and class, for lists; no free text. */
export function caseListQuery(db: Db, now = new Date()) {
  return db
    .selectFrom('care_case as c')
    .innerJoin('student as s', 's.id', 'c.student_id')
    .innerJoin('org_unit as cl', 'cl.id', 's.class_id')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .innerJoin('user_account as u', 'u.id', 'c.opened_by')
    .selectAll('c')
    .select([
      's.name as student_name',
      's.student_no',
      'cl.name_zh as class_name',
      'g.name_zh as grade_name',
      'u.display_name as opened_by_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('follow_up as f')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('f.case_id', '=', 'c.id')
        .where('f.done_at', 'is', null)
        .as('open_follow_ups'),
      eb
        .selectFrom('follow_up as f')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('f.case_id', '=', 'c.id')
        .where('f.done_at', 'is', null)
        .where('f.due_at', '<', now)
        .as('overdue_follow_ups'),
    ]);
}

type ListRow = Awaited<ReturnType<ReturnType<typeof caseListQuery>['executeTakeFirstOrThrow']>>;

export function caseSummary(r: ListRow) {
  return {
    id: r.id,
    state: r.state,
    student: {
      id: r.student_id,
      name: r.student_name,
      studentNo: r.student_no,
      className: r.class_name,
      gradeName: r.grade_name,
    },
    riskLevel: r.risk_level,
    openedAt: r.opened_at.toISOString(),
    openedBy: { id: r.opened_by, name: r.opened_by_name },
    updatedAt: r.updated_at.toISOString(),
    openFollowUps: Number(r.open_follow_ups ?? 0),
    overdueFollowUps: Number(r.overdue_follow_ups ?? 0),
  };
}

export function referralView(r: Awaited<ReturnType<typeof referralRows>>[number]) {
  return {
    id: r.id,
    hospital: { id: r.hospital_id, name: r.hospital_name },
    status: r.status,
    fastTrack: r.fast_track,
    reason: decryptText(r.reason_enc),
    summary: decryptText(r.summary_enc),
    consentRecordedAt: iso(r.consent_recorded_at),
    consentGuardianName: r.consent_guardian_name,
    consentGivenAt: iso(r.consent_given_at),
    consentContactMethod: r.consent_contact_method,
    visitedAt: iso(r.visited_at),
    recommendation: decryptOptional(r.recommendation_enc),
    admitted: r.admitted,
    feedbackAt: iso(r.feedback_at),
    certificateRef: r.certificate_ref,
    reassessment: decryptOptional(r.reassessment_enc),
    returnPlan: decryptOptional(r.return_plan_enc),
    returnedAt: iso(r.returned_at),
    returnOccurredAt: iso(r.return_occurred_at),
    returnMethod: r.return_method,
    endedAt: iso(r.ended_at),
    endReason: decryptOptional(r.end_reason_enc),
    reroutedTo: r.rerouted_to,
    stay: r.admitted_at
      ? {
          admittedAt: r.admitted_at.toISOString(),
          dischargedAt: iso(r.discharged_at),
          dischargeSummary: decryptOptional(r.discharge_summary_enc),
          certificateRef: r.hospital_certificate_ref,
        }
      : null,
    createdAt: r.created_at.toISOString(),
  };
}

function referralRows(db: Db, of: { caseId: string } | { studentId: string }) {
  let q = db
    .selectFrom('referral as r')
    .innerJoin('hospital as h', 'h.id', 'r.hospital_id')
    .selectAll('r')
    .select('h.name_zh as hospital_name');
  q =
    'caseId' in of
      ? q.where('r.case_id', '=', of.caseId)
      : q.where('r.case_id', 'in', (eb) =>
          eb.selectFrom('care_case').select('id').where('student_id', '=', of.studentId),
        );
  return q.orderBy('r.created_at').execute();
}

/** Every referral of a student over all their cases, oldest first, text decrypted: callers audit the read. */
export async function studentReferrals(db: Db, studentId: string) {
  return (await referralRows(db, { studentId })).map(referralView);
}

/** Everything about one case, notes decrypted: callers audit the read. */
export async function caseDetail(db: Db, c: CaseRow, now = new Date()) {
  const row = await caseListQuery(db, now).where('c.id', '=', c.id).executeTakeFirstOrThrow();
  const [helpers, alerts, followUps, referrals, approvals] = await Promise.all([
    db.selectFrom('case_helper').selectAll().where('case_id', '=', c.id).orderBy('created_at').execute(),
    db
      .selectFrom('case_alert as ca')
      .innerJoin('alert as a', 'a.id', 'ca.alert_id')
      .select(['a.id', 'a.source', 'a.urgency', 'a.created_at'])
      .where('ca.case_id', '=', c.id)
      .orderBy('a.created_at')
      .execute(),
    db
      .selectFrom('follow_up as f')
      .innerJoin('user_account as u', 'u.id', 'f.responsible_user_id')
      .selectAll('f')
      .select('u.display_name as responsible_name')
      .where('f.case_id', '=', c.id)
      .orderBy('f.due_at')
      .execute(),
    referralRows(db, { caseId: c.id }),
    db
      .selectFrom('case_approval as ap')
      .innerJoin('user_account as u', 'u.id', 'ap.decided_by')
      .selectAll('ap')
      .select('u.display_name as decided_by_name')
      .where('ap.case_id', '=', c.id)
      .orderBy('ap.decided_at')
      .execute(),
  ]);
  const plan = row.plan as { actions: string[] } | null;
  const planText = row.plan_enc
    ? (JSON.parse(decryptText(row.plan_enc)) as { goals: string[]; note: string | null })
    : { goals: [], note: null };
  return {
    ...caseSummary(row),
    riskReasons: row.risk_reasons,
    assessment: row.assessed_at
      ? { interview: decryptOptional(row.assessment_enc) ?? '', assessedAt: row.assessed_at.toISOString() }
      : null,
    plan:
      plan && row.planned_at
        ? { goals: planText.goals, actions: plan.actions, note: planText.note, plannedAt: row.planned_at.toISOString() }
        : null,
    helpers: helpers.map((h) => ({ id: h.id, role: h.role, userId: h.user_id, name: h.name })),
    alerts: alerts.map((a) => ({
      id: a.id,
      source: a.source,
      urgency: a.urgency,
      createdAt: a.created_at.toISOString(),
    })),
    followUps: followUps.map((f) => ({
      id: f.id,
      caseId: f.case_id,
      dueAt: f.due_at.toISOString(),
      responsible: { id: f.responsible_user_id, name: f.responsible_name },
      status: followUpStatus({ dueAt: f.due_at, doneAt: f.done_at }, now),
      doneAt: iso(f.done_at),
      outcome: decryptOptional(f.outcome_enc),
    })),
    referrals: referrals.map(referralView),
    approvals: approvals.map((a) => ({
      kind: a.kind,
      outcome: a.outcome,
      note: decryptOptional(a.note_enc),
      decidedBy: { id: a.decided_by, name: a.decided_by_name },
      decidedAt: a.decided_at.toISOString(),
    })),
    conclusion: decryptOptional(row.conclusion_enc),
    guardianInformedAt: iso(row.guardian_informed_at),
    guardianContactMethod: row.guardian_contact_method,
    closedAt: iso(row.closed_at),
    nextEvents: eventsFrom(row.state),
  };
}

export async function caseTimeline(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('case_event as e')
    .leftJoin('user_account as u', 'u.id', 'e.actor_id')
    .selectAll('e')
    .select('u.display_name as actor_name')
    .where('e.case_id', '=', caseId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((e) => ({
    id: String(e.id),
    type: e.type,
    payload: e.payload,
    note: decryptOptional(e.note_enc),
    actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
    at: e.at.toISOString(),
  }));
}
