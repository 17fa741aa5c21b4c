import type { DutyShift } from '@yuxin/core';
import type { Kysely, Selectable } from 'kysely';
import type { CounselingAppointmentTable, CounselingRoomTable, Database } from '../db/types.js';
import { notFound } from '../http/problem.js';

type Db = Kysely<Database>;
export type RoomRow = Selectable<CounselingRoomTable>;
export type AppointmentRow = Selectable<CounselingAppointmentTable>;

export async function findSchool(db: Db, id: string) {
  const unit = await db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
  if (!unit || unit.kind !== 'school') throw notFound();
  return unit;
}

export async function findStudent(db: Db, id: string) {
  const s = await db
    .selectFrom('student')
    .select(['id', 'name', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!s) throw notFound();
  return s;
}

export async function findRoom(db: Db, id: string): Promise<RoomRow> {
  const r = await db.selectFrom('counseling_room').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

export async function findAppointment(db: Db, id: string, lock = false): Promise<AppointmentRow> {
  let q = db.selectFrom('counseling_appointment').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const a = await q.executeTakeFirst();
  if (!a) throw notFound();
  return a;
}

/** The roster of some rooms as core reads it, by room. */
export async function rosterOf(db: Db, roomIds: string[]): Promise<Map<string, DutyShift[]>> {
  const byRoom = new Map<string, DutyShift[]>(roomIds.map((id) => [id, []]));
  if (!roomIds.length) return byRoom;
  const rows = await db
    .selectFrom('duty_shift')
    .selectAll()
    .where('room_id', 'in', roomIds)
    .orderBy('weekday')
    .orderBy('start_min')
    .execute();
  for (const r of rows)
    byRoom.get(r.room_id)!.push({
      id: r.id,
      weekday: r.weekday,
      startMin: r.start_min,
      endMin: r.end_min,
      slotMinutes: r.slot_minutes,
      teacherId: r.teacher_id,
    });
  return byRoom;
}

/** The active psychology teachers bound to a school: the only people who can be on duty in its rooms. */
export async function schoolPsychTeachers(db: Db, schoolId: string): Promise<Array<{ id: string; name: string }>> {
  const rows = await db
    .selectFrom('role_binding as rb')
    .innerJoin('user_account as u', 'u.id', 'rb.user_id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('rb.role', '=', 'psych_teacher')
    .where('rb.scope_level', '=', 'school')
    .where('rb.scope_id', '=', schoolId)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}

export async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('user_account').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The days the duty log closed some rooms, from `fromDate` on, by room: no slot opens on them. */
export async function closedDaysOf(db: Db, roomIds: string[], fromDate: string): Promise<Map<string, Set<string>>> {
  const byRoom = new Map<string, Set<string>>(roomIds.map((id) => [id, new Set()]));
  if (!roomIds.length) return byRoom;
  const rows = await db
    .selectFrom('counseling_room_closure')
    .select(['room_id', 'on_date'])
    .where('room_id', 'in', roomIds)
    .where('on_date', '>=', fromDate)
    .execute();
  for (const r of rows) byRoom.get(r.room_id)!.add(r.on_date);
  return byRoom;
}
