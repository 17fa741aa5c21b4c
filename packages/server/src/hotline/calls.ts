import {
  schoolAlertRefusal,
  urgencyForRisk,
  type CallerType,
  type HotlineAlertReason,
  type HotlineOutcome,
  type HotlineRisk,
  type HotlineTopic,
  type OrgPlacement,
} from '@yuxin/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import { decryptOptional, encryptOptional, encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import type { FieldError } from '../http/problem.js';
import { raiseStudentAlert } from '../warning/raise.js';
import { notFound, Problem } from '../http/problem.js';
import type { ServiceContext } from '../services/context.js';
import { hm, hotlineFieldError, hotlineProblem, invalid } from './messages.js';

export interface CallBody {
  /** The counselor's retry key: sending the same form again records nothing new. */
  clientId: string;
  startedAt: string;
  durationMinutes: number;
  callerType: CallerType;
  anonymous: boolean;
  studentId?: string;
  callerName?: string;
  callerSchool?: string;
  callerClass?: string;
  topics: HotlineTopic[];
  risk: HotlineRisk;
  intervention?: string;
  outcome: HotlineOutcome;
  followUp?: string;
  followUpAt?: string;
  notes?: string;
  /** Tell the student's school in the same step. */
  schoolAlert?: { reason: string };
}

/** How far back a call may be entered: a call written up later than this is not a record of it. */
export const MAX_AGE_DAYS = 7;
const CLOCK_SKEW_MS = 5 * 60_000;

/** A call belongs to its city: the centre's counselors work the whole city, so that is its only placement. */
const cityPlacement = (cityId: string): OrgPlacement => ({ cityId });

const trimmed = (s: string | undefined) => {
  const v = s?.trim();
  return v ? v : null;
};

function callQuery(db: Kysely<Database>) {
  return db
    .selectFrom('hotline_call as h')
    .leftJoin('student as s', 's.id', 'h.student_id')
    .leftJoin('org_unit as sc', 'sc.id', 's.school_id')
    .leftJoin('org_unit as c', 'c.id', 's.class_id')
    .leftJoin('org_unit as g', 'g.id', 's.grade_id')
    .leftJoin('alert as al', 'al.id', 'h.alert_id')
    .innerJoin('user_account as u', 'u.id', 'h.recorded_by')
    .selectAll('h')
    .select([
      's.name as student_name',
      'sc.name_zh as school_name',
      'c.name_zh as class_name',
      'g.name_zh as grade_name',
      'al.status as alert_status',
      'al.urgency as alert_urgency',
      'al.created_at as alert_created_at',
      'al.acknowledged_at as alert_acknowledged_at',
      'al.escalation_level as alert_escalation_level',
      'u.display_name as recorded_by_name',
    ]);
}
type CallRow = Awaited<ReturnType<ReturnType<typeof callQuery>['executeTakeFirstOrThrow']>>;

function summaryOf(r: CallRow) {
  return {
    id: r.id,
    startedAt: r.started_at.toISOString(),
    durationMinutes: r.duration_minutes,
    callerType: r.caller_type,
    anonymous: r.anonymous,
    student: r.student_id
      ? {
          id: r.student_id,
          name: r.student_name ?? '',
          schoolName: r.school_name ?? '',
          className: `${r.grade_name ?? ''} ${r.class_name ?? ''}`.trim(),
        }
      : null,
    topics: r.topics as HotlineTopic[],
    risk: r.risk,
    outcome: r.outcome,
    followUpAt: r.follow_up_at?.toISOString() ?? null,
    recordedBy: { id: r.recorded_by, name: r.recorded_by_name },
    // What the counselor sees of the school's side: whether and when it took the call's alert on.
    schoolAlert: r.alert_id
      ? {
          id: r.alert_id,
          urgency: r.alert_urgency!,
          status: r.alert_status!,
          raisedAt: r.alert_created_at!.toISOString(),
          acknowledgedAt: r.alert_acknowledged_at?.toISOString() ?? null,
          escalationLevel: r.alert_escalation_level!,
        }
      : null,
  };
}

function detailOf(r: CallRow) {
  return {
    ...summaryOf(r),
    callerName: decryptOptional(r.caller_name_enc),
    callerSchool: decryptOptional(r.caller_school_enc),
    callerClass: decryptOptional(r.caller_class_enc),
    intervention: decryptOptional(r.intervention_enc),
    followUp: decryptOptional(r.follow_up_enc),
    notes: decryptOptional(r.notes_enc),
    createdAt: r.created_at.toISOString(),
  };
}

