import type { Kysely } from 'kysely';
import type { RequestAccess } from '../access/request-access.js';
import type { Database } from '../db/types.js';

const LIMIT = 50;

/**
 * Students the signed-in person may file an observation about, by name: a peer supporter's and a head
 * teacher's class, a guardian's child, a school's students for its staff (searched by name). Names and
 * classes only — what a classmate already knows — never numbers, tiers or alerts.
 */
export async function observationSubjects(db: Kysely<Database>, access: RequestAccess, q: string | undefined) {
  let query = db
    .selectFrom('student as s')
    .innerJoin('org_unit as c', 'c.id', 's.class_id')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .select(['s.id', 's.name', 'c.name_zh as class_name', 'g.name_zh as grade_name'])
    .where(
      access.filter('observation.file', {
        city: 's.city_id',
        district: 's.district_id',
        school: 's.school_id',
        grade: 's.grade_id',
        class: 's.class_id',
        person: 's.id',
      }),
    )
    .where('s.status', '=', 'active');
  const term = q?.trim();
  if (term) query = query.where('s.name', 'like', `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  const rows = await query.orderBy('g.grade_level').orderBy('c.class_no').orderBy('s.name').limit(LIMIT).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, className: `${r.grade_name} ${r.class_name}` }));
}
