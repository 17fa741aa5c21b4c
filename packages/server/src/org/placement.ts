import type { OrgPlacement } from '@yuxin/core';
import type { ScopeColumns } from '../access/request-access.js';

/** The org ancestry columns a tenant row carries, and the student it is about for person-scoped roles. */
export interface PlacedRow {
  city_id: string;
  district_id?: string | null;
  school_id?: string | null;
  grade_id?: string | null;
  class_id?: string | null;
  student_id?: string | null;
}

/**
 * Where a row sits for the policy: its ancestry columns as they are. The one placement builder; a missing
 * column is null, which the policy and the audit read as "not placed at that level". A hospital is never
 * taken from a row: a referral names its hospital, and only the referral's own checks place it there.
 */
export function placementOf(r: PlacedRow): OrgPlacement {
  return {
    cityId: r.city_id,
    districtId: r.district_id ?? null,
    schoolId: r.school_id ?? null,
    gradeId: r.grade_id ?? null,
    classId: r.class_id ?? null,
    personId: r.student_id ?? null,
  };
}

/** An org unit fills its own level's column with its own id, except a class: org_unit has no class_id. */
export function placementOfUnit(
  u: Pick<PlacedRow, 'city_id' | 'district_id' | 'school_id' | 'grade_id'> & { id: string; kind: string },
): OrgPlacement {
  return placementOf({ ...u, class_id: u.kind === 'class' ? u.id : null });
}

/** A student is the person of person-scoped roles. */
export function placementOfStudent(s: Omit<PlacedRow, 'student_id'> & { id: string }): OrgPlacement {
  return placementOf({ ...s, student_id: s.id });
}

/** An org unit's own id fills its own level, so the unit is inside a scope bound to it. */
export const ORG_SCOPE_COLUMNS: ScopeColumns = {
  city: 'city_id',
  district: 'district_id',
  school: 'school_id',
  grade: 'grade_id',
  class: 'id',
};