async function loadCall(db: Kysely<Database>, id: string) {
  const row = await callQuery(db).where('h.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** The centre's calls, newest first: structured fields only, never the free text. */
export async function listCalls(
  ctx: ServiceContext,
  filters: { risk?: HotlineRisk; alerted?: boolean; page: number; pageSize: number },
) {
  const { db } = ctx;
  let query = callQuery(db).where(ctx.access.filter('hotline.call', { city: 'h.city_id' }));
  if (filters.risk) query = query.where('h.risk', '=', filters.risk);
  if (filters.alerted !== undefined) query = query.where('h.alert_id', filters.alerted ? 'is not' : 'is', null);
  const [{ total }] = (await query
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('total'))
    .execute()) as [{ total: number }];
  const rows = await query
    .orderBy('h.started_at', 'desc')
    .orderBy('h.id')
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize)
    .execute();
  await ctx.audit(db, {
    action: 'hotline.call.list',
    targetType: 'hotline_calls',
    detail: { page: filters.page, returned: rows.map((r) => r.id) },
  });
  return { items: rows.map(summaryOf), total, page: filters.page, pageSize: filters.pageSize };
}

/** One call with its notes; every read is audited, since the notes are what the caller confided. */
export async function readCall(ctx: ServiceContext, id: string) {
  const row = await loadCall(ctx.db, id);
  const binding = ctx.access.require('hotline.call', cityPlacement(row.city_id));
  await ctx.audit(ctx.db, {
    action: 'hotline.call.read',
    targetType: 'hotline_call',
    targetId: row.id,
    placement: cityPlacement(row.city_id),
    binding,
    detail: { studentId: row.student_id },
  });
  return detailOf(row);
}

/**
 * Records a call and, when asked, tells the student's school in the same transaction: the call is never
 * stored without the alert the counselor asked for, nor the alert without its call.
 */
