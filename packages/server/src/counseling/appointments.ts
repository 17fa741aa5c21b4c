import {
  BOOKING_HORIZON_DAYS,
  bookingRefusal,
  chinaDateOf,
  DUTY_EVENTS,
  dutySlots,
  endOfChinaDay,
  MAX_OPEN_BOOKINGS,
  mayInformGuardians,
  moveAppointment,
  rescheduleRefusal,
  slotAt,
  startOfChinaDay,
  type AppointmentEvent,
} from '@yuxin/core';
import { sql } from 'kysely';
import { placementOf, placementOfStudent, placementOfUnit } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import { informGuardiansOfAppointment } from './guardian-notice.js';
import { bookingRefusalKey, counselingProblem, isUniqueViolation, km } from './messages.js';
import { closedDaysOf, findAppointment, findSchool, findStudent, rosterOf, userNames } from './store.js';

/** Minutes a walk-in occupies when nobody says otherwise: one ordinary session. */
const WALK_IN_MINUTES = 50;
const OPEN = ['booked', 'confirmed'] as const;

/** The roster's slot of a room at that time, unless the duty log closed the room that day. */
async function openSlotAt(ctx: ServiceContext, roomId: string, startsAt: Date) {
  const roster = await rosterOf(ctx.db, [roomId]);
  const slot = slotAt(roster.get(roomId)!, startsAt);
  if (!slot) return null;
  const closed = await closedDaysOf(ctx.db, [roomId], chinaDateOf(slot.startsAt));
  return closed.get(roomId)!.has(chinaDateOf(slot.startsAt)) ? null : slot;
}

/**
 * Refuses, naming the field, a wish to tell the guardians that only staff may have: a student's own booking
 * may be confidential and never reaches their guardians through the room.
 */
function checkGuardianWish(ctx: ServiceContext, role: string, wish: boolean | undefined) {
  if (wish && !mayInformGuardians(role))
    throw counselingProblem(ctx.locale, 'validation', 'guardian.not-by-student', {}, '/informGuardians');
}

/** The free slots of the student's school's rooms from now to the booking horizon; who holds a taken one is never shown. */
export async function freeSlots(ctx: ServiceContext, studentId: string) {
  const student = await findStudent(ctx.db, studentId);
  ctx.access.require('counseling.book', placementOfStudent(student));
  const now = ctx.clock();
  const rooms = await ctx.db
    .selectFrom('counseling_room')
    .select(['id', 'name', 'location'])
    .where('school_id', '=', student.school_id)
    .orderBy('name')
    .execute();
  const roster = await rosterOf(
    ctx.db,
    rooms.map((r) => r.id),
  );
  const taken = await ctx.db
    .selectFrom('counseling_appointment')
    .select(['room_id', 'starts_at'])
    .where('school_id', '=', student.school_id)
    .where('kind', '=', 'booked')
    .where('status', '<>', 'cancelled')
    .where('starts_at', '>', now)
    .execute();
  const takenKeys = new Set(taken.map((t) => `${t.room_id}|${t.starts_at.toISOString()}`));
  const closed = await closedDaysOf(
    ctx.db,
    rooms.map((r) => r.id),
    chinaDateOf(now),
  );
  const horizon = now.getTime() + BOOKING_HORIZON_DAYS * 86_400_000;
  const items = rooms.flatMap((room) =>
    dutySlots(roster.get(room.id)!, chinaDateOf(now), BOOKING_HORIZON_DAYS + 1)
      .filter((s) => s.startsAt > now && s.startsAt.getTime() <= horizon)
      .filter((s) => !takenKeys.has(`${room.id}|${s.startsAt.toISOString()}`))
      .filter((s) => !closed.get(room.id)!.has(chinaDateOf(s.startsAt)))
      .map((s) => ({ room, ...s })),
  );
  const names = await userNames(
    ctx.db,
    items.map((i) => i.teacherId),
  );
  items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return {
    items: items.map((i) => ({
      roomId: i.room.id,
      roomName: i.room.name,
      location: i.room.location,
      startsAt: i.startsAt.toISOString(),
      endsAt: i.endsAt.toISOString(),
      teacherName: names.get(i.teacherId) ?? '',
    })),
  };
}

