import type { OrgPlacement, Scope, ScopeLevel } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { placementOfUnit } from '../org/placement.js';
import { placementOfStudent } from '../org/placement.js';

/** A binding's scope with where it sits in the tree (for policy checks) and its display name. */
export interface ResolvedScope {
  scope: Scope;
  placement: OrgPlacement;
  name: string;
}

/** An org unit or hospital id, as a grant names it, resolved into a scope; null when there is no such thing. */
export async function resolveGrantTarget(db: Kysely<Database>, id: string): Promise<ResolvedScope | null> {
  const unit = await db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
  if (unit) return { scope: { level: unit.kind, id: unit.id }, placement: placementOfUnit(unit), name: unit.name_zh };
  const hospital = await db
    .selectFrom('hospital')
    .select(['id', 'city_id', 'name_zh'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (hospital)
    return {
      scope: { level: 'hospital', id: hospital.id },
      placement: { cityId: hospital.city_id, hospitalId: hospital.id },
      name: hospital.name_zh,
    };
  return null;
}

/** An existing binding's scope, including person scopes of students and guardians. */
export async function resolveBindingScope(
  db: Kysely<Database>,
  level: ScopeLevel,
  id: string,
): Promise<ResolvedScope | null> {
  if (level !== 'person') {
    const resolved = await resolveGrantTarget(db, id);
    return resolved && resolved.scope.level === level ? resolved : null;
  }
  const student = await db
    .selectFrom('student')
    .select(['id', 'name', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return student
    ? { scope: { level: 'person', id: student.id }, placement: placementOfStudent(student), name: student.name }
    : null;
}
