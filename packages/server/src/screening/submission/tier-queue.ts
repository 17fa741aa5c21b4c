import type { TierReason } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { RequestAccess } from '../../access/request-access.js';
import type { Database } from '../../db/types.js';
import type { Locale } from '../../http/locale.js';
import { tierReasonText } from './explain.js';
import { screeningScopeColumns } from './scope-columns.js';

/**
 * The 复核 queue: suggested tiers with why the rules suggested them and the student's open alerts, highest
 * suggestion and oldest first, so the most urgent talk happens first.
 */
export async function listTierAssessments(
  db: Kysely<Database>,
  access: RequestAccess,
  filters: { status?: 'suggested' | 'confirmed'; campaignId?: string; id?: string; studentId?: string },
  page: number,
  pageSize: number,
  locale: Locale,
) {
  let query = db
    .selectFrom('tier_assessment as t')
    .innerJoin('student as s', 's.id', 't.student_id')
    .innerJoin('org_unit as c', 'c.id', 's.class_id')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .leftJoin('campaign as cp', 'cp.id', 't.campaign_id')
    .leftJoin('student_tier as st', 'st.student_id', 't.student_id')
    .leftJoin('user_account as u', 'u.id', 't.reviewed_by')
    .where(access.filter('tier.review', screeningScopeColumns('t')));
  if (filters.status) query = query.where('t.status', '=', filters.status);
  if (filters.campaignId) query = query.where('t.campaign_id', '=', filters.campaignId);
  // One assessment, for the link from its alert.
  if (filters.id) query = query.where('t.id', '=', filters.id);
  // One student's history, for their archive.
  if (filters.studentId) query = query.where('t.student_id', '=', filters.studentId);

  const [{ total }] = (await query.select(sql<number>`count(*)::int`.as('total')).execute()) as [{ total: number }];
  const rows = await query
    .select([
      't.id',
      't.student_id',
      't.campaign_id',
      't.suggested_tier',
      't.suggested_reasons',
      't.status',
      't.confirmed_tier',
      't.review_reason',
      't.talk_record',
      't.reviewed_at',
      't.created_at',
      't.alert_id',
      't.city_id',
      't.district_id',
      's.name as student_name',
      's.student_no',
      's.class_id',
      's.care_tags',
      'c.name_zh as class_name',
      'g.name_zh as grade_name',
      'cp.name as campaign_name',
      'st.tier as current_tier',
      'u.display_name as reviewed_by_name',
    ])
    // An observation's review (no suggestion) first: someone saw something and is waiting for a decision.
    .orderBy(sql`t.suggested_tier desc nulls first`)
    .orderBy('t.created_at')
    .orderBy('t.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();

  const studentIds = [...new Set(rows.map((r) => r.student_id))];
  const alerts = studentIds.length
    ? await db
        .selectFrom('alert as al')
        .where(access.filter('alert.read', screeningScopeColumns('al')))
        .where('al.student_id', 'in', studentIds)
        .where('al.status', '!=', 'closed')
        .select(['al.id', 'al.student_id', 'al.source', 'al.urgency', 'al.status', 'al.due_at'])
        .orderBy('al.due_at')
        .execute()
    : [];
  const now = Date.now();

  const items = rows.map((r) => ({
    id: r.id,
    studentId: r.student_id,
    studentName: r.student_name,
    studentNo: r.student_no,
    classId: r.class_id,
    className: r.class_name,
    gradeName: r.grade_name,
    careTags: r.care_tags,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    createdAt: r.created_at.toISOString(),
    suggestedTier: r.suggested_tier,
    alertId: r.alert_id,
    reasons: (r.suggested_reasons as TierReason[]).map((reason) => ({
      instrument: reason.instrument,
      rule: reason.rule,
      tier: reason.tier,
      text: tierReasonText(reason, locale),
    })),
    status: r.status,
    confirmedTier: r.confirmed_tier,
    reviewReason: r.review_reason,
    talkRecord: r.talk_record,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    reviewedBy: r.reviewed_by_name,
    currentTier: r.current_tier,
    alerts: alerts
      .filter((a) => a.student_id === r.student_id)
      .map((a) => ({
        id: a.id,
        source: a.source,
        urgency: a.urgency,
        status: a.status,
        dueAt: a.due_at.toISOString(),
        overdue: a.status === 'open' && a.due_at.getTime() < now,
      })),
  }));
  return { items, total, page, pageSize, studentIds };
}

/** A student with their confirmed tier (null before any review), placed for the policy. */
export function studentWithTier(db: Kysely<Database>, studentId: string) {
  return db
    .selectFrom('student as s')
    .leftJoin('student_tier as st', 'st.student_id', 's.id')
    .select([
      's.id',
      's.city_id',
      's.district_id',
      's.school_id',
      's.grade_id',
      's.class_id',
      'st.tier',
      'st.confirmed_at',
    ])
    .where('s.id', '=', studentId)
    .executeTakeFirst();
}
