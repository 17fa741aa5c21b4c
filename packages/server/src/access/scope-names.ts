import type { ScopeLevel } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/**
 * The display names of scopes (org units, hospitals, students), by scope id, for session and staff views.
 * `known` holds names the caller has already read with its own row (a student's, which is the student's name),
 * so a sign-in that has them costs no further round trip.
 */
export async function scopeNames(
  db: Kysely<Database>,
  wanted: Array<{ level: ScopeLevel; id: string }>,
  known?: { students: ReadonlyMap<string, string> },
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const scopes = wanted.filter((s) => {
    const name = s.level === 'person' ? known?.students.get(s.id) : undefined;
    if (name !== undefined) names.set(s.id, name);
    return name === undefined;
  });
  const orgIds = scopes.filter((s) => !['hospital', 'person'].includes(s.level)).map((s) => s.id);
  const hospitalIds = scopes.filter((s) => s.level === 'hospital').map((s) => s.id);
  const personIds = scopes.filter((s) => s.level === 'person').map((s) => s.id);
  if (orgIds.length) {
    // A class or grade alone ("1班") says nothing; name it with its school and grade.
    const rows = await db
      .selectFrom('org_unit as u')
      .leftJoin('org_unit as sch', (j) => j.onRef('sch.id', '=', 'u.school_id').on('u.kind', 'in', ['grade', 'class']))
      .leftJoin('org_unit as g', (j) => j.onRef('g.id', '=', 'u.grade_id').on('u.kind', '=', 'class'))
      .select(['u.id', 'u.name_zh', 'sch.name_zh as school', 'g.name_zh as grade'])
      .where('u.id', 'in', orgIds)
      .execute();
    for (const r of rows) names.set(r.id, [r.school, r.grade, r.name_zh].filter(Boolean).join(' '));
  }
  if (hospitalIds.length)
    for (const r of await db.selectFrom('hospital').select(['id', 'name_zh']).where('id', 'in', hospitalIds).execute())
      names.set(r.id, r.name_zh);
  if (personIds.length)
    for (const r of await db.selectFrom('student').select(['id', 'name']).where('id', 'in', personIds).execute())
      names.set(r.id, r.name);
  return names;
}
