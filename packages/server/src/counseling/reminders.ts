import { APPOINTMENT_REMINDERS, dueReminder, type AppointmentReminderStep } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { chinaTime, enqueueNotifications } from '../warning/notify.js';
import { getWarningSettings } from '../warning/settings.js';
import { km } from './messages.js';

const BATCH = 200;
const LONGEST = Math.max(...APPOINTMENT_REMINDERS.map((r) => r.beforeMs));
const SOON_MS = Math.min(...APPOINTMENT_REMINDERS.map((r) => r.beforeMs));

/**
 * Reminds the student and the teacher on duty of an upcoming booking, the day before and two hours before
 * (core's dueReminder), through the notification outbox. Each reminder is its own transaction opened by a
 * conditional update of the appointment, so two sweepers, a restart or a repeated tick never remind twice;
 * a reschedule clears the marks and the new time is reminded afresh. The notice may go out by SMS: the time
 * and the room, never why the student comes. Returns how many reminders went out.
 */
export async function sweepCounselingReminders(db: Kysely<Database>, now: Date): Promise<number> {
  const soon = new Date(now.getTime() + SOON_MS);
  let sent = 0;
  for (;;) {
    // Only appointments with a reminder due, so a batch is never filled with ones that must wait.
    const candidates = await db
      .selectFrom('counseling_appointment')
      .select(['id', 'starts_at', 'reminded_day_at', 'reminded_soon_at'])
      .where('kind', '=', 'booked')
      .where('status', 'in', ['booked', 'confirmed'])
      .where('starts_at', '>', now)
      .where('starts_at', '<=', new Date(now.getTime() + LONGEST))
      .where('reminded_soon_at', 'is', null)
      .where((eb) => eb.or([eb('starts_at', '<=', soon), eb('reminded_day_at', 'is', null)]))
      .orderBy('starts_at')
      .orderBy('id')
      .limit(BATCH)
      .execute();
    let round = 0;
    for (const a of candidates) {
      const step = dueReminder(a.starts_at, now, { day: a.reminded_day_at, soon: a.reminded_soon_at });
      if (step && (await remindOnce(db, a.id, a.starts_at, step, now))) round++;
    }
    sent += round;
    // A short batch is the last; a batch another sweeper took from under us ends this sweep too.
    if (candidates.length < BATCH || round === 0) return sent;
  }
}

async function remindOnce(
  db: Kysely<Database>,
  id: string,
  startsAt: Date,
  step: AppointmentReminderStep,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    // The row lock makes a concurrent sweeper wait, then find the mark set (or the time moved) and do nothing.
    const claimed = await tx
      .updateTable('counseling_appointment')
      .set(step === 'day' ? { reminded_day_at: now } : { reminded_soon_at: now })
      .where('id', '=', id)
      .where('starts_at', '=', startsAt)
      .where('status', 'in', ['booked', 'confirmed'])
      .where(step === 'day' ? 'reminded_day_at' : 'reminded_soon_at', 'is', null)
      .returning(['id', 'city_id', 'school_id', 'student_id', 'room_id', 'teacher_id', 'starts_at'])
      .executeTakeFirst();
    if (!claimed) return false;
    const [room, school, studentAccounts] = await Promise.all([
      tx
        .selectFrom('counseling_room')
        .select(['name', 'location'])
        .where('id', '=', claimed.room_id)
        .executeTakeFirst(),
      tx.selectFrom('org_unit').select('name_zh').where('id', '=', claimed.school_id).executeTakeFirst(),
      tx
        .selectFrom('user_account')
        .select('id')
        .where('kind', '=', 'student')
        .where('student_id', '=', claimed.student_id)
        .where('disabled_at', 'is', null)
        .execute(),
    ]);
    const { channels } = await getWarningSettings(tx, claimed.city_id);
    const where = room ? [room.name, room.location].filter(Boolean).join(' · ') : '';
    const both = (text: (l: 'zh-CN' | 'en') => string) => ({ 'zh-CN': text('zh-CN'), en: text('en') });
    const params = (l: 'zh-CN' | 'en') => ({
      time: chinaTime(claimed.starts_at, l),
      location: where,
      school: school?.name_zh ?? '',
    });
    const title = both((l) => km('reminder.title', l));
    const dedupe = `counseling-reminder:${claimed.id}:${claimed.starts_at.toISOString()}:${step}`;
    await enqueueNotifications(tx, {
      users: studentAccounts.map((u) => u.id),
      payload: {
        kind: 'counseling.reminder',
        appointmentId: claimed.id,
        title,
        body: both((l) => km('reminder.student.body', l, params(l))),
      },
      channels,
      dedupePrefix: dedupe,
    });
    if (claimed.teacher_id)
      await enqueueNotifications(tx, {
        users: [claimed.teacher_id],
        payload: {
          kind: 'counseling.reminder',
          appointmentId: claimed.id,
          title,
          body: both((l) => km('reminder.teacher.body', l, params(l))),
        },
        channels,
        dedupePrefix: dedupe,
      });
    return true;
  });
}
