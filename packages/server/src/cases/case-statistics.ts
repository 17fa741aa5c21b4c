import { sql } from 'kysely';
import type { ServiceContext } from '../services/context.js';

/**
 * District and city centres watch cases as numbers: per school, active cases by state and by the
 * student's tier, and overdue follow-ups. No names, no notes, no case ids.
 */
export async function caseStatistics(ctx: ServiceContext, filter: { districtId?: string; schoolId?: string }) {
  let q = ctx.db
    .selectFrom('care_case as c')
    .innerJoin('org_unit as sch', 'sch.id', 'c.school_id')
    .leftJoin('student_tier as t', 't.student_id', 'c.student_id')
    .select([
      'c.school_id',
      'c.district_id',
      'sch.name_zh as school_name',
      'c.state',
      sql<string>`coalesce(t.tier::text, 'none')`.as('tier'),
      sql<number>`count(*)::int`.as('n'),
      sql<number>`sum((select count(*) from follow_up f where f.case_id = c.id and f.done_at is null and f.due_at < now()))::int`.as(
        'overdue',
      ),
    ])
    .where(ctx.access.filter('case.stats', { city: 'c.city_id', district: 'c.district_id', school: 'c.school_id' }))
    .where('c.state', '<>', 'closed')
    .groupBy(['c.school_id', 'c.district_id', 'sch.name_zh', 'c.state', sql`coalesce(t.tier::text, 'none')`]);
  if (filter.districtId) q = q.where('c.district_id', '=', filter.districtId);
  if (filter.schoolId) q = q.where('c.school_id', '=', filter.schoolId);
  const rows = await q.execute();
  const bySchool = new Map<
    string,
    {
      schoolId: string;
      schoolName: string;
      districtId: string;
      active: number;
      byState: Record<string, number>;
      byTier: Record<string, number>;
      overdueFollowUps: number;
    }
  >();
  const total = {
    active: 0,
    overdueFollowUps: 0,
    byState: {} as Record<string, number>,
    byTier: {} as Record<string, number>,
  };
  for (const r of rows) {
    const s = bySchool.get(r.school_id) ?? {
      schoolId: r.school_id,
      schoolName: r.school_name,
      districtId: r.district_id,
      active: 0,
      byState: {},
      byTier: {},
      overdueFollowUps: 0,
    };
    for (const acc of [s, total]) {
      acc.active += r.n;
      acc.overdueFollowUps += r.overdue ?? 0;
      acc.byState[r.state] = (acc.byState[r.state] ?? 0) + r.n;
      acc.byTier[r.tier] = (acc.byTier[r.tier] ?? 0) + r.n;
    }
    bySchool.set(r.school_id, s);
  }
  return {
    schools: [...bySchool.values()].sort((a, b) => b.active - a.active || a.schoolName.localeCompare(b.schoolName)),
    total,
  };
}
