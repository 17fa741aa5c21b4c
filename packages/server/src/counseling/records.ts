import {
  RECORD_FIELDS,
  type CounselingOutcome,
  type RecordField,
  type RoleBinding,
  type SessionType,
} from '@yuxin/core';
import { referCase } from '../cases/commands.js';
import { openCase } from '../cases/open.js';
import { decryptText, encryptText } from '../crypto/field-crypto.js';
import { notFound, Problem } from '../http/problem.js';
import { placementOf, placementOfStudent } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import { recordTakenAlert } from '../warning/announce.js';
import { raiseStudentAlert } from '../warning/raise.js';
import { counselingProblem, isUniqueViolation, km } from './messages.js';
import { findAppointment, findStudent, userNames } from './store.js';

// Phones' and PCs' clocks run a little ahead; a few minutes "in the future" is still now.
const CLOCK_SKEW_MS = 5 * 60_000;

export type RecordBody = {
  appointmentId?: string;
  studentId?: string;
  sessionType: SessionType;
  heldAt?: string;
  durationMinutes: number;
  outcome: CounselingOutcome;
  /** A group session's other students (团体辅导); the record's own student is one of the group anyway. */
  participantIds?: string[];
} & Record<RecordField, string>;

const COLUMN: Record<RecordField, `${RecordField}_enc`> = {
  state: 'state_enc',
  problem: 'problem_enc',
  assessment: 'assessment_enc',
  analysis: 'analysis_enc',
  measures: 'measures_enc',
  evaluation: 'evaluation_enc',
};

