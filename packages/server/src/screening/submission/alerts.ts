import { nextEscalationAt } from '@yuxin/core';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { RequestAccess } from '../../access/request-access.js';
import { decryptOptional } from '../../crypto/field-crypto.js';
import type { Database } from '../../db/types.js';
import type { Locale } from '../../http/locale.js';
import { notFound } from '../../http/problem.js';
import type { AlertReason } from './evaluate.js';
import { alertReasonView } from './explain.js';
import { loadVersions } from './pinned.js';
import { screeningProblem } from './problems.js';
import { screeningScopeColumns } from './scope-columns.js';
import { getWarningSettings, type WarningSettings } from '../../warning/settings.js';
import { placementOf } from '../../org/placement.js';
import type { ServiceContext } from '../../services/context.js';
import { settleAlertNotifications } from '../../warning/notifications.js';
import { noticeObservationReceived } from '../../warning/observations.js';

export interface AlertFilters {
  status?: 'open' | 'acknowledged' | 'closed';
  urgency?: 'crisis' | 'high' | 'attention';
  /** false: only alerts no running case holds (what a new case may take). */
  inActiveCase?: boolean;
}

/** An alert taken into a case that is still running is being handled there; a closed case lets it go. */
const activeCaseOfAlert = sql<string | null>`(select cc.id from case_alert ca join care_case cc on cc.id = ca.case_id
  where ca.alert_id = al.id and cc.state <> 'closed' limit 1)`;

function alertQuery(db: Kysely<Database>) {
  return db
    .selectFrom('alert as al')
    .innerJoin('student as s', 's.id', 'al.student_id')
    .innerJoin('org_unit as c', 'c.id', 's.class_id')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .leftJoin('user_account as u', 'u.id', 'al.acknowledged_by')
    .leftJoin('observation as o', 'o.id', 'al.observation_id')
    .selectAll('al')
    .select([
      'o.level as obs_level',
      'o.signs as obs_signs',
      'o.seen_at as obs_seen_at',
      'o.filed_role as obs_filed_role',
      'o.note_enc as obs_note_enc',
    ])
    .select([
      's.name as student_name',
      's.student_no',
      's.care_tags',
      's.class_id as current_class_id',
      'c.name_zh as class_name',
      'g.name_zh as grade_name',
      'u.display_name as acknowledged_by_name',
      activeCaseOfAlert.as('active_case_id'),
      // An observation's own 复核 (#17.3), where "去复核" leads.
      (eb) =>
        eb
          .selectFrom('tier_assessment as ta')
          .select('ta.id')
          .whereRef('ta.alert_id', '=', 'al.id')
          .limit(1)
          .as('tier_assessment_id'),
    ]);
}

type AlertRow = Awaited<ReturnType<ReturnType<typeof alertQuery>['executeTakeFirstOrThrow']>>;

async function toViews(db: Kysely<Database>, rows: AlertRow[], locale: Locale, at: Date) {
  const reasonsOf = (r: AlertRow) => r.reasons as AlertReason[];
  const defOf = await loadVersions(
    db,
    rows.flatMap((r) =>
      reasonsOf(r).flatMap((x) => (x.kind === 'screening' ? [{ code: x.instrument, version: x.version }] : [])),
    ),
  );
  const now = at.getTime();
  const settingsOf = new Map<string, WarningSettings>();
  for (const cityId of new Set(rows.map((r) => r.city_id)))
    settingsOf.set(cityId, await getWarningSettings(db, cityId));
  return rows.map((r) => ({
    id: r.id,
    studentId: r.student_id,
    studentName: r.student_name,
    studentNo: r.student_no,
    classId: r.current_class_id,
    className: r.class_name,
    gradeName: r.grade_name,
    careTags: r.care_tags,
    // Students already known to need care (留守, 单亲 …) are marked so they are seen first.
    cared: r.care_tags.length > 0,
    source: r.source,
    urgency: r.urgency,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    overdue: r.status === 'open' && r.due_at.getTime() < now,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: r.acknowledged_by ? { id: r.acknowledged_by, name: r.acknowledged_by_name ?? '' } : null,
    responseId: r.response_id,
    activeCaseId: r.active_case_id,
    tierAssessmentId: r.tier_assessment_id,
    reasons: reasonsOf(r).map((x) => alertReasonView(x, locale, defOf)),
    escalationLevel: r.escalation_level,
    escalatedAt: r.escalated_at?.toISOString() ?? null,
    nextEscalationAt:
      nextEscalationAt(
        {
          status: r.status,
          urgency: r.urgency,
          dueAt: r.due_at,
          escalationLevel: r.escalation_level,
          escalatedAt: r.escalated_at,
        },
        settingsOf.get(r.city_id)!.deadlineMinutes,
      )?.toISOString() ?? null,
    observation: r.observation_id
      ? {
          level: r.obs_level,
          signs: r.obs_signs ?? [],
          seenAt: r.obs_seen_at!.toISOString(),
          filedRole: r.obs_filed_role!,
          text: decryptOptional(r.obs_note_enc),
        }
      : null,
  }));
}

