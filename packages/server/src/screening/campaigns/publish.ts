import { chinaDateOf } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { CampaignRow } from './visibility.js';

export type PublishRefusal = 'cancelled' | 'window-ended';

/**
 * Publishes a draft: one assignment per covered active student and respondent whose grade falls in a band,
 * written by one `insert … select`. Publishing again adds students who joined since (a roster import after
 * the first publish) and changes nothing else, so a retried or repeated publish is harmless.
 *
 * Consent: a student younger than the campaign's consent age on its opening day (China calendar) starts
 * `pending`; so does one whose birth date is unknown, since the age cannot be shown to be enough.
 */
export async function publishCampaign(
  tx: Kysely<Database>,
  c: CampaignRow,
  now = new Date(),
): Promise<{ created: number; total: number } | PublishRefusal> {
  if (c.status === 'cancelled') return 'cancelled';
  if (c.closes_at <= now) {
    if (c.status === 'draft') return 'window-ended';
    return { created: 0, total: await assignmentCount(tx, c.id) };
  }
  // Row lock: two concurrent publishes of one campaign take turns instead of racing on the same rows.
  await sql`select id from campaign where id = ${c.id} for update`.execute(tx);
  const before = await assignmentCount(tx, c.id);
  await insertAssignments(tx, c);
  await tx
    .updateTable('campaign')
    .set({ status: 'published', published_at: c.published_at ?? now, updated_at: now })
    .where('id', '=', c.id)
    .execute();
  const total = await assignmentCount(tx, c.id);
  return { created: total - before, total };
}

/**
 * Students who join a school or a class while a campaign is open get its questionnaire, as if they had
 * been there at publishing; a moved student's unfinished questionnaires follow them to the new class so
 * completion counts where they sit. Called inside the roster write's transaction.
 */
export async function assignOpenCampaigns(tx: Kysely<Database>, studentIds: readonly string[], now = new Date()) {
  if (studentIds.length === 0) return;
  const ids = [...new Set(studentIds)];
  const open = await tx
    .selectFrom('campaign')
    .selectAll()
    .where('status', '=', 'published')
    .where('closes_at', '>', now)
    .where('city_id', 'in', tx.selectFrom('student').select('city_id').distinct().where('id', 'in', ids))
    .execute();
  for (const c of open) {
    await sql`
      update screening_assignment a
         set class_id = s.class_id, grade_id = s.grade_id
        from student s
       where s.id = a.student_id and a.campaign_id = ${c.id}::uuid and a.student_id = any(${ids}::uuid[])
         and a.status in ('pending', 'in_progress') and a.school_id = s.school_id
         and (a.class_id <> s.class_id or a.grade_id <> s.grade_id)`.execute(tx);
    await insertAssignments(tx, c, ids);
  }
}

/**
 * One assignment per covered active student and respondent whose grade falls in a band, by one
 * `insert … select`; `onlyStudents` narrows it to late arrivals.
 */
async function insertAssignments(
  tx: Kysely<Database>,
  c: Pick<CampaignRow, 'id' | 'opens_at' | 'consent_required_under_age'>,
  onlyStudents?: readonly string[],
) {
  const openingDay = chinaDateOf(c.opens_at);
  const narrowed = onlyStudents ? sql`and s.id = any(${[...onlyStudents]}::uuid[])` : sql``;
  // Bands of one respondent never overlap (checked on input), so each student meets at most one band per
  // respondent: aggregating the instruments per band first keeps the big insert free of a GROUP BY.
  await sql`
    insert into screening_assignment
      (campaign_id, student_id, respondent, city_id, district_id, school_id, grade_id, class_id, instruments, consent_status)
    with bands as (
      select grade_from, grade_to, respondent,
             jsonb_agg(jsonb_build_object('code', instrument_code, 'version', instrument_version) order by sort, instrument_code) as instruments
        from campaign_instrument
       where campaign_id = ${c.id}::uuid
       group by grade_from, grade_to, respondent
    )
    select ${c.id}::uuid, s.id, b.respondent, s.city_id, s.district_id, s.school_id, s.grade_id, s.class_id, b.instruments,
           case when s.birth_date is null
                  or (s.birth_date + make_interval(years => ${c.consent_required_under_age}::int))::date > ${openingDay}::date
                then 'pending' else 'not_required' end
      from student s
      join org_unit g on g.id = s.grade_id
      join bands b on g.grade_level between b.grade_from and b.grade_to
     where s.status = 'active'
       and (exists (select 1 from campaign_target t
                     where t.campaign_id = ${c.id}::uuid
                       and t.org_unit_id in (s.city_id, s.district_id, s.school_id, s.grade_id, s.class_id))
            or exists (select 1 from campaign_student cs where cs.campaign_id = ${c.id}::uuid and cs.student_id = s.id))
       ${narrowed}
    on conflict (campaign_id, student_id, respondent) do nothing
  `.execute(tx);
}

async function assignmentCount(db: Kysely<Database>, campaignId: string): Promise<number> {
  const row = await db
    .selectFrom('screening_assignment')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return row.n;
}
