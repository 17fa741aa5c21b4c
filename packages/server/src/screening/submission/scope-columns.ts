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

/** The placement of a row carrying full org ancestry and a student, for `RequestAccess.require`. */
export function placementOfRow(r: {
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
  student_id: string;
}) {
  return {
    cityId: r.city_id,
    districtId: r.district_id,
    schoolId: r.school_id,
    gradeId: r.grade_id,
    classId: r.class_id,
    personId: r.student_id,
  };
}
