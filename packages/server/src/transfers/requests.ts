import {
  authorize,
  isSchoolStage,
  type Action,
  type OrgPlacement,
  STAGE_GRADE_LEVELS,
  transferKindFor,
  transferStep,
  type CaseDisposition,
  type TransferEvent,
  type TransferKind,
} from '@yuxin/core';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/types.js';
import { notFound } from '../http/problem.js';
import { placementOfStudent } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import { transferProblem, isUniqueViolation, tm } from './messages.js';
import { noticeDeclined, noticeIncoming } from './notices.js';
import {
  findTransfer,
  fromPlacement,
  openCaseOf,
  toPlacement,
  unitNames,
  userNames,
  type TransferRow,
} from './store.js';

type Db = Kysely<Database>;

export interface RequestBody {
  studentId: string;
  toSchoolId: string;
  kind?: TransferKind;
  caseDisposition?: CaseDisposition;
}

/** An active school of the city other than `notId`, or a 400 naming the field. */
async function receivingSchool(ctx: ServiceContext, id: string, cityId: string, notId: string) {
  const s = await ctx.db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s || s.kind !== 'school' || s.city_id !== cityId || s.id === notId || s.deactivated_at)
    throw transferProblem(ctx.locale, 'validation', 'to-school.invalid', {}, '/toSchoolId');
  return s;
}

/** Whether the student sits in the last grade their school teaches: leaving it is 升学. */
async function inFinalGrade(db: Db, student: { school_id: string; grade_id: string }): Promise<boolean> {
  const units = await db
    .selectFrom('org_unit')
    .select(['id', 'stage', 'grade_level'])
    .where('id', 'in', [student.school_id, student.grade_id])
    .execute();
  const stage = units.find((u) => u.id === student.school_id)?.stage;
  const level = units.find((u) => u.id === student.grade_id)?.grade_level;
  if (!stage || !isSchoolStage(stage) || level == null) return false;
  return level === Math.max(...STAGE_GRADE_LEVELS[stage]);
}

export async function studentForTransfer(db: Db, id: string) {
  const s = await db.selectFrom('student').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound();
  return s;
}

export async function defaultKind(db: Db, s: { status: string; school_id: string; grade_id: string }) {
  return transferKindFor({ status: s.status, finalGrade: await inFinalGrade(db, s) });
}

/**
 * The sending school raises a request to move one of its students (转学, or 升学 for a graduate). An
 * open case needs a word on what becomes of it; one request waits per student.
 */