async function appointmentViews(ctx: ServiceContext, rows: Awaited<ReturnType<typeof findAppointment>>[]) {
  const rooms = rows.length
    ? await ctx.db
        .selectFrom('counseling_room')
        .select(['id', 'name', 'location'])
        .where('id', 'in', [...new Set(rows.map((r) => r.room_id))])
        .execute()
    : [];
  const roomBy = new Map(rooms.map((r) => [r.id, r]));
  const names = await userNames(
    ctx.db,
    rows.flatMap((r) => (r.teacher_id ? [r.teacher_id] : [])),
  );
  return rows.map((a) => ({
    id: a.id,
    roomId: a.room_id,
    roomName: roomBy.get(a.room_id)?.name ?? '',
    location: roomBy.get(a.room_id)?.location ?? '',
    startsAt: a.starts_at.toISOString(),
    endsAt: a.ends_at.toISOString(),
    kind: a.kind,
    status: a.status,
    teacherName: a.teacher_id ? (names.get(a.teacher_id) ?? '') : '',
  }));
}

/** One student's appointments, newest first: a student sees their own, staff those of students in their scope. */
export async function studentAppointments(ctx: ServiceContext, studentId: string) {
  const student = await findStudent(ctx.db, studentId);
  const binding = ctx.access.require('counseling.book', placementOfStudent(student));
  const rows = await ctx.db
    .selectFrom('counseling_appointment')
    .selectAll()
    .where('student_id', '=', student.id)
    .orderBy('starts_at', 'desc')
    .limit(50)
    .execute();
  await ctx.audit(ctx.db, {
    action: 'counseling.appointments.read',
    targetType: 'student',
    targetId: student.id,
    placement: placementOfStudent(student),
    binding,
    detail: { count: rows.length },
  });
  return { items: await appointmentViews(ctx, rows) };
}

/**
 * Books one roster slot for a student. The slot's uniqueness is the database's (counseling_slot_taken): of
 * concurrent bookings exactly one commits, the others are answered 409.
 */
