import type { Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { readRows, type FileKind } from '../spreadsheets/read.js';
import { cellText, parseClassNo, parseGradeLevel } from '../spreadsheets/cells.js';
import { ts, type SupervisionMessageKey } from './messages.js';
import { checkRecord, type RecordInput, type RecordKind, type StaffGroup } from './records.js';

/** Header texts a school may use for each column, Chinese or English. */
const COLUMNS = {
  kind: ['类型', 'kind'],
  date: ['日期', 'date'],
  hours: ['时长（小时）', '时长(小时)', '时长', 'hours'],
  grade: ['年级', 'grade'],
  class: ['班级', 'class'],
  studentNo: ['学籍号', 'student no.', 'student_no'],
  username: ['账号', 'username'],
  group: ['人员类别', 'staff group', 'group'],
  supervision: ['督导学时', 'supervision'],
  topic: ['主题', 'topic'],
} as const;
export type Column = keyof typeof COLUMNS;
export const COLUMN_KEYS = Object.keys(COLUMNS) as Column[];

/** The header a template prints for each column: the first Chinese name, or an English one the reader takes. */
export function columnHeader(c: Column, locale: Locale): string {
  return locale === 'en' ? EN_HEADERS[c] : COLUMNS[c][0];
}
const EN_HEADERS: Record<Column, string> = {
  kind: 'Kind',
  date: 'Date',
  hours: 'Hours',
  grade: 'Grade',
  class: 'Class',
  studentNo: 'Student no.',
  username: 'Username',
  group: 'Staff group',
  supervision: 'Supervision',
  topic: 'Topic',
};

const KINDS: Record<string, RecordKind> = {
  心理健康课: 'lesson',
  心理课: 'lesson',
  家长讲座: 'guardian_lecture',
  培训: 'training',
  辅导室开放: 'counseling_hours',
  家校联系: 'family_contact',
  家访: 'family_contact',
};
const GROUPS: Record<string, StaffGroup> = {
  专职心理教师: 'psych_full_time',
  兼职心理教师: 'psych_part_time',
  班主任: 'head_teacher',
  其他教职工: 'all_staff',
};
const YES = new Set(['是', 'yes', 'y', 'true', '1']);
const MAX_RECORDS = 5000;

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

/**
 * Reads a sheet of records for one school and checks every row the way the form does. Either every row is
 * good and comes back as inputs, or the errors come back, each with its row and column, and nothing is kept.
 */
export async function parseRecordSheet(
  db: Kysely<Database>,
  school: OrgUnit,
  buf: Buffer,
  kind: FileKind,
  locale: Locale,
): Promise<{ records: RecordInput[] } | { errors: ImportError[] }> {
  const err = (row: number, column: string, key: SupervisionMessageKey): ImportError => ({
    row,
    column,
    message: ts(key, locale),
  });
  const [grades, classes] = await Promise.all([
    db
      .selectFrom('org_unit')
      .select(['id', 'grade_level', 'name_zh'])
      .where('school_id', '=', school.id)
      .where('kind', '=', 'grade')
      .execute(),
    db
      .selectFrom('org_unit')
      .select(['id', 'grade_id', 'class_no'])
      .where('school_id', '=', school.id)
      .where('kind', '=', 'class')
      .execute(),
  ]);
  let header: Partial<Record<Column, number>> | null = null;
  let headerTexts: string[] = [];
  const errors: ImportError[] = [];
  const records: RecordInput[] = [];
  for await (const { row, cells } of readRows(buf, kind)) {
    const texts = cells.map(cellText);
    if (!header) {
      headerTexts = texts;
      header = {};
      for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
        const at = texts.findIndex((t) => names.includes(t.toLowerCase()) || names.includes(t));
        if (at >= 0) header[col] = at;
      }
      if (header.kind === undefined || header.date === undefined || header.hours === undefined)
        return { errors: [err(row, texts[0] ?? '', 'import.header')] };
      continue;
    }
    if (texts.every((t) => t === '')) continue;
    if (records.length + errors.length >= MAX_RECORDS) break;
    const h = header;
    const get = (c: Column) => (h[c] === undefined ? '' : (texts[h[c]] ?? ''));
    const label = (c: Column) => (h[c] === undefined ? COLUMNS[c][0] : headerTexts[h[c]]!);
    const kindText = get('kind');
    const recordKind =
      KINDS[kindText] ?? (Object.values(KINDS).includes(kindText as RecordKind) ? (kindText as RecordKind) : undefined);
    if (!recordKind) {
      errors.push(err(row, label('kind'), 'import.kind'));
      continue;
    }
    const date = get('date')
      .replace(/\//g, '-')
      .replace(
        /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
        (_, y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
      );
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
      errors.push(err(row, label('date'), 'import.date'));
      continue;
    }
    const hours = get('hours') === '' && recordKind === 'family_contact' ? 0 : Number(get('hours'));
    if (!Number.isFinite(hours) || hours < 0 || hours > 1000) {
      errors.push(err(row, label('hours'), 'import.hours'));
      continue;
    }
    const input: RecordInput = { kind: recordKind, occurredOn: date, hours, topic: get('topic').slice(0, 200) };
    if (recordKind === 'lesson' || recordKind === 'guardian_lecture') {
      const level = parseGradeLevel(get('grade'));
      const grade = grades.find((g) => g.grade_level === level || g.name_zh === get('grade'));
      if (!grade) {
        errors.push(err(row, label('grade'), 'import.grade'));
        continue;
      }
      input.gradeId = grade.id;
      if (recordKind === 'lesson') {
        const no = parseClassNo(get('class'));
        const klass = classes.find((c) => c.grade_id === grade.id && c.class_no === no);
        if (!klass) {
          errors.push(err(row, label('class'), 'import.class'));
          continue;
        }
        input.classId = klass.id;
      }
    }
    if (recordKind === 'family_contact') {
      const student = await db
        .selectFrom('student')
        .select('id')
        .where('school_id', '=', school.id)
        .where('student_no', '=', get('studentNo'))
        .executeTakeFirst();
      if (!student) {
        errors.push(err(row, label('studentNo'), 'import.student'));
        continue;
      }
      input.studentId = student.id;
    }
    if (recordKind === 'training') {
      const staff = await db
        .selectFrom('user_account')
        .select('id')
        .where('school_id', '=', school.id)
        .where('kind', '=', 'staff')
        .where('username', '=', get('username'))
        .executeTakeFirst();
      if (!staff) {
        errors.push(err(row, label('username'), 'import.staff'));
        continue;
      }
      const group =
        GROUPS[get('group')] ??
        (Object.values(GROUPS).includes(get('group') as StaffGroup) ? (get('group') as StaffGroup) : undefined);
      if (!group) {
        errors.push(err(row, label('group'), 'import.group'));
        continue;
      }
      Object.assign(input, {
        staffId: staff.id,
        staffGroup: group,
        supervision: YES.has(get('supervision').toLowerCase()),
      });
    }
    // The same rules as the form, so an import cannot store what the form would refuse.
    const problem = await checkRecord(db, school, input, locale);
    if (problem) {
      errors.push({ row, column: label(problem.field === 'hours' ? 'hours' : 'kind'), message: problem.message });
      continue;
    }
    records.push(input);
  }
  if (errors.length) return { errors };
  if (records.length === 0) return { errors: [err(1, '', 'import.empty')] };
  return { records };
}
