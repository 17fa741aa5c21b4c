import type { ScopeColumns } from '../../access/request-access.js';

/** Org ancestry columns of a screening table under `alias`; `person` is the student the row is about. */
export function screeningScopeColumns(alias: string, studentColumn = 'student_id'): ScopeColumns {
  return {
    city: `${alias}.city_id`,
    district: `${alias}.district_id`,
    school: `${alias}.school_id`,
    grade: `${alias}.grade_id`,
    class: `${alias}.class_id`,
    person: `${alias}.${studentColumn}`,
  };
}
