import { rosterProblem, type DutyShift } from '@yuxin/core';
import { placementOf, placementOfUnit } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import { counselingProblem, isUniqueViolation, rosterProblemKey } from './messages.js';
import { findRoom, findSchool, rosterOf, schoolPsychTeachers, userNames, type RoomRow } from './store.js';

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
  return rooms.map((r) => ({
    id: r.id,
    name: r.name,
    location: r.location,
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
