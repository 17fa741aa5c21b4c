import type { OrgPlacement } from '@yuxin/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, TransferTable } from '../db/types.js';
import { notFound } from '../http/problem.js';

type Db = Kysely<Database>;
export type TransferRow = Selectable<TransferTable>;

export async function findTransfer(db: Db, id: string, lock = false): Promise<TransferRow> {
  let q = db.selectFrom('transfer').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const t = await q.executeTakeFirst();
  if (!t) throw notFound();
  return t;
}

/** The sending side: the school (and class) the student leaves, and the student for person-scoped roles. */
export function fromPlacement(t: TransferRow): OrgPlacement {
  return {
    cityId: t.city_id,
    districtId: t.from_district_id,
    schoolId: t.from_school_id,
    gradeId: t.from_grade_id,
    classId: t.from_class_id,
    personId: null,
  };
}

/** The receiving side: the school the student joins. No class until one is chosen on acceptance. */
export function toPlacement(t: TransferRow): OrgPlacement {
  return { cityId: t.city_id, districtId: t.to_district_id, schoolId: t.to_school_id, personId: null };
}

/** The student's current confirmed tier, null when none was ever confirmed. */
export async function currentTier(db: Db, studentId: string): Promise<number | null> {
  const row = await db.selectFrom('student_tier').select('tier').where('student_id', '=', studentId).executeTakeFirst();
  return row?.tier ?? null;
}

/** The student's one active case, if any. */
export async function openCaseOf(db: Db, studentId: string) {
  return db
    .selectFrom('care_case')
    .selectAll()
    .where('student_id', '=', studentId)
    .where('state', '<>', 'closed')
    .executeTakeFirst();
}

export async function unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'name_zh']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name_zh]));
}

export async function userNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((i): i is string => !!i))];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('user_account').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