/** The school's alert queue: open first, then by urgency and deadline. */
export async function listAlerts(
  db: Kysely<Database>,
  access: RequestAccess,
  filters: AlertFilters,
  page: number,
  pageSize: number,
  locale: Locale,
  now = new Date(),
) {
  let query = alertQuery(db).where(access.filter('alert.read', screeningScopeColumns('al')));
  if (filters.status) query = query.where('al.status', '=', filters.status);
  if (filters.urgency) query = query.where('al.urgency', '=', filters.urgency);
  if (filters.inActiveCase !== undefined) {
    query = query.where(
      filters.inActiveCase
        ? sql<boolean>`${activeCaseOfAlert} is not null`
        : sql<boolean>`${activeCaseOfAlert} is null`,
    );
  }
  const [{ total }] = (await query
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('total'))
    .execute()) as [{ total: number }];
  const rows = await query
    .orderBy(sql`case al.status when 'open' then 0 when 'acknowledged' then 1 else 2 end`)
    .orderBy(sql`case al.urgency when 'crisis' then 0 when 'high' then 1 else 2 end`)
    .orderBy('al.due_at')
    .orderBy('al.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: await toViews(db, rows, locale, now), total, page, pageSize };
}

export async function loadAlert(
  db: Kysely<Database>,
  access: RequestAccess,
  id: string,
  locale: Locale,
  now = new Date(),
) {
  const row = await alertQuery(db).where('al.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const binding = access.require('alert.read', placementOf(row));
  const [view] = await toViews(db, [row], locale, now);
  return { row, view: view!, binding };
}

/** Someone has taken the alert on: who and when, once. */
/**
 * Acknowledges one alert inside the caller's transaction when it is still open (null when someone already
 * did): the acknowledgement stops its escalation and is recorded as an alert event and in the audit log.
 */
export async function acknowledgeOpenAlert(
  tx: Transaction<Database>,
  ctx: Pick<ServiceContext, 'access' | 'actorId' | 'audit'>,
  row: Selectable<Database['alert']>,
) {
  const binding = ctx.access.require('alert.acknowledge', placementOf(row));
  const userId = ctx.actorId;
  const updated = await tx
    .updateTable('alert')
    .set({ status: 'acknowledged', acknowledged_at: sql<Date>`now()`, acknowledged_by: userId })
    .where('id', '=', row.id)
    .where('status', '=', 'open')
    .returning(['acknowledged_at'])
    .executeTakeFirst();
  if (!updated) return null;
  await settleAlertNotifications(tx, row.id);
  if (row.observation_id) await noticeObservationReceived(tx, row.observation_id, userId);
  await tx
    .insertInto('alert_event')
    .values({
      alert_id: row.id,
      kind: 'acknowledged',
      at: updated.acknowledged_at!,
      actor_id: userId,
      detail: JSON.stringify({ escalationLevel: row.escalation_level }),
    })
    .execute();
  await ctx.audit(tx, {
    action: 'alert.acknowledge',
    targetType: 'alert',
    targetId: row.id,
    placement: { cityId: row.city_id, districtId: row.district_id, schoolId: row.school_id },
    binding,
    detail: { studentId: row.student_id },
  });
  return updated;
}

export async function acknowledgeAlert(ctx: ServiceContext, id: string) {
  const { db } = ctx;
  const row = await db.selectFrom('alert').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  ctx.access.require('alert.acknowledge', placementOf(row));
  const done = await db.transaction().execute((tx) => acknowledgeOpenAlert(tx, ctx, row));
  if (!done) throw screeningProblem(ctx.locale, 'conflict', 'alert.already-acknowledged');
  return {
    id,
    status: 'acknowledged' as const,
    acknowledgedAt: done.acknowledged_at!.toISOString(),
    acknowledgedBy: { id: ctx.actorId, name: ctx.actorName },
  };
}