export async function findRecord(db: ServiceContext['db'], id: string, lock = false) {
  let q = db.selectFrom('counseling_record').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

/**
 * Writes the six-part record of a session (辅导过程记录), encrypted, for the school's psychology teachers
 * only. A session on an appointment marks it attended; an appointment has one record.
 */
export async function createRecord(ctx: ServiceContext, body: RecordBody) {
  const appointment = body.appointmentId ? await findAppointment(ctx.db, body.appointmentId) : null;
  const studentId = appointment?.student_id ?? body.studentId;
  if (!studentId) throw counselingProblem(ctx.locale, 'validation', 'record.student-required', {}, '/studentId');
  const student = await findStudent(ctx.db, studentId);
  const binding = ctx.access.require('counseling.record', placementOfStudent(student));
  const now = ctx.clock();
  const errors = RECORD_FIELDS.filter((f) => body[f].trim() === '').map((f) => ({
    field: `/${f}`,
    key: 'field.invalid' as const,
    message: km('record.text-required', ctx.locale),
  }));
  // A session on an appointment happened at its time, or now when the student came before it.
  const heldAt = body.heldAt
    ? new Date(body.heldAt)
    : appointment && appointment.starts_at < now
      ? appointment.starts_at
      : now;
  if (heldAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    errors.push({ field: '/heldAt', key: 'field.invalid', message: km('record.held-future', ctx.locale) });
  const participants = [...new Set(body.participantIds ?? [])].filter((p) => p !== student.id);
  if (participants.length && body.sessionType !== 'group')
    errors.push({
      field: '/participantIds',
      key: 'field.invalid',
      message: km('record.participants-group-only', ctx.locale),
    });
  else if (participants.length) {
    const ofSchool = new Set(
      (
        await ctx.db
          .selectFrom('student')
          .select('id')
          .where('id', 'in', participants)
          .where('school_id', '=', student.school_id)
          .where('status', '=', 'active')
          .execute()
      ).map((r) => r.id),
    );
    const stranger = (body.participantIds ?? []).findIndex((p) => p !== student.id && !ofSchool.has(p));
    if (stranger >= 0)
      errors.push({
        field: `/participantIds/${stranger}`,
        key: 'field.invalid',
        message: km('record.participant-not-of-school', ctx.locale),
      });
  }
  if (errors.length) throw new Problem('validation', { detail: errors.map((e) => e.message).join(' '), errors });
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      if (appointment) {
        const a = await findAppointment(tx, appointment.id, true);
        if (a.status === 'cancelled' || a.status === 'no_show')
          throw counselingProblem(ctx.locale, 'conflict', 'record.appointment-closed');
        if (a.status !== 'attended')
          await tx
            .updateTable('counseling_appointment')
            .set({ status: 'attended', updated_at: now })
            .where('id', '=', a.id)
            .execute();
      }
      const r = await tx
        .insertInto('counseling_record')
        .values({
          city_id: student.city_id,
          district_id: student.district_id,
          school_id: student.school_id,
          grade_id: student.grade_id,
          class_id: student.class_id,
          student_id: student.id,
          appointment_id: appointment?.id ?? null,
          counselor_id: ctx.actorId,
          session_type: body.sessionType,
          held_at: heldAt,
          duration_minutes: body.durationMinutes,
          outcome: body.outcome,
          state_enc: encryptText(body.state.trim()),
          problem_enc: encryptText(body.problem.trim()),
          assessment_enc: encryptText(body.assessment.trim()),
          analysis_enc: encryptText(body.analysis.trim()),
          measures_enc: encryptText(body.measures.trim()),
          evaluation_enc: encryptText(body.evaluation.trim()),
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      if (participants.length)
        await tx
          .insertInto('counseling_record_participant')
          .values(participants.map((p) => ({ record_id: r.id, student_id: p })))
          .execute();
      // What was said stays out of the audit log: who, about whom, what kind of session.
      await ctx.audit(tx, {
        action: 'counseling.record.create',
        targetType: 'counseling_record',
        targetId: r.id,
        placement: placementOfStudent(student),
        binding,
        detail: {
          studentId: student.id,
          appointmentId: appointment?.id ?? null,
          sessionType: body.sessionType,
          outcome: body.outcome,
          participantIds: participants,
        },
      });
      return { id: r.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw counselingProblem(ctx.locale, 'conflict', 'record.exists');
    throw err;
  }
}

/** One record with its six parts decrypted; every read is on the audit log, like a case's notes. */
export async function readRecord(ctx: ServiceContext, id: string) {
  const r = await findRecord(ctx.db, id);
  const binding = ctx.access.require('counseling.record', placementOf(r));
  const student = await ctx.db
    .selectFrom('student as s')
    .innerJoin('org_unit as c', 'c.id', 's.class_id')
    .select(['s.id', 's.name', 'c.name_zh as class_name'])
    .where('s.id', '=', r.student_id)
    .executeTakeFirstOrThrow();
  const names = await userNames(ctx.db, [r.counselor_id]);
  const participants = await ctx.db
    .selectFrom('counseling_record_participant as p')
    .innerJoin('student as s', 's.id', 'p.student_id')
    .innerJoin('org_unit as c', 'c.id', 's.class_id')
    .select(['s.id', 's.name', 'c.name_zh as className'])
    .where('p.record_id', '=', r.id)
    .orderBy('s.student_no')
    .execute();
  await ctx.audit(ctx.db, {
    action: 'counseling.record.read',
    targetType: 'counseling_record',
    targetId: r.id,
    placement: placementOf(r),
    binding,
    detail: { studentId: r.student_id },
  });
  const parts = Object.fromEntries(RECORD_FIELDS.map((f) => [f, decryptText(r[COLUMN[f]])])) as Record<
    RecordField,
    string
  >;
  return {
    id: r.id,
    student: { id: student.id, name: student.name, className: student.class_name },
    appointmentId: r.appointment_id,
    counselorName: names.get(r.counselor_id) ?? '',
    sessionType: r.session_type,
    heldAt: r.held_at.toISOString(),
    durationMinutes: r.duration_minutes,
    outcome: r.outcome,
    ...parts,
    participants,
    alertId: r.alert_id,
    caseId: r.case_id,
  };
}

/**
 * From a session to a case in one step: the teacher raises a counseling alert she has already taken on and
 * opens the case from it through the case service (one active case per student: an open case takes the
 * alert instead). The record's content stays in the room; the case gets only the teacher's own note.
 */
export async function openCaseFromRecord(
  ctx: ServiceContext,
  id: string,
  body: { urgency: 'crisis' | 'high' | 'attention'; note?: string },
) {
  const found = await findRecord(ctx.db, id);
  const binding = ctx.access.require('counseling.record', placementOf(found));
  ctx.access.require('case.manage', placementOf(found));
  return ctx.db.transaction().execute((tx) => caseOfRecord({ ...ctx, db: tx }, id, body, binding));
}

/**
 * From a session to the school's alert queue in one step, when the teacher wants the team's 研判 rather than a
 * case of her own: an ordinary alert (the city's deadline, live notices, escalation, its 复核) whose reason is
 * her short note, encrypted; the record's content stays in the room. One alert per record: a record that has
 * raised one, or opened a case, answers 409.
 */
export async function raiseAlertFromRecord(
  ctx: ServiceContext,
  id: string,
  body: { urgency: 'crisis' | 'high' | 'attention'; reason: string },
): Promise<{ alertId: string }> {
  const found = await findRecord(ctx.db, id);
  const binding = ctx.access.require('counseling.record', placementOf(found));
  const reason = body.reason.trim();
  if (!reason) throw counselingProblem(ctx.locale, 'validation', 'record.alert-reason-required', {}, '/reason');
  return ctx.db.transaction().execute(async (tx) => {
    const r = await findRecord(tx, id, true);
    if (r.alert_id) throw counselingProblem(ctx.locale, 'conflict', 'record.alert-exists');
    const alertId = await raiseStudentAlert(tx, {
      student: {
        id: r.student_id,
        city_id: r.city_id,
        district_id: r.district_id,
        school_id: r.school_id,
        grade_id: r.grade_id,
        class_id: r.class_id,
      },
      source: 'counseling',
      urgency: body.urgency,
      reasons: [{ kind: 'counseling', recordId: r.id, reasonEnc: encryptText(reason) }],
      now: ctx.clock(),
    });
    await tx.updateTable('counseling_record').set({ alert_id: alertId }).where('id', '=', r.id).execute();
    await ctx.audit(tx, {
      action: 'counseling.record.alert',
      targetType: 'counseling_record',
      targetId: r.id,
      placement: placementOf(r),
      binding,
      detail: { studentId: r.student_id, alertId, urgency: body.urgency },
    });
    return { alertId };
  });
}

/** The record's active case, or a case opened from it now; ctx.db is the caller's transaction. */
async function caseOfRecord(
  ctx: ServiceContext,
  id: string,
  body: { urgency: 'crisis' | 'high' | 'attention'; note?: string },
  binding: RoleBinding,
): Promise<{ caseId: string; created: boolean }> {
  const tx = ctx.db;
  const r = await findRecord(tx, id, true);
  if (r.case_id) {
    const existing = await tx.selectFrom('care_case').select('state').where('id', '=', r.case_id).executeTakeFirst();
    if (existing && existing.state !== 'closed') return { caseId: r.case_id, created: false };
  }
  // A record that raised an alert for the team first gives the case that alert (openCase acknowledges it);
  // otherwise the teacher raises a counseling alert she has already taken on.
  const alertId = r.alert_id ?? (await takenCounselingAlert(tx, r, body.urgency, ctx.actorId, ctx.clock()));
  const opened = await openCase(ctx, [alertId], body.note?.trim() || undefined);
  await tx
    .updateTable('counseling_record')
    .set({ alert_id: alertId, case_id: opened.id })
    .where('id', '=', r.id)
    .execute();
  await ctx.audit(tx, {
    action: 'counseling.record.open_case',
    targetType: 'counseling_record',
    targetId: r.id,
    placement: placementOf(r),
    binding,
    detail: { studentId: r.student_id, alertId, caseId: opened.id, created: opened.created },
  });
  return { caseId: opened.id, created: opened.created };
}

/** A counseling alert the teacher has already taken on: raised and acknowledged by her at once. */
async function takenCounselingAlert(
  tx: ServiceContext['db'],
  r: Awaited<ReturnType<typeof findRecord>>,
  urgency: 'crisis' | 'high' | 'attention',
  takenBy: string,
  now: Date,
): Promise<string> {
  const raised = await tx
    .insertInto('alert')
    .values({
      city_id: r.city_id,
      district_id: r.district_id,
      school_id: r.school_id,
      grade_id: r.grade_id,
      class_id: r.class_id,
      student_id: r.student_id,
      source: 'counseling',
      urgency: urgency,
      response_id: null,
      observation_id: null,
      acknowledged_at: null,
      acknowledged_by: null,
      escalated_at: null,
      // recordTakenAlert sets the city's deadline for this urgency.
      due_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordTakenAlert(tx, raised.id, takenBy);
  return raised.id;
}

/**
 * 转介 from a session in one step: to the school's partner hospital unless another is named. The record's
 * case (opened now from the record when there is none, as "open a case" does) takes the referral through the
 * case service, so core's case machine still decides: a case not yet in intervention (常州: 研判 first) is a
 * 409 naming what is missing, and then nothing is kept, not even the case opened for it.
 */
export async function referFromRecord(
  ctx: ServiceContext,
  id: string,
  body: {
    hospitalId?: string;
    reason: string;
    summary: string;
    urgency: 'crisis' | 'high' | 'attention';
    fastTrack?: boolean;
  },
) {
  const found = await findRecord(ctx.db, id);
  const binding = ctx.access.require('counseling.record', placementOf(found));
  ctx.access.require('case.manage', placementOf(found));
  const school = await ctx.db
    .selectFrom('org_unit')
    .select('partner_hospital_id')
    .where('id', '=', found.school_id)
    .executeTakeFirst();
  const hospitalId = body.hospitalId ?? school?.partner_hospital_id ?? null;
  if (!hospitalId) throw counselingProblem(ctx.locale, 'validation', 'referral.no-hospital', {}, '/hospitalId');
  return ctx.db.transaction().execute(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const { caseId, created } = await caseOfRecord(inTx, id, { urgency: body.urgency }, binding);
    const referred = await referCase(inTx, caseId, {
      hospitalId,
      reason: body.reason,
      summary: body.summary,
      fastTrack: body.fastTrack,
    });
    await ctx.audit(tx, {
      action: 'counseling.record.refer',
      targetType: 'counseling_record',
      targetId: found.id,
      placement: placementOf(found),
      binding,
      detail: { studentId: found.student_id, caseId, caseCreated: created, referralId: referred.referralId },
    });
    return { caseId, referralId: referred.referralId, state: referred.state };
  });
}