export async function bookAppointment(
  ctx: ServiceContext,
  body: { studentId: string; roomId: string; startsAt: string; informGuardians?: boolean },
) {
  const student = await findStudent(ctx.db, body.studentId);
  const binding = ctx.access.require('counseling.book', placementOfStudent(student));
  checkGuardianWish(ctx, binding.role, body.informGuardians);
  const room = await ctx.db.selectFrom('counseling_room').selectAll().where('id', '=', body.roomId).executeTakeFirst();
  if (!room || room.school_id !== student.school_id)
    throw counselingProblem(ctx.locale, 'validation', 'room.not-of-school', {}, '/roomId');
  const now = ctx.clock();
  const slot = await openSlotAt(ctx, room.id, new Date(body.startsAt));
  const open = await ctx.db
    .selectFrom('counseling_appointment')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('student_id', '=', student.id)
    .where('status', 'in', OPEN)
    .where('starts_at', '>', now)
    .executeTakeFirstOrThrow();
  const refusal = bookingRefusal(slot, now, open.n);
  if (refusal === 'too_many')
    throw counselingProblem(ctx.locale, 'conflict', 'booking.too_many', { max: MAX_OPEN_BOOKINGS });
  if (refusal)
    throw counselingProblem(
      ctx.locale,
      'validation',
      bookingRefusalKey(refusal),
      { days: BOOKING_HORIZON_DAYS },
      '/startsAt',
    );
  try {
    const row = await ctx.db.transaction().execute(async (tx) => {
      const a = await tx
        .insertInto('counseling_appointment')
        .values({
          city_id: student.city_id,
          district_id: student.district_id,
          school_id: student.school_id,
          grade_id: student.grade_id,
          class_id: student.class_id,
          student_id: student.id,
          room_id: room.id,
          teacher_id: slot!.teacherId,
          starts_at: slot!.startsAt,
          ends_at: slot!.endsAt,
          kind: 'booked',
          booked_by: ctx.actorId,
          booked_role: binding.role,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const guardiansInformed = body.informGuardians ? await informGuardiansOfAppointment(tx, a, 'booked') : 0;
      await ctx.audit(tx, {
        action: 'counseling.book',
        targetType: 'counseling_appointment',
        targetId: a.id,
        placement: placementOf(a),
        binding,
        detail: { studentId: student.id, roomId: room.id, startsAt: a.starts_at.toISOString(), guardiansInformed },
      });
      return a;
    });
    return (await appointmentViews(ctx, [row]))[0]!;
  } catch (err) {
    if (isUniqueViolation(err)) throw counselingProblem(ctx.locale, 'conflict', 'booking.taken', {}, '/startsAt');
    throw err;
  }
}

/**
 * Moves a booking to another free slot of the school's rooms: whoever may book for the student (the student,
 * their head teacher, the psychology teachers) may move it. One update of the row both frees the old slot and
 * takes the new one, so the move is atomic; the slot's uniqueness is the database's, as for a booking, and a
 * slot taken meanwhile is a 409 with the booking left where it was. A moved booking waits for the teacher's
 * confirmation again (the teacher on duty may be another), and its reminders are about the new time.
 */
export async function rescheduleAppointment(
  ctx: ServiceContext,
  id: string,
  body: { roomId: string; startsAt: string; informGuardians?: boolean },
) {
  const found = await findAppointment(ctx.db, id);
  const binding = ctx.access.require('counseling.book', placementOf(found));
  checkGuardianWish(ctx, binding.role, body.informGuardians);
  const room = await ctx.db.selectFrom('counseling_room').selectAll().where('id', '=', body.roomId).executeTakeFirst();
  if (!room || room.school_id !== found.school_id)
    throw counselingProblem(ctx.locale, 'validation', 'room.not-of-school', {}, '/roomId');
  const now = ctx.clock();
  const slot = await openSlotAt(ctx, room.id, new Date(body.startsAt));
  // The move frees a slot as it takes one: the student's limit of open bookings does not apply.
  const refusal = bookingRefusal(slot, now, 0);
  if (refusal)
    throw counselingProblem(
      ctx.locale,
      'validation',
      bookingRefusalKey(refusal),
      { days: BOOKING_HORIZON_DAYS },
      '/startsAt',
    );
  try {
    const row = await ctx.db.transaction().execute(async (tx) => {
      const a = await findAppointment(tx, id, true);
      const why = rescheduleRefusal(
        { status: a.status, kind: a.kind, startsAt: a.starts_at, roomId: a.room_id },
        { roomId: room.id, startsAt: slot!.startsAt },
        now,
      );
      if (why === 'same_slot')
        throw counselingProblem(ctx.locale, 'validation', 'reschedule.same_slot', {}, '/startsAt');
      if (why)
        throw counselingProblem(ctx.locale, 'conflict', `reschedule.${why}`, {
          status: km(`status.${a.status}`, ctx.locale),
        });
      const moved = await tx
        .updateTable('counseling_appointment')
        .set({
          room_id: room.id,
          teacher_id: slot!.teacherId,
          starts_at: slot!.startsAt,
          ends_at: slot!.endsAt,
          status: 'booked',
          reminded_day_at: null,
          reminded_soon_at: null,
          rescheduled_at: now,
          updated_at: now,
        })
        .where('id', '=', a.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const guardiansInformed = body.informGuardians ? await informGuardiansOfAppointment(tx, moved, 'rescheduled') : 0;
      await ctx.audit(tx, {
        action: 'counseling.appointment.reschedule',
        targetType: 'counseling_appointment',
        targetId: a.id,
        placement: placementOf(a),
        binding,
        detail: {
          studentId: a.student_id,
          from: { roomId: a.room_id, startsAt: a.starts_at.toISOString() },
          to: { roomId: room.id, startsAt: moved.starts_at.toISOString() },
          guardiansInformed,
        },
      });
      return moved;
    });
    return (await appointmentViews(ctx, [row]))[0]!;
  } catch (err) {
    if (isUniqueViolation(err)) throw counselingProblem(ctx.locale, 'conflict', 'booking.taken', {}, '/startsAt');
    throw err;
  }
}

/**
 * Confirm, attend and no-show are the room staff's; cancelling is also the student's and their head teacher's.
 * Staff confirming may tell the guardians of the appointment; no other step does.
 */
export async function moveAppointmentTo(
  ctx: ServiceContext,
  id: string,
  event: AppointmentEvent,
  informGuardians?: boolean,
) {
  const found = await findAppointment(ctx.db, id);
  const binding = ctx.access.require(
    DUTY_EVENTS.includes(event) ? 'counseling.duty' : 'counseling.book',
    placementOf(found),
  );
  checkGuardianWish(ctx, binding.role, informGuardians);
  if (informGuardians && event !== 'confirm')
    throw counselingProblem(ctx.locale, 'validation', 'guardian.event-only', {}, '/informGuardians');
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (tx) => {
    const a = await findAppointment(tx, id, true);
    const move = moveAppointment(a.status, event, a.starts_at, now);
    if (!move.ok)
      throw counselingProblem(ctx.locale, 'conflict', `move.${move.reason}`, {
        status: km(`status.${a.status}`, ctx.locale),
      });
    await tx
      .updateTable('counseling_appointment')
      .set({ status: move.to, updated_at: now })
      .where('id', '=', a.id)
      .execute();
    const guardiansInformed = informGuardians ? await informGuardiansOfAppointment(tx, a, 'confirmed') : 0;
    await ctx.audit(tx, {
      action: `counseling.appointment.${event}`,
      targetType: 'counseling_appointment',
      targetId: a.id,
      placement: placementOf(a),
      binding,
      detail: { studentId: a.student_id, from: a.status, to: move.to, guardiansInformed },
    });
    return { id: a.id, status: move.to };
  });
}

/** A student who comes in without a booking: the session starts now, with the teacher who receives them. */
export async function recordWalkIn(ctx: ServiceContext, body: { studentId: string; roomId: string }) {
  const student = await findStudent(ctx.db, body.studentId);
  const binding = ctx.access.require('counseling.duty', placementOfStudent(student));
  const room = await ctx.db.selectFrom('counseling_room').selectAll().where('id', '=', body.roomId).executeTakeFirst();
  if (!room || room.school_id !== student.school_id)
    throw counselingProblem(ctx.locale, 'validation', 'room.not-of-school', {}, '/roomId');
  const now = ctx.clock();
  const row = await ctx.db.transaction().execute(async (tx) => {
    const a = await tx
      .insertInto('counseling_appointment')
      .values({
        city_id: student.city_id,
        district_id: student.district_id,
        school_id: student.school_id,
        grade_id: student.grade_id,
        class_id: student.class_id,
        student_id: student.id,
        room_id: room.id,
        teacher_id: ctx.actorId,
        starts_at: now,
        ends_at: new Date(now.getTime() + WALK_IN_MINUTES * 60_000),
        kind: 'walk_in',
        status: 'attended',
        booked_by: ctx.actorId,
        booked_role: binding.role,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.audit(tx, {
      action: 'counseling.walk_in',
      targetType: 'counseling_appointment',
      targetId: a.id,
      placement: placementOf(a),
      binding,
      detail: { studentId: student.id, roomId: room.id },
    });
    return a;
  });
  return (await appointmentViews(ctx, [row]))[0]!;
}

/** The day's appointments of a school's rooms, for the psychology teachers on duty: names, times, states, records. */
export async function dayAppointments(ctx: ServiceContext, schoolId: string, date: string) {
  const school = await findSchool(ctx.db, schoolId);
  const binding = ctx.access.require('counseling.duty', placementOfUnit(school));
  const rows = await ctx.db
    .selectFrom('counseling_appointment as a')
    .innerJoin('student as s', 's.id', 'a.student_id')
    .innerJoin('org_unit as c', 'c.id', 'a.class_id')
    .leftJoin('counseling_record as r', 'r.appointment_id', 'a.id')
    .selectAll('a')
    .select(['s.name as student_name', 'c.name_zh as class_name', 'r.id as record_id', 'r.case_id as case_id'])
    .where('a.school_id', '=', school.id)
    .where('a.starts_at', '>=', startOfChinaDay(date))
    .where('a.starts_at', '<', endOfChinaDay(date))
    .orderBy('a.starts_at')
    .execute();
  const views = await appointmentViews(ctx, rows);
  await ctx.audit(ctx.db, {
    action: 'counseling.day.read',
    targetType: 'school',
    targetId: school.id,
    placement: placementOfUnit(school),
    binding,
    detail: { date, count: rows.length },
  });
  return {
    date,
    items: views.map((v, i) => ({
      ...v,
      student: { id: rows[i]!.student_id, name: rows[i]!.student_name, className: rows[i]!.class_name },
      recordId: rows[i]!.record_id,
      caseId: rows[i]!.case_id,
      mine: rows[i]!.teacher_id === ctx.actorId,
    })),
  };
}
