import type { Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { parseClassNo, parseGradeLevel } from '../spreadsheets/cells.js';

export interface ClassInfo {
  id: string;
  no: number | null;
  name: Record<Locale, string>;
}

export interface GradeInfo {
  id: string;
  level: number | null;
  name: Record<Locale, string>;
  classes: ClassInfo[];
}

/** The school a roster is imported into, with the grades and classes its rows may name. */
export interface SchoolContext {
  school: Pick<OrgUnit, 'id' | 'city_id' | 'district_id' | 'name_zh'>;
  grades: GradeInfo[];
}

export async function loadSchoolContext(db: Kysely<Database>, school: SchoolContext['school']): Promise<SchoolContext> {
  const units = await db
    .selectFrom('org_unit')
    .select(['id', 'kind', 'grade_id', 'grade_level', 'class_no', 'name_zh', 'name_en', 'sort'])
    .where('school_id', '=', school.id)
    .where('kind', 'in', ['grade', 'class'])
    .orderBy('sort')
    .orderBy('name_zh')
    .execute();
  const name = (u: { name_zh: string; name_en: string | null }) => ({ 'zh-CN': u.name_zh, en: u.name_en ?? u.name_zh });
  const grades: GradeInfo[] = units
    .filter((u) => u.kind === 'grade')
    .map((g) => ({ id: g.id, level: g.grade_level, name: name(g), classes: [] }))
    .sort((a, b) => (a.level ?? 99) - (b.level ?? 99));
  const byId = new Map(grades.map((g) => [g.id, g]));
  for (const c of units.filter((u) => u.kind === 'class'))
    byId.get(c.grade_id ?? '')?.classes.push({ id: c.id, no: c.class_no, name: name(c) });
  for (const g of grades) g.classes.sort((a, b) => (a.no ?? 999) - (b.no ?? 999));
  return { school, grades };
}

const same = (a: string, b: string) =>
  a.normalize('NFKC').replace(/\s/g, '').toLowerCase() === b.replace(/\s/g, '').toLowerCase();

/** A grade by its name in either language, else by the grade level the text means (七年级 = 初一 = 7). */
export function findGrade(ctx: SchoolContext, text: string): GradeInfo | undefined {
  const named = ctx.grades.find((g) => same(g.name['zh-CN'], text) || same(g.name.en, text));
  if (named) return named;
  const level = parseGradeLevel(text);
  return level === undefined ? undefined : ctx.grades.find((g) => g.level === level);
}

export function findClass(grade: GradeInfo, text: string): ClassInfo | undefined {
  const named = grade.classes.find((c) => same(c.name['zh-CN'], text) || same(c.name.en, text));
  if (named) return named;
  const no = parseClassNo(text);
  return no === undefined ? undefined : grade.classes.find((c) => c.no === no);
}