export async function requestTransfer(ctx: ServiceContext, body: RequestBody) {
  const student = await studentForTransfer(ctx.db, body.studentId);
  const binding = ctx.access.require('transfer.request', placementOfStudent(student));
  if (student.status === 'left') throw transferProblem(ctx.locale, 'conflict', 'student.not-active');
  const to = await receivingSchool(ctx, body.toSchoolId, student.city_id, student.school_id);
  const openCase = await openCaseOf(ctx.db, student.id);
  if (openCase && !body.caseDisposition)
    throw transferProblem(ctx.locale, 'validation', 'disposition.required', {}, '/caseDisposition');
  const kind = body.kind ?? (await defaultKind(ctx.db, student));
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const t = await tx
        .insertInto('transfer')
        .values({
          city_id: student.city_id,
          student_id: student.id,
          kind,
          via: 'request',
          case_disposition: openCase ? body.caseDisposition! : (body.caseDisposition ?? null),
          from_district_id: student.district_id,
          from_school_id: student.school_id,
          from_grade_id: student.grade_id,
          from_class_id: student.class_id,
          to_district_id: to.district_id!,
          to_school_id: to.id,
          requested_by: ctx.actorId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await ctx.audit(tx, {
        action: 'transfer.request',
        targetType: 'transfer',
        targetId: t.id,
        placement: placementOfStudent(student),
        binding,
        detail: { studentId: student.id, toSchoolId: to.id, kind, caseOpen: !!openCase },
      });
      await noticeIncoming(tx, t);
      return { id: t.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw transferProblem(ctx.locale, 'conflict', 'request.open');
    throw err;
  }
}

const FROM_COLUMNS = { city: 't.city_id', district: 't.from_district_id', school: 't.from_school_id' } as const;
const TO_COLUMNS = { city: 't.city_id', district: 't.to_district_id', school: 't.to_school_id' } as const;

/** Requests in or out of the actor's schools (district and city staff: of their district or city). */
export async function listTransfers(
  ctx: ServiceContext,
  q: { direction?: 'incoming' | 'outgoing'; status?: TransferRow['status'] },
) {
  const incoming = ctx.access.filter('transfer.read', TO_COLUMNS);
  const outgoing = ctx.access.filter('transfer.read', FROM_COLUMNS);
  const where: Expression<SqlBool> =
    q.direction === 'incoming' ? incoming : q.direction === 'outgoing' ? outgoing : sql`(${incoming} or ${outgoing})`;
  let query = ctx.db.selectFrom('transfer as t').selectAll('t').where(where);
  if (q.status) query = query.where('t.status', '=', q.status);
  const rows = await query.orderBy('t.requested_at', 'desc').orderBy('t.id').limit(500).execute();
  return { items: await views(ctx, rows), ...(await choices(ctx)) };
}

/**
 * What the page's forms offer: the city's active schools to send a student to (names of schools are no
 * one's secret), and the active classes of the schools where the actor accepts students.
 */
async function choices(ctx: ServiceContext) {
  const cities = [...new Set(ctx.access.actor.bindings.map((b) => b.scope))].map((s) => s.id);
  const requestCities = ctx.access.can('transfer.request')
    ? await ctx.db
        .selectFrom('org_unit')
        .select('city_id')
        .distinct()
        .where('id', 'in', cities.length ? cities : ['00000000-0000-0000-0000-000000000000'])
        .execute()
    : [];
  const schools = requestCities.length
    ? await ctx.db
        .selectFrom('org_unit')
        .select(['id', 'name_zh'])
        .where('kind', '=', 'school')
        .where('deactivated_at', 'is', null)
        .where(
          'city_id',
          'in',
          requestCities.map((c) => c.city_id),
        )
        .orderBy('sort')
        .orderBy('name_zh')
        .execute()
    : [];
  const classes = ctx.access.can('transfer.accept')
    ? await ctx.db
        .selectFrom('org_unit as c')
        .innerJoin('org_unit as g', 'g.id', 'c.grade_id')
        .select(['c.id', 'c.school_id', 'c.name_zh', 'g.name_zh as grade_name'])
        .where('c.kind', '=', 'class')
        .where('c.deactivated_at', 'is', null)
        .where(
          ctx.access.filter('transfer.accept', {
            city: 'c.city_id',
            district: 'c.district_id',
            school: 'c.school_id',
          }),
        )
        .orderBy('g.sort')
        .orderBy('c.sort')
        .limit(2000)
        .execute()
    : [];
  return {
    schools: schools.map((s) => ({ id: s.id, name: s.name_zh })),
    classes: classes.map((c) => ({ id: c.id, schoolId: c.school_id!, name: `${c.grade_name} ${c.name_zh}` })),
  };
}

/** One request; the same view as in the list, and the read is audited (it names a student and their move). */
export async function readTransfer(ctx: ServiceContext, id: string) {
  const t = await findTransfer(ctx.db, id);
  const binding = readBinding(ctx, t);
  await ctx.audit(ctx.db, {
    action: 'transfer.read',
    targetType: 'transfer',
    targetId: t.id,
    placement: fromPlacement(t),
    binding,
    detail: { studentId: t.student_id },
  });
  return (await views(ctx, [t]))[0]!;
}

/** The binding that lets the actor see the request: from either side; 403/404 as the policy says. */
export function readBinding(ctx: ServiceContext, t: TransferRow) {
  return sideBinding(ctx, 'transfer.read', t);
}

/** The binding for an action on either side of a transfer, the sending side first; 403/404 as the policy says. */
export function sideBinding(ctx: ServiceContext, action: Action, t: TransferRow) {
  if (allows(ctx, action, fromPlacement(t))) return ctx.access.require(action, fromPlacement(t));
  return ctx.access.require(action, toPlacement(t));
}

export function allows(ctx: ServiceContext, action: Action, p: OrgPlacement): boolean {
  return authorize(ctx.access.actor, action, p).allowed;
}

async function views(ctx: ServiceContext, rows: TransferRow[]) {
  const units = await unitNames(
    ctx.db,
    rows.flatMap((t) => [t.from_school_id, t.from_class_id, t.to_school_id, ...(t.to_class_id ? [t.to_class_id] : [])]),
  );
  const students = rows.length
    ? await ctx.db
        .selectFrom('student')
        .select(['id', 'name', 'student_no'])
        .where(
          'id',
          'in',
          rows.map((t) => t.student_id),
        )
        .execute()
    : [];
  const byId = new Map(students.map((s) => [s.id, s]));
  const people = await userNames(
    ctx.db,
    rows.flatMap((t) => [t.requested_by, t.decided_by, t.summary_signed_by]),
  );
  return rows.map((t) => {
    const from = fromPlacement(t);
    const to = toPlacement(t);
    // Names go to the staff of either school who list students; district and city staff see the move only.
    const named = allows(ctx, 'student.list', from) || allows(ctx, 'student.list', to);
    const s = byId.get(t.student_id);
    const open = t.status === 'requested';
    const sending = allows(ctx, 'transfer.read', from);
    return {
      id: t.id,
      kind: t.kind,
      status: t.status,
      via: t.via,
      direction: sending ? ('outgoing' as const) : ('incoming' as const),
      student: {
        id: t.student_id,
        name: named ? (s?.name ?? null) : null,
        studentNo: named ? (s?.student_no ?? null) : null,
      },
      from: {
        schoolId: t.from_school_id,
        schoolName: units.get(t.from_school_id) ?? '',
        className: units.get(t.from_class_id) ?? '',
      },
      to: {
        schoolId: t.to_school_id,
        schoolName: units.get(t.to_school_id) ?? '',
        classId: t.to_class_id,
        className: t.to_class_id ? (units.get(t.to_class_id) ?? '') : null,
      },
      caseDisposition: t.case_disposition,
      requestedAt: t.requested_at.toISOString(),
      requestedBy: people.get(t.requested_by) ?? '',
      decidedAt: t.decided_at?.toISOString() ?? null,
      summary: {
        written: t.summary_written_at !== null,
        signed: t.summary_signed_at !== null,
        signedAt: t.summary_signed_at?.toISOString() ?? null,
        signedBy: t.summary_signed_by ? (people.get(t.summary_signed_by) ?? '') : null,
      },
      can: {
        cancel: open && allows(ctx, 'transfer.request', from),
        accept: open && allows(ctx, 'transfer.accept', to),
        writeSummary: open && allows(ctx, 'transfer.handover', from),
        readSummary:
          allows(ctx, 'transfer.handover', from) || (t.status === 'accepted' && allows(ctx, 'transfer.handover', to)),
      },
    };
  });
}

/**
 * The receiving school declines, or the sending school withdraws, a request still waiting. Nothing of
 * the student changes.
 */
export async function decideTransfer(ctx: ServiceContext, id: string, event: Exclude<TransferEvent, 'accept'>) {
  const found = await findTransfer(ctx.db, id);
  const binding =
    event === 'decline'
      ? ctx.access.require('transfer.accept', toPlacement(found))
      : ctx.access.require('transfer.request', fromPlacement(found));
  return ctx.db.transaction().execute(async (tx) => {
    const t = await findTransfer(tx, id, true);
    const step = transferStep(t.status, event);
    if (!step.ok)
      throw transferProblem(ctx.locale, 'conflict', 'not-open', { status: tm(`status.${t.status}`, ctx.locale) });
    const now = ctx.clock();
    await tx
      .updateTable('transfer')
      .set({ status: step.status, decided_by: ctx.actorId, decided_at: now, updated_at: now })
      .where('id', '=', t.id)
      .execute();
    await ctx.audit(tx, {
      action: `transfer.${event}`,
      targetType: 'transfer',
      targetId: t.id,
      placement: event === 'decline' ? toPlacement(t) : fromPlacement(t),
      binding,
      detail: { studentId: t.student_id },
    });
    if (event === 'decline') await noticeDeclined(tx, t);
    return { id: t.id, status: step.status };
  });
}
