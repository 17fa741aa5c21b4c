import type { GuardianNoticeEvent } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { guardianAccountsOf } from '../referrals/guardian-notices.js';
import { chinaTime, enqueueNotifications } from '../warning/notify.js';
import { getWarningSettings } from '../warning/settings.js';
import { km } from './messages.js';

type Appointment = { id: string; city_id: string; student_id: string; room_id: string; starts_at: Date };

/**
 * Tells each guardian account of the student of an appointment, in the transaction that booked, confirmed or
 * moved it, when staff chose to. The notice may go out by SMS and be read by anyone holding the phone: the
 * time and the room, never the child's name, the reason or any record. Returns how many guardians were told.
 */
export async function informGuardiansOfAppointment(
  tx: Kysely<Database>,
  a: Appointment,
  event: GuardianNoticeEvent,
): Promise<number> {
  const users = await guardianAccountsOf(tx, a.student_id);
  if (users.length === 0) return 0;
  const room = await tx
    .selectFrom('counseling_room')
    .select(['name', 'location'])
    .where('id', '=', a.room_id)
    .executeTakeFirst();
  const { channels } = await getWarningSettings(tx, a.city_id);
  const location = room ? [room.name, room.location].filter(Boolean).join(' · ') : '';
  const both = (text: (l: 'zh-CN' | 'en') => string) => ({ 'zh-CN': text('zh-CN'), en: text('en') });
  await enqueueNotifications(tx, {
    users,
    payload: {
      kind: 'counseling.guardian_informed',
      appointmentId: a.id,
      title: both((l) => km('guardian.notice.title', l)),
      body: both((l) => km(`guardian.notice.${event}`, l, { time: chinaTime(a.starts_at, l), location })),
    },
    channels,
    dedupePrefix: `counseling-guardian:${a.id}:${a.starts_at.toISOString()}:${event}`,
  });
  return users.length;
}
