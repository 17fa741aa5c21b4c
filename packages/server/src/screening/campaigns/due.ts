import { nextDay, startOfChinaDay } from '@yuxin/core';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, OrgUnit } from '../../db/types.js';
import type { InstrumentSet } from './instrument-sets.js';
import type { Period } from './period.js';

const STUDENT_COLUMN = {
  city: 'city_id',
  district: 'district_id',
  school: 'school_id',
  grade: 'grade_id',
  class: 'class_id',
} as const;
const CHILD_COLUMN = {
  city: 'district_id',
  district: 'school_id',
  school: 'grade_id',
  grade: 'class_id',
  class: 'class_id',
} as const;

export interface DueRow {
  unitId: string;
  kind: string;
  name: string;
  nameEn: string | null;
  /** Active students in grades the city screens. */
  students: number;
  /** Of those, the ones with no response in the period. */
  due: number;
}

export interface DueStudent {
  id: string;
  name: string;
  studentNo: string;
  gradeName: string;
  className: string;
  lastScreenedAt: string | null;
}

/** Whether a student (aliased `s`) has no response in the period: what "due" means. */
function noResponseIn(period: Period): RawBuilder<boolean> {
  const from = startOfChinaDay(period.from);
  const until = startOfChinaDay(nextDay(period.to));
  return sql<boolean>`not exists (select 1 from screening_response r where r.student_id = s.id and r.submitted_at >= ${from} and r.submitted_at < ${until})`;
}

/** Grades outside every default instrument set are never screened, so their students are never due. */
function screenedGrade(sets: readonly InstrumentSet[]): RawBuilder<boolean> {
  if (sets.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(
    sets.map((b) => sql`g.grade_level between ${b.gradeFrom}::int and ${b.gradeTo}::int`),
    sql` or `,
  )})`;
}

/** Due counts for each child unit of `unit` (a class counts itself). */
export async function dueRows(
  db: Kysely<Database>,
  unit: OrgUnit,
  period: Period,
  sets: readonly InstrumentSet[],
): Promise<DueRow[]> {
  const childColumn = CHILD_COLUMN[unit.kind];
  const rows = await sql<{
    id: string;
    kind: string;
    name_zh: string;
    name_en: string | null;
    students: number;
    due: number;
  }>`
    select u.id, u.kind, u.name_zh, u.name_en,
           count(s.id)::int as students,
           (count(s.id) filter (where ${noResponseIn(period)}))::int as due
      from student s
      join org_unit g on g.id = s.grade_id
      join org_unit u on u.id = ${sql.ref(`s.${childColumn}`)}
     where ${sql.ref(`s.${STUDENT_COLUMN[unit.kind]}`)} = ${unit.id} and s.status = 'active' and ${screenedGrade(sets)}
     group by u.id
     order by u.grade_level nulls first, u.sort, u.name_zh
  `.execute(db);
  return rows.rows.map((r) => ({
    unitId: r.id,
    kind: r.kind,
    name: r.name_zh,
    nameEn: r.name_en,
    students: r.students,
    due: r.due,
  }));
}

/** The due students of a unit, a page at a time, with when each was last screened at all. */
export async function dueStudents(
  db: Kysely<Database>,
  unit: OrgUnit,
  period: Period,
  sets: readonly InstrumentSet[],
  page: { page: number; pageSize: number },
): Promise<{ items: DueStudent[]; total: number }> {
  const where = sql`${sql.ref(`s.${STUDENT_COLUMN[unit.kind]}`)} = ${unit.id} and s.status = 'active' and ${screenedGrade(sets)} and ${noResponseIn(period)}`;
  const [count, rows] = await Promise.all([
    sql<{
      n: number;
    }>`select count(*)::int as n from student s join org_unit g on g.id = s.grade_id where ${where}`.execute(db),
    sql<{ id: string; name: string; student_no: string; grade_name: string; class_name: string; last: Date | null }>`
      select s.id, s.name, s.student_no, g.name_zh as grade_name, c.name_zh as class_name,
             (select max(r.submitted_at) from screening_response r where r.student_id = s.id) as last
        from student s
        join org_unit g on g.id = s.grade_id
        join org_unit c on c.id = s.class_id
       where ${where}
       order by g.grade_level, c.class_no, s.student_no
       limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}
    `.execute(db),
  ]);
  return {
    total: count.rows[0]?.n ?? 0,
    items: rows.rows.map((r) => ({
      id: r.id,
      name: r.name,
      studentNo: r.student_no,
      gradeName: r.grade_name,
      className: r.class_name,
      lastScreenedAt: r.last ? new Date(r.last).toISOString() : null,
    })),
  };
}
