import type { Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { schoolYearContaining, termOfDay } from '../screening/campaigns/period.js';
import { ts, type SupervisionMessageKey } from './messages.js';

export type RecordKind = 'lesson' | 'training' | 'guardian_lecture' | 'family_contact' | 'counseling_hours';
export type StaffGroup = 'psych_full_time' | 'psych_part_time' | 'head_teacher' | 'all_staff';

export interface RecordInput {
  kind: RecordKind;
  occurredOn: string;
  hours: number;
  classId?: string;
  gradeId?: string;
  studentId?: string;
  staffId?: string;
  staffGroup?: StaffGroup;
  certificate?: 'A' | 'B' | 'C' | 'D';
  supervision?: boolean;
  topic?: string;
}

export interface RecordProblem {
  /** The input field at fault: classId, gradeId, studentId, staffId, staffGroup or hours. */
  field: keyof RecordInput;
  message: string;
}

/** What a record must point at: a class, grade, student or staff member of this very school. */
export async function checkRecord(
  db: Kysely<Database>,
  school: OrgUnit,
  r: RecordInput,
  locale: Locale,
): Promise<RecordProblem | null> {
  const problem = (field: keyof RecordInput, key: SupervisionMessageKey) => ({ field, message: ts(key, locale) });
  const unitOf = (id: string | undefined, kind: 'class' | 'grade') =>
    id
      ? db
          .selectFrom('org_unit')
          .select('id')
          .where('id', '=', id)
          .where('kind', '=', kind)
          .where('school_id', '=', school.id)
          .executeTakeFirst()
      : undefined;
  if (r.kind === 'lesson' && !(await unitOf(r.classId, 'class'))) return problem('classId', 'record.class-required');
  if (r.kind === 'guardian_lecture' && !(await unitOf(r.gradeId, 'grade')))
    return problem('gradeId', 'record.grade-required');
  if (
    r.kind === 'family_contact' &&
    !(
      r.studentId &&
      (await db
        .selectFrom('student')
        .select('id')
        .where('id', '=', r.studentId)
        .where('school_id', '=', school.id)
        .executeTakeFirst())
    )
  )
    return problem('studentId', 'record.student-required');
  if (r.kind === 'training') {
    const staff = r.staffId
      ? await db
          .selectFrom('user_account')
          .select('id')
          .where('id', '=', r.staffId)
          .where('kind', '=', 'staff')
          .where('school_id', '=', school.id)
          .executeTakeFirst()
      : undefined;
    if (!staff) return problem('staffId', 'record.staff-required');
    if (!r.staffGroup) return problem('staffGroup', 'record.staff-required');
  }
  if (r.kind !== 'family_contact' && !(r.hours > 0)) return problem('hours', 'record.hours-required');
  return null;
}

/** Stores a checked record in the term its date falls in; only the fields its kind uses are kept. */
export async function insertRecord(tx: Kysely<Database>, school: OrgUnit, r: RecordInput, recordedBy: string) {
  const year = await schoolYearContaining(tx, school.city_id, r.occurredOn);
  const term = termOfDay(year, r.occurredOn);
  const row = await tx
    .insertInto('supervision_record')
    .values({
      city_id: school.city_id,
      district_id: school.district_id!,
      school_id: school.id,
      school_year: year.code,
      term,
      kind: r.kind,
      occurred_on: r.occurredOn,
      class_id: r.kind === 'lesson' ? r.classId! : null,
      grade_id: r.kind === 'guardian_lecture' ? r.gradeId! : null,
      student_id: r.kind === 'family_contact' ? r.studentId! : null,
      staff_id: r.kind === 'training' ? r.staffId! : null,
      staff_group: r.kind === 'training' ? (r.staffGroup ?? null) : null,
      certificate: r.kind === 'training' ? (r.certificate ?? null) : null,
      supervision: r.kind === 'training' ? (r.supervision ?? false) : false,
      hours: r.hours,
      topic: r.topic?.trim() ?? '',
      recorded_by: recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, schoolYear: year.code, term };
}
