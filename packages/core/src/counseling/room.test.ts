import { describe, expect, it } from 'vitest';
import {
  mayInformGuardians,
  bookingRefusal,
  dueReminder,
  dutySlots,
  moveAppointment,
  rescheduleRefusal,
  openingHoursPerSchoolDay,
  rosterHoursPerSchoolDay,
  rosterProblem,
  slotAt,
  weekdayOf,
} from './room.js';

const shift = { weekday: 1, startMin: 12 * 60, endMin: 13 * 60, slotMinutes: 30, teacherId: 't1' };

describe('counseling room', () => {
  it('opens the roster slots on the right China weekday', () => {
    expect(weekdayOf('2026-12-07')).toBe(1); // a Monday
    expect(weekdayOf('2026-12-06')).toBe(7);
    const slots = dutySlots([shift], '2026-12-06', 7);
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
      '2026-12-07T04:00:00.000Z',
      '2026-12-07T04:30:00.000Z',
    ]);
    expect(slotAt([shift], new Date('2026-12-07T04:30:00Z'))?.teacherId).toBe('t1');
    expect(slotAt([shift], new Date('2026-12-07T04:15:00Z'))).toBeNull();
  });

  it('refuses rosters that overlap or cannot hold a slot', () => {
    expect(rosterProblem([shift, { ...shift, startMin: 12 * 60 + 30, endMin: 14 * 60 }])).toEqual({
      index: 1,
      reason: 'overlap',
    });
    expect(rosterProblem([{ ...shift, endMin: shift.startMin }])?.reason).toBe('order');
    expect(rosterProblem([{ ...shift, slotMinutes: 90 }])?.reason).toBe('too_short');
    expect(rosterProblem([shift, { ...shift, weekday: 2 }])).toBeNull();
  });

  it('books only future roster slots inside the horizon, a few per student', () => {
    const now = new Date('2026-12-06T00:00:00Z');
    const slot = slotAt([shift], new Date('2026-12-07T04:00:00Z'));
    expect(bookingRefusal(slot, now, 0)).toBeNull();
    expect(bookingRefusal(null, now, 0)).toBe('not_a_slot');
    expect(bookingRefusal(slot, new Date('2026-12-08T00:00:00Z'), 0)).toBe('in_past');
    expect(bookingRefusal(slot, now, 2)).toBe('too_many');
  });

  it('moves an appointment through its states', () => {
    const at = new Date('2026-12-07T04:00:00Z');
    const before = new Date('2026-12-07T03:00:00Z');
    expect(moveAppointment('booked', 'confirm', at, before)).toEqual({ ok: true, to: 'confirmed' });
    expect(moveAppointment('confirmed', 'confirm', at, before)).toEqual({ ok: false, reason: 'wrong_status' });
    expect(moveAppointment('confirmed', 'no_show', at, before)).toEqual({ ok: false, reason: 'not_begun' });
    expect(moveAppointment('confirmed', 'no_show', at, at)).toEqual({ ok: true, to: 'no_show' });
    expect(moveAppointment('cancelled', 'attend', at, at).ok).toBe(false);
  });
});

describe('rescheduleRefusal', () => {
  const now = new Date('2026-12-07T02:00:00Z');
  const a = {
    status: 'confirmed' as const,
    kind: 'booked' as const,
    startsAt: new Date('2026-12-08T04:00:00Z'),
    roomId: 'r',
  };
  it('moves an open booking still ahead to another slot only', () => {
    expect(rescheduleRefusal(a, { roomId: 'r', startsAt: new Date('2026-12-09T04:00:00Z') }, now)).toBeNull();
    expect(rescheduleRefusal(a, { roomId: 'r', startsAt: a.startsAt }, now)).toBe('same_slot');
    expect(rescheduleRefusal({ ...a, status: 'cancelled' }, { roomId: 'x', startsAt: a.startsAt }, now)).toBe(
      'wrong_status',
    );
    expect(rescheduleRefusal({ ...a, kind: 'walk_in' }, { roomId: 'x', startsAt: a.startsAt }, now)).toBe(
      'wrong_status',
    );
    expect(rescheduleRefusal(a, { roomId: 'x', startsAt: a.startsAt }, new Date('2026-12-08T04:00:00Z'))).toBe('begun');
  });
});

describe('dueReminder', () => {
  const startsAt = new Date('2026-12-08T04:00:00Z');
  const at = (hoursBefore: number) => new Date(startsAt.getTime() - hoursBefore * 3_600_000);
  const none = { day: null, soon: null };
  it('the day before, then two hours before, each once', () => {
    expect(dueReminder(startsAt, at(30), none)).toBeNull();
    expect(dueReminder(startsAt, at(20), none)).toBe('day');
    expect(dueReminder(startsAt, at(20), { day: at(20), soon: null })).toBeNull();
    expect(dueReminder(startsAt, at(1), { day: at(20), soon: null })).toBe('soon');
    expect(dueReminder(startsAt, at(1), { day: at(20), soon: at(1) })).toBeNull();
    expect(dueReminder(startsAt, at(-1), none)).toBeNull();
  });
  it('a booking made within two hours gets the short reminder only', () => {
    expect(dueReminder(startsAt, at(1), none)).toBe('soon');
  });
});

describe('rosterHoursPerSchoolDay', () => {
  const shift = (weekday: number, startMin: number, endMin: number) => ({ weekday, startMin, endMin });
  it('averages the school days, counts overlapping rooms once and ignores weekends', () => {
    const week = [1, 2, 3, 4, 5].map((d) => shift(d, 720, 780));
    expect(rosterHoursPerSchoolDay(week)).toBe(1);
    expect(rosterHoursPerSchoolDay([...week, ...week, shift(6, 540, 720)])).toBe(1);
    expect(rosterHoursPerSchoolDay([...week, shift(1, 750, 840)])).toBe(1.2);
    expect(rosterHoursPerSchoolDay([])).toBe(0);
  });
});

describe('openingHoursPerSchoolDay', () => {
  const week = [1, 2, 3, 4, 5].flatMap((d) => [
    { weekday: d, startMin: 720, endMin: 780 },
    { weekday: d, startMin: 960, endMin: 1020 },
  ]);
  it('counts the roster on the school days of the range, less the days the duty log closed a room', () => {
    // 2026-12-07 is a Monday; the range runs to the Sunday after.
    expect(openingHoursPerSchoolDay([{ shifts: week, closed: new Set() }], '2026-12-07', '2026-12-13')).toBe(2);
    const closed = new Set(['2026-12-08', '2026-12-09', '2026-12-12']);
    expect(openingHoursPerSchoolDay([{ shifts: week, closed }], '2026-12-07', '2026-12-13')).toBe(1.2);
    // Another room open that day keeps the school's room open.
    const other = { shifts: week.filter((s) => s.startMin === 720), closed: new Set<string>() };
    expect(openingHoursPerSchoolDay([{ shifts: week, closed }, other], '2026-12-07', '2026-12-13')).toBe(1.6);
    // Before the first school day: the roster's week.
    expect(openingHoursPerSchoolDay([{ shifts: week, closed }], '2026-12-12', '2026-12-13')).toBe(2);
  });
});

describe('mayInformGuardians', () => {
  it('staff may tell the guardians of an appointment; a student booking for themselves never does', () => {
    expect(mayInformGuardians('psych_teacher')).toBe(true);
    expect(mayInformGuardians('head_teacher')).toBe(true);
    expect(mayInformGuardians('student')).toBe(false);
  });
});