export async function recordCall(ctx: ServiceContext, body: CallBody) {
  const { db, locale } = ctx;
  const now = ctx.clock();
  // A counselor binding is city-wide; the call lands in that city.
  const [scope] = ctx.access.scopes('hotline.call').filter((s) => s.level === 'city');
  if (!scope) throw notFound();
  const cityId = scope.id;
  const binding = ctx.access.require('hotline.call', cityPlacement(cityId));

  const existing = await db
    .selectFrom('hotline_call')
    .select('id')
    .where('recorded_by', '=', ctx.actorId)
    .where('client_id', '=', body.clientId)
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };

  const errors: FieldError[] = [];
  const startedAt = new Date(body.startedAt);
  if (startedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    errors.push(hotlineFieldError(locale, '/startedAt', 'started.future'));
  if (startedAt.getTime() < now.getTime() - MAX_AGE_DAYS * 86_400_000)
    errors.push(hotlineFieldError(locale, '/startedAt', 'started.too-old', { days: MAX_AGE_DAYS }));
  const callerName = trimmed(body.callerName);
  const callerSchool = trimmed(body.callerSchool);
  const callerClass = trimmed(body.callerClass);
  if (body.anonymous && (body.studentId || callerName || callerSchool || callerClass))
    errors.push(hotlineFieldError(locale, body.studentId ? '/studentId' : '/callerName', 'anonymous.identified'));
  let student: { id: string; city_id: string } | undefined;
  if (body.studentId && !body.anonymous) {
    student = await db
      .selectFrom('student')
      .select(['id', 'city_id'])
      .where('id', '=', body.studentId)
      .where('city_id', '=', cityId)
      .executeTakeFirst();
    if (!student) errors.push(hotlineFieldError(locale, '/studentId', 'student.not-found'));
  }
  const followUp = trimmed(body.followUp);
  if (body.followUpAt && !followUp) errors.push(hotlineFieldError(locale, '/followUp', 'follow-up.required'));
  if (body.schoolAlert) {
    const refusal = schoolAlertRefusal({
      anonymous: body.anonymous,
      studentId: body.studentId ?? null,
      risk: body.risk,
    });
    if (refusal) errors.push(hotlineFieldError(locale, refusalField(refusal), `alert.${refusal}`));
    if (!body.schoolAlert.reason.trim())
      errors.push(hotlineFieldError(locale, '/schoolAlert/reason', 'alert.reason-required'));
  }
  if (errors.length) throw invalid(errors);

  return db.transaction().execute(async (tx) => {
    const call = await tx
      .insertInto('hotline_call')
      .values({
        city_id: cityId,
        started_at: startedAt,
        duration_minutes: body.durationMinutes,
        caller_type: body.callerType,
        anonymous: body.anonymous,
        student_id: student?.id ?? null,
        caller_name_enc: encryptOptional(callerName),
        caller_school_enc: encryptOptional(callerSchool),
        caller_class_enc: encryptOptional(callerClass),
        topics: body.topics,
        risk: body.risk,
        intervention_enc: encryptOptional(trimmed(body.intervention)),
        outcome: body.outcome,
        follow_up_enc: encryptOptional(followUp),
        follow_up_at: body.followUpAt ? new Date(body.followUpAt) : null,
        notes_enc: encryptOptional(trimmed(body.notes)),
        recorded_by: ctx.actorId,
        client_id: body.clientId,
      })
      .onConflict((oc) => oc.columns(['recorded_by', 'client_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    // A concurrent retry won the insert; answer with its call.
    if (!call) {
      const won = await tx
        .selectFrom('hotline_call')
        .select('id')
        .where('recorded_by', '=', ctx.actorId)
        .where('client_id', '=', body.clientId)
        .executeTakeFirstOrThrow();
      return { id: won.id, created: false };
    }
    // Who recorded a call about whom and how risky; what was said stays out of the audit log.
    await ctx.audit(tx, {
      action: 'hotline.call.record',
      targetType: 'hotline_call',
      targetId: call.id,
      placement: cityPlacement(cityId),
      binding,
      detail: { studentId: student?.id ?? null, risk: body.risk, anonymous: body.anonymous },
    });
    if (body.schoolAlert) await alertSchool(tx, ctx, call.id, body.schoolAlert.reason);
    return { id: call.id, created: true };
  });
}

/**
 * What a counselor may correct or complete after the call. Absent: unchanged; an empty text or a null time
 * clears it. Who the call was about (anonymity, the student) and when it started stay as recorded: a school
 * may already have been told on them.
 */
export interface CallEdit {
  durationMinutes?: number;
  callerType?: CallerType;
  callerName?: string;
  callerSchool?: string;
  callerClass?: string;
  topics?: HotlineTopic[];
  risk?: HotlineRisk;
  intervention?: string;
  outcome?: HotlineOutcome;
  followUp?: string;
  followUpAt?: string | null;
  notes?: string;
}

/** The free-text fields and their encrypted columns: the audit names them when they change, never their words. */
const TEXT_FIELDS = [
  ['callerName', 'caller_name_enc'],
  ['callerSchool', 'caller_school_enc'],
  ['callerClass', 'caller_class_enc'],
  ['intervention', 'intervention_enc'],
  ['followUp', 'follow_up_enc'],
  ['notes', 'notes_enc'],
] as const;

/**
 * A counselor corrects or completes their own call record (the follow-up once it is made, the notes written
 * up after a busy shift). Other counselors of the centre read the call but do not rewrite a colleague's
 * account of it. Encrypted text stays encrypted; the audit names the fields that changed, with the old and
 * new value of the structured ones only. Sending the same edit again changes and writes nothing.
 */
export async function updateCall(ctx: ServiceContext, id: string, edit: CallEdit) {
  const { locale } = ctx;
  const row = await loadCall(ctx.db, id);
  const binding = ctx.access.require('hotline.call', cityPlacement(row.city_id));
  if (row.recorded_by !== ctx.actorId) throw new Problem('forbidden', { detail: hm('edit.not-recorder', locale) });

  const before = detailOf(row);
  const errors: FieldError[] = [];
  const texts: Partial<Record<(typeof TEXT_FIELDS)[number][0], string | null>> = {};
  for (const [field] of TEXT_FIELDS) if (edit[field] !== undefined) texts[field] = trimmed(edit[field]);
  if (row.anonymous && (texts.callerName || texts.callerSchool || texts.callerClass))
    errors.push(hotlineFieldError(locale, texts.callerName ? '/callerName' : '/callerSchool', 'caller.anonymous'));
  const followUp = texts.followUp !== undefined ? texts.followUp : before.followUp;
  const followUpAt = edit.followUpAt !== undefined ? edit.followUpAt : before.followUpAt;
  if (followUpAt && !followUp) errors.push(hotlineFieldError(locale, '/followUp', 'follow-up.required'));
  if (errors.length) throw invalid(errors);

  const changed: string[] = [];
  const structured: Record<string, { from: unknown; to: unknown }> = {};
  const set: Record<string, unknown> = {};
  const compare = <K extends 'durationMinutes' | 'callerType' | 'risk' | 'outcome'>(field: K, column: string) => {
    const to = edit[field];
    if (to === undefined || to === before[field]) return;
    changed.push(field);
    structured[field] = { from: before[field], to };
    set[column] = to;
  };
  compare('durationMinutes', 'duration_minutes');
  compare('callerType', 'caller_type');
  compare('risk', 'risk');
  compare('outcome', 'outcome');
  if (edit.topics && [...edit.topics].sort().join() !== [...before.topics].sort().join()) {
    changed.push('topics');
    structured.topics = { from: before.topics, to: edit.topics };
    set.topics = edit.topics;
  }
  if (edit.followUpAt !== undefined) {
    const to = edit.followUpAt ? new Date(edit.followUpAt).toISOString() : null;
    if (to !== before.followUpAt) {
      changed.push('followUpAt');
      structured.followUpAt = { from: before.followUpAt, to };
      set.follow_up_at = to ? new Date(to) : null;
    }
  }
  for (const [field, column] of TEXT_FIELDS) {
    const to = texts[field];
    if (to === undefined || to === before[field]) continue;
    changed.push(field);
    set[column] = encryptOptional(to);
  }
  if (changed.length === 0) return detailOf(row);

  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('hotline_call').set(set).where('id', '=', id).execute();
    await ctx.audit(tx, {
      action: 'hotline.call.update',
      targetType: 'hotline_call',
      targetId: id,
      placement: cityPlacement(row.city_id),
      binding,
      detail: { studentId: row.student_id, changed, ...structured },
    });
  });
  return detailOf(await loadCall(ctx.db, id));
}

function refusalField(refusal: 'anonymous' | 'not_on_roster' | 'risk_too_low'): string {
  return refusal === 'risk_too_low' ? '/risk' : refusal === 'anonymous' ? '/anonymous' : '/studentId';
}

/** Tells the school of an already recorded call (when the counselor decides after the call). */
export async function raiseSchoolAlert(ctx: ServiceContext, callId: string, reason: string) {
  const row = await loadCall(ctx.db, callId);
  ctx.access.require('hotline.call', cityPlacement(row.city_id));
  const refusal = schoolAlertRefusal({ anonymous: row.anonymous, studentId: row.student_id, risk: row.risk });
  if (refusal) throw hotlineProblem(ctx.locale, 'conflict', `alert.${refusal}`);
  if (!reason.trim()) throw invalid([hotlineFieldError(ctx.locale, '/reason', 'alert.reason-required')]);
  await ctx.db.transaction().execute((tx) => alertSchool(tx, ctx, callId, reason));
  return summaryOf(await loadCall(ctx.db, callId));
}

/**
 * The one step from a call to the school: an alert for its psychology teachers, with the deadline,
 * notification and escalation every alert has. The school reads the risk and the counselor's reason;
 * the call's notes never leave the centre. A call tells its school once.
 */
async function alertSchool(tx: Transaction<Database>, ctx: ServiceContext, callId: string, reason: string) {
  const call = await tx
    .selectFrom('hotline_call')
    .select(['id', 'city_id', 'student_id', 'anonymous', 'risk', 'topics', 'alert_id'])
    .where('id', '=', callId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (call.alert_id) throw hotlineProblem(ctx.locale, 'conflict', 'alert.already');
  const refusal = schoolAlertRefusal({ anonymous: call.anonymous, studentId: call.student_id, risk: call.risk });
  if (refusal) throw hotlineProblem(ctx.locale, 'conflict', `alert.${refusal}`);
  const student = await tx
    .selectFrom('student')
    .select(['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
    .where('id', '=', call.student_id!)
    .executeTakeFirstOrThrow();
  const reasons: HotlineAlertReason[] = [
    {
      kind: 'hotline',
      callId: call.id,
      risk: call.risk,
      topics: call.topics as HotlineTopic[],
      reasonEnc: encryptText(reason.trim()),
    },
  ];
  const urgency = urgencyForRisk(call.risk);
  const alertId = await raiseStudentAlert(tx, { student, source: 'hotline', urgency, reasons, now: ctx.clock() });
  await tx.updateTable('hotline_call').set({ alert_id: alertId }).where('id', '=', call.id).execute();
  await ctx.audit(tx, {
    action: 'hotline.call.alert',
    targetType: 'hotline_call',
    targetId: call.id,
    placement: { cityId: student.city_id, districtId: student.district_id, schoolId: student.school_id },
    detail: { studentId: student.id, alertId, urgency, risk: call.risk },
  });
}

const SEARCH_LIMIT = 20;

/**
 * Students of the city by name, for a caller who gives theirs: name, school and class only, what the caller
 * said anyway. Audited, since the counselor's search reaches every school.
 */
export async function searchStudents(ctx: ServiceContext, q: string) {
  const term = q.trim();
  const rows = await ctx.db
    .selectFrom('student as s')
    .innerJoin('org_unit as sc', 'sc.id', 's.school_id')
    .innerJoin('org_unit as c', 'c.id', 's.class_id')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .select(['s.id', 's.name', 'sc.name_zh as school_name', 'c.name_zh as class_name', 'g.name_zh as grade_name'])
    .where(ctx.access.filter('hotline.call', { city: 's.city_id' }))
    .where('s.status', '=', 'active')
    .where('s.name', 'like', `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
    .orderBy('sc.name_zh')
    .orderBy('g.grade_level')
    .orderBy('c.class_no')
    .orderBy('s.name')
    .limit(SEARCH_LIMIT)
    .execute();
  await ctx.audit(ctx.db, {
    action: 'hotline.student.search',
    targetType: 'students',
    detail: { returned: rows.map((r) => r.id) },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      schoolName: r.school_name,
      className: `${r.grade_name} ${r.class_name}`,
    })),
  };
}
