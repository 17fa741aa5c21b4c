import { BOOKING_HORIZON_DAYS, chinaDateOf, dutySlots } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import { rosterOf } from '../counseling/store.js';

/**
 * Counseling-room records for the role × route matrix, written straight to the database. Every request
 * builder makes a fresh row, because the matrix sends the same case once per actor and a booked slot, a
 * cancelled appointment or a record's case cannot be made twice.
 */
type Db = Kysely<Database>;
type StudentRef = {
  id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
};

export function counselingMatrixFixtures(db: Db, cast: { home: StudentRef; other: StudentRef }) {
  let counter = 0;
  const studentOf = (side: 'home' | 'other') => (side === 'home' ? cast.home : cast.other);
  const userId = async (username: string) =>
    (await db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  // The seeded room, the one with a roster (the matrix adds rooms of its own, without one).
  const roomOf = async (schoolId: string) =>
    (
      await db
        .selectFrom('duty_shift')
        .select('room_id')
        .where('school_id', '=', schoolId)
        .orderBy('room_id')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).room_id;

  /** A booked appointment far beyond the roster's slots, so it never takes a slot a booking test wants. */
  const appointment = async (s: StudentRef) => {
    const startsAt = new Date(Date.now() + 60 * 86_400_000 + ++counter * 3_600_000);
    const row = await db
      .insertInto('counseling_appointment')
      .values({
        city_id: s.city_id,
        district_id: s.district_id,
        school_id: s.school_id,
        grade_id: s.grade_id,
        class_id: s.class_id,
        student_id: s.id,
        room_id: await roomOf(s.school_id),
        teacher_id: null,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 30 * 60_000),
        kind: 'booked',
        booked_by: await userId('psych03'),
        booked_role: 'psych_teacher',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  return {
    roomId: (side: 'home' | 'other') => roomOf(studentOf(side).school_id),
    /** The room's roster as the roster route takes it: saving it changes nothing. */
    roster: async (side: 'home' | 'other') => {
      const id = await roomOf(studentOf(side).school_id);
      const shifts = (await rosterOf(db, [id])).get(id)!.map(({ id: _, ...s }) => s);
      return { id, shifts };
    },
    /**
     * A free roster slot of the student's school. Earlier matrix bookings of the student are cancelled first,
     * so the limit on a student's upcoming bookings does not refuse the next actor.
     */
    freeSlot: async (s: StudentRef) => {
      await db
        .updateTable('counseling_appointment')
        .set({ status: 'cancelled' })
        .where('student_id', '=', s.id)
        .where('status', 'in', ['booked', 'confirmed'])
        .execute();
      const roomId = await roomOf(s.school_id);
      const now = new Date(Date.now() + 60_000);
      const taken = new Set(
        (
          await db
            .selectFrom('counseling_appointment')
            .select('starts_at')
            .where('room_id', '=', roomId)
            .where('kind', '=', 'booked')
            .where('status', '<>', 'cancelled')
            .execute()
        ).map((r) => r.starts_at.getTime()),
      );
      const slot = dutySlots((await rosterOf(db, [roomId])).get(roomId)!, chinaDateOf(now), BOOKING_HORIZON_DAYS)
        .filter((x) => x.startsAt > now && !taken.has(x.startsAt.getTime()))
        .at(0);
      if (!slot) throw new Error('no free counseling slot left for the matrix');
      return { studentId: s.id, roomId, startsAt: slot.startsAt.toISOString() };
    },
    appointment,
    /** A six-part record; `fresh` puts it on a new student, so opening its case touches no demo student. */
    record: async (side: 'home' | 'other', fresh = false) => {
      let s = studentOf(side);
      if (fresh)
        s = await db
          .insertInto('student')
          .values({
            city_id: s.city_id,
            district_id: s.district_id,
            school_id: s.school_id,
            grade_id: s.grade_id,
            class_id: s.class_id,
            student_no: `ROOM${++counter}${Math.random().toString(36).slice(2, 8)}`,
            name: `辅导测试${counter}`,
            gender: 'female',
            updated_at: new Date(),
          })
          .returning(['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
          .executeTakeFirstOrThrow();
      const text = encryptText('记录');
      const row = await db
        .insertInto('counseling_record')
        .values({
          city_id: s.city_id,
          district_id: s.district_id,
          school_id: s.school_id,
          grade_id: s.grade_id,
          class_id: s.class_id,
          student_id: s.id,
          appointment_id: null,
          counselor_id: await userId(side === 'home' ? 'psych03' : 'psych07'),
          session_type: 'individual',
          held_at: new Date(),
          duration_minutes: 40,
          outcome: 'continue',
          state_enc: text,
          problem_enc: text,
          assessment_enc: text,
          analysis_enc: text,
          measures_enc: text,
          evaluation_enc: text,
          alert_id: null,
          case_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  };
}
