import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, OrgUnit, OrgUnitTable } from '../db/types.js';

/** Rows of the org tree, partner hospitals and school years; no policy here, the services decide. */

export async function findUnit(db: Kysely<Database>, id: string): Promise<OrgUnit | undefined> {
  return db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSchool(db: Kysely<Database>, id: string): Promise<OrgUnit | undefined> {
  return db.selectFrom('org_unit').selectAll().where('id', '=', id).where('kind', '=', 'school').executeTakeFirst();
}

export async function findClass(db: Kysely<Database>, id: string): Promise<OrgUnit | undefined> {
  return db.selectFrom('org_unit').selectAll().where('id', '=', id).where('kind', '=', 'class').executeTakeFirst();
}

/** A live sibling of that name under the parent, other than `exceptId`: two such would be indistinguishable. */
export async function liveSiblingNamed(
  db: Kysely<Database>,
  parentId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let q = db
    .selectFrom('org_unit')
    .select('id')
    .where('parent_id', '=', parentId)
    .where('name_zh', '=', name)
    .where('deactivated_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

/** A live grade of that level in the school: a roster names a student's grade by its level. */
export async function liveGradeOfLevel(db: Kysely<Database>, schoolId: string, level: number): Promise<boolean> {
  const row = await db
    .selectFrom('org_unit')
    .select('id')
    .where('parent_id', '=', schoolId)
    .where('kind', '=', 'grade')
    .where('grade_level', '=', level)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

/** The student column that places a student in a unit of each kind. */
const STUDENT_COLUMN_BY_KIND = {
  city: 'city_id',
  district: 'district_id',
  school: 'school_id',
  grade: 'grade_id',
  class: 'class_id',
} as const;

/** What still lives inside a unit: its live children and the enrolled students placed in it. */
export async function unitInUse(db: Kysely<Database>, unit: OrgUnit): Promise<{ units: number; students: number }> {
  const children = await db
    .selectFrom('org_unit')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('parent_id', '=', unit.id)
    .where('deactivated_at', 'is', null)
    .executeTakeFirstOrThrow();
  const students = await db
    .selectFrom('student')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(STUDENT_COLUMN_BY_KIND[unit.kind], '=', unit.id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return { units: children.n, students: students.n };
}

export async function unitsWithIds(db: Kysely<Database>, ids: string[]): Promise<OrgUnit[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('org_unit').selectAll().where('id', 'in', ids).orderBy('sort').execute();
}

export async function childUnits(db: Kysely<Database>, parentId: string): Promise<OrgUnit[]> {
  return db
    .selectFrom('org_unit')
    .selectAll()
    .where('parent_id', '=', parentId)
    .orderBy('sort')
    .orderBy('name_zh')
    .execute();
}

/** The schools of a city or a district, in the order the tree lists them. */
export async function schoolsIn(db: Kysely<Database>, unit: OrgUnit): Promise<OrgUnit[]> {
  return db
    .selectFrom('org_unit')
    .selectAll()
    .where('kind', '=', 'school')
    .where(unit.kind === 'city' ? 'city_id' : 'district_id', '=', unit.id)
    .orderBy('sort')
    .orderBy('name_zh')
    .execute();
}

/** How many units, live or closed, sit directly under each of the given units. */
export async function childCounts(db: Kysely<Database>, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('org_unit')
    .select(['parent_id', sql<number>`count(*)::int`.as('n')])
    .where('parent_id', 'in', ids)
    .groupBy('parent_id')
    .execute();
  return new Map(rows.flatMap((r) => (r.parent_id ? [[r.parent_id, r.n] as const] : [])));
}

/** How many enrolled students each of the given units holds, all units being of one kind. */
export async function activeStudentCounts(
  db: Kysely<Database>,
  kind: OrgUnit['kind'],
  ids: string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const column = STUDENT_COLUMN_BY_KIND[kind];
  const rows = await db
    .selectFrom('student')
    .select([sql<string>`${sql.ref(column)}`.as('unit'), sql<number>`count(*)::int`.as('n')])
    .where(sql.ref(column), 'in', ids)
    .where('status', '=', 'active')
    .groupBy(sql.ref(column))
    .execute();
  return new Map(rows.map((r) => [r.unit, r.n]));
}

export async function nextSort(db: Kysely<Database>, parentId: string): Promise<number> {
  const row = await db
    .selectFrom('org_unit')
    .select(sql<number>`coalesce(max(sort), -1)::int`.as('n'))
    .where('parent_id', '=', parentId)
    .executeTakeFirstOrThrow();
  return row.n + 1;
}

export async function insertUnit(db: Kysely<Database>, row: Insertable<OrgUnitTable>): Promise<OrgUnit> {
  return db.insertInto('org_unit').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUnit(db: Kysely<Database>, id: string, set: Updateable<OrgUnitTable>): Promise<OrgUnit> {
  return db.updateTable('org_unit').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// Partner hospitals

export type HospitalRow = Awaited<ReturnType<typeof listHospitals>>[number];

export function listHospitals(db: Kysely<Database>, cityId: string) {
  return db
    .selectFrom('hospital')
    .select(['id', 'city_id', 'name_zh', 'name_en', 'deactivated_at', 'created_at'])
    .where('city_id', '=', cityId)
    .orderBy(sql`deactivated_at is not null`)
    .orderBy('name_zh')
    .execute();
}

export function findHospital(db: Kysely<Database>, cityId: string, id: string) {
  return db
    .selectFrom('hospital')
    .select(['id', 'city_id', 'name_zh', 'name_en', 'deactivated_at', 'created_at'])
    .where('city_id', '=', cityId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function liveHospitalNamed(
  db: Kysely<Database>,
  cityId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let q = db
    .selectFrom('hospital')
    .select('id')
    .where('city_id', '=', cityId)
    .where('name_zh', '=', name)
    .where('deactivated_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertHospital(
  db: Kysely<Database>,
  row: { city_id: string; name_zh: string; name_en: string | null },
): Promise<HospitalRow> {
  return db
    .insertInto('hospital')
    .values(row)
    .returning(['id', 'city_id', 'name_zh', 'name_en', 'deactivated_at', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function updateHospital(
  db: Kysely<Database>,
  id: string,
  set: { name_zh?: string; name_en?: string | null; deactivated_at?: Date | null },
): Promise<HospitalRow> {
  return db
    .updateTable('hospital')
    .set({ ...set, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returning(['id', 'city_id', 'name_zh', 'name_en', 'deactivated_at', 'created_at'])
    .executeTakeFirstOrThrow();
}

// School years

export function listSchoolYears(db: Kysely<Database>, cityId: string) {
  return db.selectFrom('school_year').selectAll().where('city_id', '=', cityId).orderBy('code', 'desc').execute();
}

export function findSchoolYear(db: Kysely<Database>, cityId: string, code: string) {
  return db
    .selectFrom('school_year')
    .selectAll()
    .where('city_id', '=', cityId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertSchoolYear(
  db: Kysely<Database>,
  row: { city_id: string; code: string; starts_on: string; ends_on: string; term1_ends_on: string },
): Promise<void> {
  await db.insertInto('school_year').values(row).execute();
}

export async function updateSchoolYearDates(
  db: Kysely<Database>,
  cityId: string,
  code: string,
  set: { starts_on: string; ends_on: string; term1_ends_on: string },
): Promise<void> {
  await db.updateTable('school_year').set(set).where('city_id', '=', cityId).where('code', '=', code).execute();
}

/** Makes one year the city's current one; the old one is cleared first (one current year per city). */
export async function makeSchoolYearCurrent(db: Kysely<Database>, cityId: string, code: string): Promise<void> {
  await db
    .updateTable('school_year')
    .set({ is_current: false })
    .where('city_id', '=', cityId)
    .where('is_current', '=', true)
    .where('code', '<>', code)
    .execute();
  await db
    .updateTable('school_year')
    .set({ is_current: true })
    .where('city_id', '=', cityId)
    .where('code', '=', code)
    .execute();
}
