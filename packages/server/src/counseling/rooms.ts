import { chinaDateOf, endOfChinaDay, rosterProblem, startOfChinaDay, type DutyShift } from '@yuxin/core';
import { sql } from 'kysely';
import { placementOf, placementOfUnit } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import { counselingProblem, isUniqueViolation, rosterProblemKey } from './messages.js';
import { closedDaysOf, findRoom, findSchool, rosterOf, schoolPsychTeachers, userNames, type RoomRow } from './store.js';

/** How far back a room shows its duty log: about a month of closed days. */
const LOG_SHOWN_DAYS = 31;

export interface RosterEntry {
  weekday: number;
  startMin: number;
  endMin: number;
  slotMinutes: number;
  teacherId: string;
}

async function roomViews(ctx: ServiceContext, rooms: RoomRow[]) {
  const roster = await rosterOf(
    ctx.db,
    rooms.map((r) => r.id),
  );
  const names = await userNames(
    ctx.db,
    [...roster.values()].flat().map((s) => s.teacherId),
  );
  const since = chinaDateOf(new Date(ctx.clock().getTime() - LOG_SHOWN_DAYS * 86_400_000));
  const closed = await closedDaysOf(
    ctx.db,
    rooms.map((r) => r.id),
    since,
  );
  return rooms.map((r) => ({
    id: r.id,
    name: r.name,
    location: r.location,
    closedDays: [...closed.get(r.id)!].sort(),
    shifts: roster.get(r.id)!.map((s) => ({
      weekday: s.weekday,
      startMin: s.startMin,
      endMin: s.endMin,
      slotMinutes: s.slotMinutes,
      teacherId: s.teacherId,
      teacherName: names.get(s.teacherId) ?? '',
    })),
  }));
}

/** A school's rooms with their weekly roster, and who can be put on duty. */
export async function listRooms(ctx: ServiceContext, schoolId: string) {
  const school = await findSchool(ctx.db, schoolId);
  ctx.access.require('counseling.duty', placementOfUnit(school));
  const rooms = await ctx.db
    .selectFrom('counseling_room')
    .selectAll()
    .where('school_id', '=', school.id)
    .orderBy('name')
    .execute();
  return { items: await roomViews(ctx, rooms), teachers: await schoolPsychTeachers(ctx.db, school.id) };
}

export async function createRoom(ctx: ServiceContext, body: { schoolId: string; name: string; location?: string }) {
  const school = await findSchool(ctx.db, body.schoolId);
  const binding = ctx.access.require('counseling.duty', placementOfUnit(school));
  const name = body.name.trim();
  let room: RoomRow;
  try {
    room = await ctx.db.transaction().execute(async (tx) => {
      const created = await tx
        .insertInto('counseling_room')
        .values({
          city_id: school.city_id,
          district_id: school.district_id!,
          school_id: school.id,
          name,
          location: body.location?.trim() ?? '',
          created_by: ctx.actorId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await ctx.audit(tx, {
        action: 'counseling.room.create',
        targetType: 'counseling_room',
        targetId: created.id,
        placement: placementOf(created),
        binding,
        detail: { schoolId: school.id },
      });
      return created;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw counselingProblem(ctx.locale, 'validation', 'room.name-taken', { name }, '/name');
    throw err;
  }
  // Outside the transaction: its connection is not ctx.db's (on PGlite there is one, and it would wait forever).
  return (await roomViews(ctx, [room]))[0]!;
}

/** Replaces a room's weekly duty roster. Bookings already made keep their time and teacher. */
export async function saveRoster(ctx: ServiceContext, roomId: string, shifts: RosterEntry[]) {
  const room = await findRoom(ctx.db, roomId);
  const binding = ctx.access.require('counseling.duty', placementOf(room));
  const problem = rosterProblem(shifts);
  if (problem) {
    const field = problem.reason === 'too_short' ? 'slotMinutes' : 'endMin';
    throw counselingProblem(
      ctx.locale,
      'validation',
      rosterProblemKey(problem),
      {},
      `/shifts/${problem.index}/${field}`,
    );
  }
  const teachers = new Set((await schoolPsychTeachers(ctx.db, room.school_id)).map((t) => t.id));
  const stranger = shifts.findIndex((s) => !teachers.has(s.teacherId));
  if (stranger >= 0)
    throw counselingProblem(ctx.locale, 'validation', 'roster.teacher', {}, `/shifts/${stranger}/teacherId`);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('duty_shift').where('room_id', '=', room.id).execute();
    if (shifts.length)
      await tx
        .insertInto('duty_shift')
        .values(
          shifts.map((s: DutyShift) => ({
            room_id: room.id,
            city_id: room.city_id,
            district_id: room.district_id,
            school_id: room.school_id,
            weekday: s.weekday,
            start_min: s.startMin,
            end_min: s.endMin,
            slot_minutes: s.slotMinutes,
            teacher_id: s.teacherId,
          })),
        )
        .execute();
    await ctx.audit(tx, {
      action: 'counseling.roster.save',
      targetType: 'counseling_room',
      targetId: room.id,
      placement: placementOf(room),
      binding,
      detail: { shifts: shifts.length },
    });
  });
  return (await roomViews(ctx, [room]))[0]!;
}

/**
 * The duty log (值班记录): marks a day the room did not (or will not) open, or takes the mark back. The real
 * opening hours are the roster less these days, and no slot opens on them. A day that still holds bookings
 * cannot be closed: they are moved or cancelled first, so nobody comes to a closed door. Setting what is
 * already set changes nothing, so a retry is harmless.
 */
export async function setDutyLog(ctx: ServiceContext, roomId: string, body: { date: string; open: boolean }) {
  const room = await findRoom(ctx.db, roomId);
  const binding = ctx.access.require('counseling.duty', placementOf(room));
  await ctx.db.transaction().execute(async (tx) => {
    let changed: boolean;
    if (body.open) {
      const removed = await tx
        .deleteFrom('counseling_room_closure')
        .where('room_id', '=', room.id)
        .where('on_date', '=', body.date)
        .executeTakeFirst();
      changed = Number(removed.numDeletedRows) > 0;
    } else {
      const booked = await tx
        .selectFrom('counseling_appointment')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('room_id', '=', room.id)
        .where('kind', '=', 'booked')
        .where('status', 'in', ['booked', 'confirmed'])
        .where('starts_at', '>=', startOfChinaDay(body.date))
        .where('starts_at', '<', endOfChinaDay(body.date))
        .executeTakeFirstOrThrow();
      if (booked.n > 0)
        throw counselingProblem(ctx.locale, 'conflict', 'dutylog.has-bookings', { count: booked.n }, '/date');
      const added = await tx
        .insertInto('counseling_room_closure')
        .values({
          room_id: room.id,
          city_id: room.city_id,
          district_id: room.district_id,
          school_id: room.school_id,
          on_date: body.date,
          recorded_by: ctx.actorId,
        })
        .onConflict((oc) => oc.columns(['room_id', 'on_date']).doNothing())
        .executeTakeFirst();
      changed = Number(added.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    if (changed)
      await ctx.audit(tx, {
        action: body.open ? 'counseling.duty_log.reopen' : 'counseling.duty_log.close',
        targetType: 'counseling_room',
        targetId: room.id,
        placement: placementOf(room),
        binding,
        detail: { date: body.date },
      });
  });
  return (await roomViews(ctx, [room]))[0]!;
}
