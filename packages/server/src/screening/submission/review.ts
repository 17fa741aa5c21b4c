import { sql } from 'kysely';
import { recordTakenAlert } from '../../warning/announce.js';
import { notFound } from '../../http/problem.js';
import type { AlertReason } from './evaluate.js';
import { sm } from './messages.js';
import { answersProblem, screeningProblem } from './problems.js';
import { placementOf } from '../../org/placement.js';
import type { ServiceContext } from '../../services/context.js';

/** A rise to tier 2 or 3 is a task for the school within a day, unless someone is already on an open alert. */
export const TIER_CHANGE_DUE = '24 hours';

export interface ReviewBody {
  /** null: "no change", the decision an observation's review may reach; the student's tier stays. */
  confirmedTier: 1 | 2 | 3 | null;
  reason?: string | null;
  talkRecord: string;
}

/**
 * 复核: a psychology teacher, after the follow-up talk, confirms or changes the suggested tier. The
 * confirmed tier becomes the student's tier (what head teachers see); a rise above the previous confirmed
 * tier to 2 or 3 records a `tier_change` alert, already acknowledged by the reviewer, if the student has no
 * open alert.
 */
export async function reviewTierAssessment(ctx: ServiceContext, id: string, body: ReviewBody) {
  const { db, locale } = ctx;
  const row = await db.selectFrom('tier_assessment').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const binding = ctx.access.require('tier.review', placementOf(row));
  if (row.status === 'confirmed') throw screeningProblem(locale, 'conflict', 'review.already-confirmed');

  const talkRecord = body.talkRecord.trim();
  const reason = body.reason?.trim() || null;
  const errors = [];
  if (talkRecord.length < 10) errors.push({ field: '/talkRecord', message: sm('review.talk-record-required', locale) });
  // A campaign's suggestion is confirmed or changed; only an observation's review, with no score behind it,
  // may end in "no change".
  if (body.confirmedTier === null && row.suggested_tier !== null)
    errors.push({ field: '/confirmedTier', message: sm('review.tier-required', locale) });
  if (row.suggested_tier !== null && body.confirmedTier !== row.suggested_tier && (reason?.length ?? 0) < 5)
    errors.push({ field: '/reason', message: sm('review.reason-required', locale) });
  if (errors.length > 0) throw answersProblem(errors);

  const reviewerId = ctx.actorId;
  const outcome = await db.transaction().execute(async (tx) => {
    const confirmed = await tx
      .updateTable('tier_assessment')
      .set({
        status: 'confirmed',
        confirmed_tier: body.confirmedTier,
        review_reason: reason,
        talk_record: talkRecord,
        reviewed_by: reviewerId,
        reviewed_at: sql<Date>`now()`,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'suggested')
      .returning('reviewed_at')
      .executeTakeFirst();
    if (!confirmed) return null;
    const tier = body.confirmedTier;
    if (tier === null) {
      await ctx.audit(tx, {
        action: 'tier.review',
        targetType: 'tier_assessment',
        targetId: row.id,
        placement: { cityId: row.city_id, districtId: row.district_id, schoolId: row.school_id },
        binding,
        detail: { studentId: row.student_id, campaignId: row.campaign_id, alertId: row.alert_id, unchanged: true },
      });
      return { reviewedAt: confirmed.reviewed_at!, alertId: null };
    }

    const previous = await tx
      .selectFrom('student_tier')
      .select('tier')
      .where('student_id', '=', row.student_id)
      .forUpdate()
      .executeTakeFirst();
    await tx
      .insertInto('student_tier')
      .values({
        student_id: row.student_id,
        tier,
        assessment_id: row.id,
        city_id: row.city_id,
        district_id: row.district_id,
        school_id: row.school_id,
        class_id: row.class_id,
        confirmed_by: reviewerId,
        confirmed_at: sql<Date>`now()`,
      })
      .onConflict((oc) =>
        oc.column('student_id').doUpdateSet((eb) => ({
          tier: eb.ref('excluded.tier'),
          assessment_id: eb.ref('excluded.assessment_id'),
          city_id: eb.ref('excluded.city_id'),
          district_id: eb.ref('excluded.district_id'),
          school_id: eb.ref('excluded.school_id'),
          class_id: eb.ref('excluded.class_id'),
          confirmed_by: eb.ref('excluded.confirmed_by'),
          confirmed_at: eb.ref('excluded.confirmed_at'),
        })),
      )
      .execute();

    const from = previous?.tier ?? null;
    let alertId: string | null = null;
    if (tier >= 2 && tier > (from ?? 1)) {
      const reasons: AlertReason[] = [{ kind: 'tier_change', from, to: tier, assessmentId: row.id }];
      const alert = await sql<{ id: string }>`
        insert into alert (city_id, district_id, school_id, grade_id, class_id, student_id, source, urgency, reasons, due_at)
        select ${row.city_id}, ${row.district_id}, ${row.school_id}, ${row.grade_id}, ${row.class_id}, ${row.student_id},
               'tier_change', 'high', ${JSON.stringify(reasons)}::jsonb, now() + ${TIER_CHANGE_DUE}::interval
         where not exists (select 1 from alert where student_id = ${row.student_id} and status = 'open')
        returning id
      `.execute(tx);
      alertId = alert.rows[0]?.id ?? null;
      // Her own decision is not news to her: the alert is recorded as taken on by her, and tells no one.
      if (alertId) await recordTakenAlert(tx, alertId, reviewerId);
    }
    // Who reviewed which assessment; tiers, reasons and the talk itself stay out of the audit log, which
    // administrators can read.
    await ctx.audit(tx, {
      action: 'tier.review',
      targetType: 'tier_assessment',
      targetId: row.id,
      placement: { cityId: row.city_id, districtId: row.district_id, schoolId: row.school_id },
      binding,
      detail: { studentId: row.student_id, campaignId: row.campaign_id },
    });
    return { reviewedAt: confirmed.reviewed_at!, alertId };
  });
  if (!outcome) throw screeningProblem(locale, 'conflict', 'review.already-confirmed');
  return {
    id: row.id,
    status: 'confirmed' as const,
    suggestedTier: row.suggested_tier,
    confirmedTier: body.confirmedTier,
    reviewedAt: outcome.reviewedAt.toISOString(),
    alertId: outcome.alertId,
  };
}
