import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

export interface FollowUpStudent {
  id: string;
  name: string;
  studentNo: string;
  className: string;
  tier: 2 | 3;
}

/**
 * The school's students whose tier for this campaign was confirmed at 2 or 3: the only named part of a
 * report, shown at school level to roles that may list students and read tiers there.
 */
export async function followUpStudents(
  db: Kysely<Database>,
  campaignId: string,
  schoolId: string,
): Promise<FollowUpStudent[]> {
  const rows = await db
    .selectFrom('tier_assessment as t')
    .innerJoin('student as s', 's.id', 't.student_id')
    .innerJoin('org_unit as c', 'c.id', 't.class_id')
    .innerJoin('org_unit as g', 'g.id', 't.grade_id')
    .select([
      's.id',
      's.name',
      's.student_no',
      'c.name_zh as class_name',
      'g.name_zh as grade_name',
      't.confirmed_tier',
    ])
    .where('t.campaign_id', '=', campaignId)
    .where('t.school_id', '=', schoolId)
    .where('t.status', '=', 'confirmed')
    .where('t.confirmed_tier', '>=', 2)
    .orderBy('t.confirmed_tier', 'desc')
    .orderBy('g.grade_level')
    .orderBy('c.class_no')
    .orderBy('s.student_no')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    studentNo: r.student_no,
    className: `${r.grade_name}${r.class_name}`,
    tier: r.confirmed_tier as 2 | 3,
  }));
}
