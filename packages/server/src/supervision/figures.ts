import {
  countActivities,
  type ActivityCounts,
  holdsParentCertificate,
  STARTING_GRADE_LEVELS,
  chinaDateOf,
  openingHoursPerSchoolDay,
  type SchoolStage,
  type SchoolTermFigures,
  type StaffTrainingGroup,
} from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';

export interface TermWindow {
  schoolYear: string;
  term: 1 | 2;
  from: string;
  to: string;
}

/** The term's dates from the city's school-year table; a September–January / February–July guess otherwise. */
export async function termWindow(
  db: Kysely<Database>,
  cityId: string,
  schoolYear: string,
  term: 1 | 2,
): Promise<TermWindow> {
  const row = await db
    .selectFrom('school_year')
    .selectAll()
    .where('city_id', '=', cityId)
    .where('code', '=', schoolYear)
    .executeTakeFirst();
  const start = Number(schoolYear.slice(0, 4));
  if (!row)
    return term === 1
      ? { schoolYear, term, from: `${start}-09-01`, to: `${start + 1}-01-31` }
      : { schoolYear, term, from: `${start + 1}-02-01`, to: `${start + 1}-07-15` };
  return term === 1
    ? { schoolYear, term, from: row.starts_on, to: row.term1_ends_on }
    : { schoolYear, term, from: row.term1_ends_on, to: row.ends_on };
}

const weeksBetween = (from: string, to: string) =>
  Math.max(1, Math.floor((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000)));

/** Staff whose training the standards ask about, with the hours they logged this school year. */
export interface StaffTraining {
  staffId: string;
  name: string;
  group: StaffTrainingGroup;
  certificate: 'A' | 'B' | 'C' | 'D' | null;
  hours: number;
  supervisionHours: number;
}

/**
 * Everything the indicators need for one school and term, read from the roster, the role bindings, the
 * screening tables and the school's supervision records.
 */
