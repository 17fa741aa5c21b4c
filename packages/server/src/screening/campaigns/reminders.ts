import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { ScreeningReminderNotificationPayload } from '../../warning/channels.js';
import { enqueueNotifications } from '../../warning/notify.js';
import { getWarningSettings } from '../../warning/settings.js';

/** A child reminded within this interval is not reminded again: several teachers clicking is not nagging. */
export const REMIND_INTERVAL_MINUTES = 60;

/**
 * Records one reminder per unfinished assignment of a class, counts it on the assignment and tells the
 * people concerned through the notification outbox, in the same transaction (so a reminder is never
 * recorded without being sent, nor sent twice). Consent still pending goes to the guardian (to decide); a
 * parent-report form goes to the guardian; everything else to the student. Refused consent and declines
 * are never reminded.
 */
export async function remindClass(
  tx: Kysely<Database>,
  args: { campaignId: string; classId: string; remindedBy: string; now?: Date },
): Promise<{ count: number; skipped: number }> {
  const now = args.now ?? new Date();
  const since = new Date(now.getTime() - REMIND_INTERVAL_MINUTES * 60_000);
  const inserted = await sql<Reminded>`
    with due as (
      update screening_assignment a
         set last_reminded_at = ${now}, reminder_count = a.reminder_count + 1
       where a.campaign_id = ${args.campaignId} and a.class_id = ${args.classId}
         and a.status in ('pending', 'in_progress') and a.consent_status <> 'refused'
         and (a.last_reminded_at is null or a.last_reminded_at <= ${since})
      returning a.id, a.student_id, a.respondent, a.consent_status, a.city_id, a.district_id, a.school_id, a.class_id
    )
    insert into screening_reminder
      (campaign_id, assignment_id, student_id, recipient, purpose, city_id, district_id, school_id, class_id, reminded_by, created_at)
    select ${args.campaignId}::uuid, due.id, due.student_id,
           case when due.respondent = 'guardian' or due.consent_status = 'pending' then 'guardian' else 'student' end,
           case when due.consent_status = 'pending' then 'consent' else 'answer' end,
           due.city_id, due.district_id, due.school_id, due.class_id, ${args.remindedBy}::uuid, ${now}
      from due
    returning id, student_id, recipient, purpose, city_id
  `.execute(tx);
  await notifyReminded(tx, args.campaignId, inserted.rows);
  const open = await tx
    .selectFrom('screening_assignment')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('campaign_id', '=', args.campaignId)
    .where('class_id', '=', args.classId)
    .where('status', 'in', ['pending', 'in_progress'])
    .where('consent_status', '<>', 'refused')
    .executeTakeFirstOrThrow();
  return { count: inserted.rows.length, skipped: open.n - inserted.rows.length };
}

type Reminded = {
  id: string;
  student_id: string;
  recipient: 'student' | 'guardian';
  purpose: 'answer' | 'consent';
  city_id: string;
};

const TEXT = {
  answer: {
    student: {
      title: { 'zh-CN': '心理测评提醒', en: 'Questionnaire reminder' },
      body: {
        'zh-CN': '你有一份问卷还没有完成，请登录育心平台填写。',
        en: 'You have a questionnaire still to answer; sign in to Yuxin to fill it in.',
      },
    },
    guardian: {
      title: { 'zh-CN': '心理测评提醒', en: 'Questionnaire reminder' },
      body: {
        'zh-CN': '您有一份关于孩子的问卷还没有完成，请登录育心平台填写。',
        en: 'A questionnaire about your child is still to be answered; sign in to Yuxin to fill it in.',
      },
    },
  },
  consent: {
    title: { 'zh-CN': '心理测评知情同意', en: 'Consent for a screening' },
    body: {
      'zh-CN': '学校请您决定是否同意孩子参加心理测评，请登录育心平台查看说明并选择。',
      en: "The school asks whether you consent to your child's screening; sign in to Yuxin to read about it and decide.",
    },
  },
} as const;

function payloadFor(campaignId: string, r: Reminded): ScreeningReminderNotificationPayload {
  const text = r.purpose === 'consent' ? TEXT.consent : TEXT.answer[r.recipient];
  return { kind: 'screening.reminder', campaignId, purpose: r.purpose, title: text.title, body: text.body };
}

/**
 * Enqueues a notification for each reminder: to the student's own account, or to every guardian account of
 * the student. People without an account (or disabled) are skipped: the reminder row still records that the
 * class was reminded. Keyed by reminder id, so a repeated enqueue sends nothing twice.
 */
async function notifyReminded(tx: Kysely<Database>, campaignId: string, reminded: readonly Reminded[]): Promise<void> {
  if (reminded.length === 0) return;
  const studentIds = [...new Set(reminded.map((r) => r.student_id))];
  const accounts = await tx
    .selectFrom('user_account as u')
    .leftJoin('student_guardian as sg', 'sg.guardian_id', 'u.guardian_id')
    .select(['u.id', 'u.kind', 'u.student_id', 'sg.student_id as ward_id'])
    .where('u.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('u.kind', '=', 'student'), eb('u.student_id', 'in', studentIds)]),
        eb.and([eb('u.kind', '=', 'guardian'), eb('sg.student_id', 'in', studentIds)]),
      ]),
    )
    .execute();
  const channels = (await getWarningSettings(tx, reminded[0]!.city_id)).channels;
  for (const r of reminded) {
    const users = accounts
      .filter((a) => (r.recipient === 'student' ? a.student_id === r.student_id : a.ward_id === r.student_id))
      .map((a) => a.id);
    await enqueueNotifications(tx, {
      users: [...new Set(users)],
      payload: payloadFor(campaignId, r),
      channels,
      dedupePrefix: `reminder:${r.id}`,
    });
  }
}
