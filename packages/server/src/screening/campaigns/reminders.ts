import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';

/** A child reminded within this interval is not reminded again: several teachers clicking is not nagging. */
export const REMIND_INTERVAL_MINUTES = 60;

/**
 * Records one reminder per unfinished assignment of a class and counts it on the assignment. The rows wait
 * in screening_reminder for the notification outbox to deliver them. Consent still pending goes to the
 * guardian (to decide); a parent-report form goes to the guardian; everything else to the student. Refused
 * consent and declines are never reminded.
 */
export async function remindClass(
  tx: Kysely<Database>,
  args: { campaignId: string; classId: string; remindedBy: string; now?: Date },
): Promise<{ count: number; skipped: number }> {
  const now = args.now ?? new Date();
  const since = new Date(now.getTime() - REMIND_INTERVAL_MINUTES * 60_000);
  const inserted = await sql<{ id: string }>`
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
    returning id
  `.execute(tx);
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