export async function schoolTermFigures(
  db: Kysely<Database>,
  school: OrgUnit,
  window: TermWindow,
): Promise<{
  figures: SchoolTermFigures;
  staff: StaffTraining[];
  grades: { id: string; name: string }[];
  classes: { id: string; name: string; lessons: number }[];
  activities: ActivityCounts;
}> {
  const records = db
    .selectFrom('supervision_record')
    .where('school_id', '=', school.id)
    .where('school_year', '=', window.schoolYear);
  const inTerm = records.where('term', '=', window.term);
  const [
    students,
    classes,
    grades,
    fullTime,
    lessonHours,
    counseling,
    lectures,
    contacted,
    screened,
    alerts,
    staff,
    activityRows,
  ] = await Promise.all([
    db
      .selectFrom('student')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('school_id', '=', school.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('org_unit as c')
      .innerJoin('org_unit as g', 'g.id', 'c.grade_id')
      .leftJoin(
        inTerm
          .select(['class_id', sql<number>`count(*)::int`.as('n')])
          .where('kind', '=', 'lesson')
          .groupBy('class_id')
          .as('l'),
        'l.class_id',
        'c.id',
      )
      .select(['c.id', sql<string>`g.name_zh || c.name_zh`.as('name'), sql<number>`coalesce(l.n, 0)`.as('lessons')])
      .where('c.school_id', '=', school.id)
      .where('c.kind', '=', 'class')
      .orderBy('g.grade_level')
      .orderBy('c.class_no')
      .execute(),
    db
      .selectFrom('org_unit')
      .select(['id', 'name_zh as name'])
      .where('school_id', '=', school.id)
      .where('kind', '=', 'grade')
      .orderBy('grade_level')
      .execute(),
    db
      .selectFrom('role_binding as b')
      .innerJoin('user_account as u', 'u.id', 'b.user_id')
      .select(sql<number>`count(distinct u.id)::int`.as('n'))
      .where('b.role', '=', 'psych_teacher')
      .where('b.school_id', '=', school.id)
      .where('u.full_time', '=', true)
      .where('u.disabled_at', 'is', null)
      .executeTakeFirstOrThrow(),
    inTerm
      .select(sql<number>`coalesce(sum(hours), 0)::float8`.as('n'))
      .where('kind', '=', 'lesson')
      .executeTakeFirstOrThrow(),
    counselingHours(db, school.id, window),
    inTerm
      .select(['grade_id', sql<number>`count(*)::int`.as('n')])
      .where('kind', '=', 'guardian_lecture')
      .groupBy('grade_id')
      .execute(),
    inTerm
      .select(sql<number>`count(distinct student_id)::int`.as('n'))
      .where('kind', '=', 'family_contact')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('screening_assignment as a')
      .innerJoin('campaign as c', 'c.id', 'a.campaign_id')
      .select(sql<number>`count(distinct a.student_id)::int`.as('n'))
      .where('a.school_id', '=', school.id)
      .where('a.status', '=', 'completed')
      .where('c.school_year', '=', window.schoolYear)
      .executeTakeFirstOrThrow(),
    // Alerts raised in the term whose deadline has passed or that were acknowledged: those that could be late.
    db
      .selectFrom('alert')
      .select([
        sql<number>`count(*)::int`.as('due'),
        sql<number>`(count(*) filter (where acknowledged_at <= due_at))::int`.as('on_time'),
      ])
      .where('school_id', '=', school.id)
      .where(sql<boolean>`created_at >= ${window.from}::date and created_at < ${window.to}::date + 1`)
      .where(sql<boolean>`(due_at < now() or acknowledged_at is not null)`)
      .executeTakeFirstOrThrow(),
    staffTraining(db, school.id, window.schoolYear),
    // The activity ledger's entries of the term (活动台账): tens a term, counted by core's rule.
    db
      .selectFrom('activity')
      .select(['kind', sql<boolean>`voided_at is not null`.as('voided')])
      .where('school_id', '=', school.id)
      .where('school_year', '=', window.schoolYear)
      .where('term', '=', window.term)
      .execute(),
  ]);
  const activities = countActivities(activityRows);
  const lecturesByGrade = new Map(lectures.map((l) => [l.grade_id, l.n]));
  const figures: SchoolTermFigures = {
    students: students.n,
    classes: classes.length,
    stage: (school.stage as SchoolStage | null) ?? null,
    termWeeks: weeksBetween(window.from, window.to),
    fullTimePsychTeachers: fullTime.n,
    lessonHours: Number(lessonHours.n),
    lessonsPerClass: classes.map((c) => c.lessons),
    counselingHoursPerDay: counseling,
    staffTraining: staff.map((s) => ({
      group: s.group,
      certificate: s.certificate,
      hours: s.hours,
      supervisionHours: s.supervisionHours,
    })),
    guardianLecturesPerGrade: grades.map((g) => lecturesByGrade.get(g.id) ?? 0),
    familiesContacted: contacted.n,
    // One family per student: siblings are not linked in the roster.
    families: students.n,
    studentsScreened: screened.n,
    alertsDue: alerts.due,
    alertsOnTime: alerts.on_time,
    activities,
  };
  return { figures, staff, grades, classes, activities };
}

/**
 * Psychology teachers and head teachers of the school are all expected to train, so each appears even with
 * no hours logged; anyone else appears once a training of theirs is recorded. The certificate level is the
 * staff registry's, else the one on the newest training record. The hours are the year's totals kept in the
 * staff registry where recorded (a school that keeps totals, not each training), else the sum of the year's
 * training records: never both, so a total typed in after logging trainings is not counted twice.
 */
async function staffTraining(db: Kysely<Database>, schoolId: string, schoolYear: string): Promise<StaffTraining[]> {
  const rows = await sql<{
    id: string;
    name: string;
    full_time: boolean | null;
    role: string | null;
    group: StaffTrainingGroup | null;
    certificate: 'A' | 'B' | 'C' | 'D' | null;
    hours: number;
    supervision_hours: number;
  }>`
    with expected as (
      select distinct on (u.id) u.id, u.display_name as name, u.full_time, u.certificate_level, b.role
        from role_binding b join user_account u on u.id = b.user_id
       where b.school_id = ${schoolId} and b.role in ('psych_teacher', 'head_teacher') and u.disabled_at is null
       order by u.id, case b.role when 'psych_teacher' then 0 else 1 end
    ), logged as (
      select r.staff_id, (array_agg(r.staff_group order by r.occurred_on desc))[1] as grp,
             (array_agg(r.certificate order by r.occurred_on desc) filter (where r.certificate is not null))[1] as certificate,
             coalesce(sum(r.hours) filter (where not r.supervision), 0)::float8 as hours,
             coalesce(sum(r.hours) filter (where r.supervision), 0)::float8 as supervision_hours
        from supervision_record r
       where r.school_id = ${schoolId} and r.school_year = ${schoolYear} and r.kind = 'training'
       group by r.staff_id
    )
    select coalesce(e.id, l.staff_id) as id, coalesce(e.name, u.display_name) as name, e.full_time, e.role, l.grp as "group",
           coalesce(e.certificate_level, u.certificate_level, l.certificate) as certificate,
           coalesce(y.training_hours::float8, l.hours, 0) as hours,
           coalesce(y.supervision_hours::float8, l.supervision_hours, 0) as supervision_hours
      from expected e
      full join logged l on l.staff_id = e.id
      left join user_account u on u.id = l.staff_id
      left join staff_training_year y on y.user_id = coalesce(e.id, l.staff_id) and y.school_year = ${schoolYear}
     order by 2
  `.execute(db);
  return rows.rows.map((r) => ({
    staffId: r.id,
    name: r.name,
    // The roster decides the group of psychology and head teachers; the record's group covers everyone else.
    group:
      r.role === 'psych_teacher'
        ? r.full_time
          ? 'psych_full_time'
          : 'psych_part_time'
        : r.role === 'head_teacher'
          ? 'head_teacher'
          : (r.group ?? 'all_staff'),
    certificate: r.certificate,
    hours: Number(r.hours),
    supervisionHours: Number(r.supervision_hours),
  }));
}

/**
 * The parent-school figures of a school year: parent-course hours per grade (its guardian_lecture records,
 * which every lecture writes), and how many guardians of first-year (起始年级) students attended the hours
 * of the year's certificate (holdsParentCertificate). Counted only when the city's standards ask for them.
 */
export async function parentSchoolFigures(
  db: Kysely<Database>,
  school: OrgUnit,
  window: TermWindow,
  grades: readonly { id: string }[],
  certificateHours: number | null,
): Promise<
  Pick<SchoolTermFigures, 'guardianCourseHoursPerGrade' | 'startingGradeGuardians' | 'startingGradeGuardiansCertified'>
> {
  const hours = await db
    .selectFrom('supervision_record')
    .select(['grade_id', sql<number>`coalesce(sum(hours), 0)::float8`.as('n')])
    .where('school_id', '=', school.id)
    .where('school_year', '=', window.schoolYear)
    .where('kind', '=', 'guardian_lecture')
    .groupBy('grade_id')
    .execute();
  const hoursByGrade = new Map(hours.map((h) => [h.grade_id, Number(h.n)]));
  const out: Awaited<ReturnType<typeof parentSchoolFigures>> = {
    guardianCourseHoursPerGrade: grades.map((g) => hoursByGrade.get(g.id) ?? 0),
  };
  if (certificateHours == null) return out;
  const [first, second] = await Promise.all([
    termWindow(db, school.city_id, window.schoolYear, 1),
    termWindow(db, school.city_id, window.schoolYear, 2),
  ]);
  const rows = await db
    .selectFrom('student as s')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .innerJoin('student_guardian as sg', 'sg.student_id', 's.id')
    .leftJoin(
      db
        .selectFrom('parent_lecture_attendance as a')
        .innerJoin('parent_lecture as l', 'l.id', 'a.lecture_id')
        .select(['a.guardian_id', sql<number>`sum(l.hours)::float8`.as('hours')])
        .where('l.school_id', '=', school.id)
        .where(sql<boolean>`l.held_at >= ${first.from}::date and l.held_at < ${second.to}::date + 1`)
        .groupBy('a.guardian_id')
        .as('att'),
      'att.guardian_id',
      'sg.guardian_id',
    )
    .select(['sg.guardian_id', sql<number>`max(coalesce(att.hours, 0))::float8`.as('hours')])
    .where('s.school_id', '=', school.id)
    .where('s.status', '=', 'active')
    .where('g.grade_level', 'in', [...STARTING_GRADE_LEVELS])
    .groupBy('sg.guardian_id')
    .execute();
  return {
    ...out,
    startingGradeGuardians: rows.length,
    startingGradeGuardiansCertified: rows.filter((r) => holdsParentCertificate(Number(r.hours), certificateHours))
      .length,
  };
}

/**
 * The counseling room's real opening hours per school day this term: the duty roster of the school's rooms
 * on each school day so far, less the days the duty log says a room did not open (core's
 * openingHoursPerSchoolDay). Only a school that keeps no roster in Yuxin falls back to the latest hours it
 * declared for the term.
 */
async function counselingHours(db: Kysely<Database>, schoolId: string, window: TermWindow): Promise<number> {
  const shifts = await db
    .selectFrom('duty_shift')
    .select(['room_id', 'weekday', 'start_min as startMin', 'end_min as endMin'])
    .where('school_id', '=', schoolId)
    .execute();
  if (shifts.length) {
    const today = chinaDateOf(new Date());
    const to = window.to < today ? window.to : today;
    const closures = await db
      .selectFrom('counseling_room_closure')
      .select(['room_id', 'on_date'])
      .where('school_id', '=', schoolId)
      .where('on_date', '>=', window.from)
      .where('on_date', '<=', to)
      .execute();
    const roomIds = [...new Set(shifts.map((s) => s.room_id))];
    return openingHoursPerSchoolDay(
      roomIds.map((id) => ({
        shifts: shifts.filter((s) => s.room_id === id),
        closed: new Set(closures.filter((c) => c.room_id === id).map((c) => c.on_date)),
      })),
      window.from,
      to,
    );
  }
  const declared = await db
    .selectFrom('supervision_record')
    .where('school_id', '=', schoolId)
    .where('school_year', '=', window.schoolYear)
    .where('term', '=', window.term)
    .select(sql<number>`hours::float8`.as('n'))
    .where('kind', '=', 'counseling_hours')
    .orderBy('occurred_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return Number(declared?.n ?? 0);
}
