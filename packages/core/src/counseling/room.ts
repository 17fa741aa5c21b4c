import { chinaDateOf, nextDay, startOfChinaDay } from '../time/china-time.js';

/**
 * 心理辅导室 (Jinan §7, Changzhou §12): a school's counseling room opens when a psychology teacher is on
 * duty. The weekly duty roster (值班表) is the only source of bookable time, so the room's real opening
 * hours are what the roster says, not a declared number.
 */

/** Kinds of counseling session (Changzhou §7; Jinan: individual, group, phone, online). */
export const SESSION_TYPES = ['individual', 'group', 'phone', 'online'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/** What a session led to: the problem eased, counseling continues, or it needs more than the room (a case). */
export const COUNSELING_OUTCOMES = ['resolved', 'continue', 'escalate'] as const;
export type CounselingOutcome = (typeof COUNSELING_OUTCOMES)[number];

/**
 * The six parts of every counseling record (Changzhou §7): 学生目前的心理状况、辅导的主要问题、问题的评估和鉴定、
 * 分析、对策、辅导效果评价.
 */
export const RECORD_FIELDS = ['state', 'problem', 'assessment', 'analysis', 'measures', 'evaluation'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export const APPOINTMENT_STATUSES = ['booked', 'confirmed', 'attended', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const APPOINTMENT_EVENTS = ['confirm', 'cancel', 'no_show', 'attend'] as const;
export type AppointmentEvent = (typeof APPOINTMENT_EVENTS)[number];

/** How far ahead a slot can be booked. */
export const BOOKING_HORIZON_DAYS = 14;
/** A student holds at most this many upcoming bookings, so one person cannot block the room's week. */
export const MAX_OPEN_BOOKINGS = 2;

/** One line of the weekly roster: on ISO weekday `weekday` (1 = Monday) from `startMin` to `endMin` (minutes of the China day). */
export interface DutyShift {
  id?: string;
  weekday: number;
  startMin: number;
  endMin: number;
  slotMinutes: number;
  teacherId: string;
}

export interface DutySlot {
  startsAt: Date;
  endsAt: Date;
  teacherId: string;
}

export type RosterProblem = { index: number; reason: 'order' | 'too_short' | 'overlap' };

/** Why a roster cannot stand: a shift ending before it starts, shorter than one slot, or two shifts of one day overlapping. */
export function rosterProblem(shifts: readonly DutyShift[]): RosterProblem | null {
  for (let i = 0; i < shifts.length; i++) {
    const s = shifts[i]!;
    if (s.endMin <= s.startMin) return { index: i, reason: 'order' };
    if (s.endMin - s.startMin < s.slotMinutes) return { index: i, reason: 'too_short' };
    for (let j = 0; j < i; j++) {
      const o = shifts[j]!;
      if (o.weekday === s.weekday && o.startMin < s.endMin && s.startMin < o.endMin)
        return { index: i, reason: 'overlap' };
    }
  }
  return null;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a China calendar date. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The slots the roster opens on the China days from `from` for `days` days, in time order. */
export function dutySlots(shifts: readonly DutyShift[], from: string, days: number): DutySlot[] {
  const slots: DutySlot[] = [];
  let date = from;
  for (let d = 0; d < days; d++, date = nextDay(date)) {
    const start = startOfChinaDay(date).getTime();
    const weekday = weekdayOf(date);
    for (const s of shifts) {
      if (s.weekday !== weekday) continue;
      for (let m = s.startMin; m + s.slotMinutes <= s.endMin; m += s.slotMinutes) {
        slots.push({
          startsAt: new Date(start + m * 60_000),
          endsAt: new Date(start + (m + s.slotMinutes) * 60_000),
          teacherId: s.teacherId,
        });
      }
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The roster's slot beginning exactly at `startsAt`, or null when the room is not open then. */
export function slotAt(shifts: readonly DutyShift[], startsAt: Date): DutySlot | null {
  const date = chinaDateOf(startsAt);
  return dutySlots(shifts, date, 1).find((s) => s.startsAt.getTime() === startsAt.getTime()) ?? null;
}

export type BookingRefusal = 'not_a_slot' | 'in_past' | 'too_far' | 'too_many';

/** Whether a slot may be booked now: one of the roster's, not begun, inside the horizon, and the student not over the limit. */
export function bookingRefusal(slot: DutySlot | null, now: Date, openBookings: number): BookingRefusal | null {
  if (!slot) return 'not_a_slot';
  if (slot.startsAt.getTime() <= now.getTime()) return 'in_past';
  if (slot.startsAt.getTime() > now.getTime() + BOOKING_HORIZON_DAYS * 86_400_000) return 'too_far';
  if (openBookings >= MAX_OPEN_BOOKINGS) return 'too_many';
  return null;
}

export type AppointmentMove = { ok: true; to: AppointmentStatus } | { ok: false; reason: 'wrong_status' | 'not_begun' };

/**
 * The appointment's life: booked → confirmed → attended; either may be cancelled, or marked no-show once
 * its time has begun. Attended, no-show and cancelled are final.
 */
export function moveAppointment(
  status: AppointmentStatus,
  event: AppointmentEvent,
  startsAt: Date,
  now: Date,
): AppointmentMove {
  const open = status === 'booked' || status === 'confirmed';
  switch (event) {
    case 'confirm':
      return status === 'booked' ? { ok: true, to: 'confirmed' } : { ok: false, reason: 'wrong_status' };
    case 'cancel':
      return open ? { ok: true, to: 'cancelled' } : { ok: false, reason: 'wrong_status' };
    case 'attend':
      return open ? { ok: true, to: 'attended' } : { ok: false, reason: 'wrong_status' };
    case 'no_show':
      if (!open) return { ok: false, reason: 'wrong_status' };
      return startsAt.getTime() <= now.getTime() ? { ok: true, to: 'no_show' } : { ok: false, reason: 'not_begun' };
  }
}

/** The actions only the room's staff take; a student (or a head teacher) may only cancel. */
export const DUTY_EVENTS: readonly AppointmentEvent[] = ['confirm', 'no_show', 'attend'];

export type RescheduleRefusal = 'wrong_status' | 'begun' | 'same_slot';

/**
 * Whether a booking may move to another slot: only while it is still ahead and open (booked or confirmed),
 * and only to a different slot. The new slot itself is judged like a new booking (bookingRefusal), except
 * that the move does not count against the student's limit: it frees the slot it leaves.
 */
export function rescheduleRefusal(
  a: { status: AppointmentStatus; kind: 'booked' | 'walk_in'; startsAt: Date; roomId: string },
  to: { roomId: string; startsAt: Date },
  now: Date,
): RescheduleRefusal | null {
  if (a.kind !== 'booked' || (a.status !== 'booked' && a.status !== 'confirmed')) return 'wrong_status';
  if (a.startsAt.getTime() <= now.getTime()) return 'begun';
  if (a.roomId === to.roomId && a.startsAt.getTime() === to.startsAt.getTime()) return 'same_slot';
  return null;
}

/** The moments at which staff may tell a student's guardians of an appointment. */
export const GUARDIAN_NOTICE_EVENTS = ['booked', 'confirmed', 'rescheduled'] as const;
export type GuardianNoticeEvent = (typeof GUARDIAN_NOTICE_EVENTS)[number];

/**
 * Whether the one acting may tell the student's guardians of an appointment. A student's own booking may be
 * confidential (a child may come about the family itself), so only staff booking, confirming or moving it for
 * the student may choose to; a student never tells their guardians through the room, whatever they send.
 */
export function mayInformGuardians(actingRole: string): boolean {
  return actingRole !== 'student';
}

/** Reminders of an appointment: the day before, and shortly before it begins. */
export const APPOINTMENT_REMINDERS = [
  { step: 'day', beforeMs: 24 * 3_600_000 },
  { step: 'soon', beforeMs: 2 * 3_600_000 },
] as const;
export type AppointmentReminderStep = (typeof APPOINTMENT_REMINDERS)[number]['step'];

/**
 * The reminder due for an appointment at `now`, if any: the latest window it is inside that was not sent.
 * An appointment booked 3 h ahead gets no day-before reminder, only the 2-hour one once that window opens;
 * one booked 1 h ahead gets the 2-hour one at once (the student booked it knowingly, but the teacher is told).
 */
export function dueReminder(
  startsAt: Date,
  now: Date,
  sent: { day: Date | null; soon: Date | null },
): AppointmentReminderStep | null {
  const [day, soon] = APPOINTMENT_REMINDERS;
  const left = startsAt.getTime() - now.getTime();
  if (left <= 0) return null;
  if (left <= soon.beforeMs) return sent.soon ? null : 'soon';
  if (left <= day.beforeMs) return sent.day || sent.soon ? null : 'day';
  return null;
}

/** Minutes of one weekday the shifts cover, overlapping shifts (of several rooms) counted once. */
function coveredMinutes(
  shifts: readonly Pick<DutyShift, 'weekday' | 'startMin' | 'endMin'>[],
  weekday: number,
): number {
  const spans = shifts
    .filter((s) => s.weekday === weekday)
    .map((s) => [s.startMin, s.endMin] as const)
    .sort((a, b) => a[0] - b[0]);
  let minutes = 0;
  let end = -1;
  for (const [s, e] of spans) {
    if (e <= end) continue;
    minutes += e - Math.max(s, end);
    end = e;
  }
  return minutes;
}

const hours = (minutes: number, days: number) => Math.round((minutes / 60 / days) * 100) / 100;

/**
 * A room's opening hours per school day from its duty roster: the minutes on duty Monday to Friday,
 * overlapping shifts of several rooms counted once (one room open is the school's room open), over five days.
 * Weekend shifts are extra and do not raise the figure.
 */
export function rosterHoursPerSchoolDay(shifts: readonly Pick<DutyShift, 'weekday' | 'startMin' | 'endMin'>[]): number {
  let minutes = 0;
  for (let day = 1; day <= 5; day++) minutes += coveredMinutes(shifts, day);
  return hours(minutes, 5);
}

/**
 * The school's real opening hours per school day over the China days `from`..`to` (inclusive): each Monday to
 * Friday the roster's hours of the rooms that were not closed that day by the duty log (值班记录: a rostered day
 * the room did not open). With no school day in the range yet, the roster's week.
 */
export function openingHoursPerSchoolDay(
  rooms: readonly {
    shifts: readonly Pick<DutyShift, 'weekday' | 'startMin' | 'endMin'>[];
    closed: ReadonlySet<string>;
  }[],
  from: string,
  to: string,
): number {
  let minutes = 0;
  let days = 0;
  for (let date = from; date <= to; date = nextDay(date)) {
    const weekday = weekdayOf(date);
    if (weekday > 5) continue;
    days++;
    minutes += coveredMinutes(
      rooms.filter((r) => !r.closed.has(date)).flatMap((r) => r.shifts),
      weekday,
    );
  }
  return days ? hours(minutes, days) : rosterHoursPerSchoolDay(rooms.flatMap((r) => r.shifts));
}
