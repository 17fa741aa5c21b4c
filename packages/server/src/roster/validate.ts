import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { JobError } from '../jobs/jobs.js';
import { COLUMN_BY_KEY, COLUMNS, type ColumnKey, type HeaderMap } from './columns.js';
import { echo, rosterMessage, type RosterMessageKey } from './messages.js';
import { findClass, findGrade, type ClassInfo, type GradeInfo, type SchoolContext } from './school.js';
import type { SheetRow } from '../spreadsheets/read.js';
import {
  parseBirthDate,
  parseBoarding,
  parseCareTags,
  parseGender,
  parsePhone,
  parseRelation,
  parseStudentNo,
  type Parsed,
  type Relation,
} from './values.js';
import { cellText } from '../spreadsheets/cells.js';

/** The example row of the downloadable template: left in by many, skipped rather than imported. */
export const EXAMPLE_STUDENT_NO = 'EXAMPLE001';
export const MAX_NAME_LENGTH = 50;

/**
 * One valid row. `undefined` means the file has no such column: the student's stored value is kept.
 * A column that is present is authoritative, so an empty 住校 cell means "no", empty 关爱标签 "none".
 */
export interface RosterRecord {
  row: number;
  studentNo: string;
  name: string;
  gender: 'male' | 'female';
  gradeId: string;
  classId: string;
  birthDate?: string | null;
  boarding?: boolean;
  careTags?: string[];
  /** null: the row names no guardian (existing guardians stay linked). */
  guardian?: { name: string; relation: Relation; phone: string } | null;
}

export interface Validation {
  records: RosterRecord[];
  errors: JobError[];
}

type Progress = (processed: number, total: number) => void;

export async function validateRoster(
  db: Kysely<Database>,
  ctx: SchoolContext,
  header: HeaderMap,
  rows: SheetRow[],
  progress: Progress,
  today = new Date(),
): Promise<Validation> {
  const errors: JobError[] = [];
  const records: RosterRecord[] = [];
  const fieldOf = (k: ColumnKey) => header.written[k] ?? COLUMN_BY_KEY.get(k)!.header[header.locale];
  const report = (
    row: number,
    column: ColumnKey,
    failure: Exclude<Parsed<unknown>, { ok: true }> | { key: RosterMessageKey },
    value?: string,
  ) => {
    const f = failure as Exclude<Parsed<unknown>, { ok: true }>;
    errors.push({
      row,
      field: fieldOf(column),
      message: rosterMessage(f.key, {
        column,
        params: { value: echo(value ?? ''), ...f.params },
        perLocale: f.perLocale,
      }),
    });
  };

  // A roster names a few dozen grades and classes over and over: resolve each spelling once.
  const grades = new Map<string, GradeInfo | undefined>();
  const classes = new Map<string, ClassInfo | undefined>();
  const units: Units = {
    grade: (text) => (grades.has(text) ? grades.get(text) : grades.set(text, findGrade(ctx, text)).get(text)),
    class: (grade, text) => {
      const k = `${grade.id}\u0000${text}`;
      return classes.has(k) ? classes.get(k) : classes.set(k, findClass(grade, text)).get(k);
    },
    all: ctx.grades,
  };
  const seen: Seen[] = [];
  for (let i = 0; i < rows.length; i++) {
    const result = validateRow(rows[i]!, header, units, today, report);
    if (result?.record) records.push(result.record);
    if (result) seen.push(result.seen);
    if ((i + 1) % 1000 === 0) {
      progress(i + 1, rows.length);
      await yieldToEventLoop();
    }
  }

  checkDuplicates(seen, errors, fieldOf);
  checkGuardianPhones(seen, errors, fieldOf);
  progress(rows.length, rows.length);

  const order = new Map(COLUMNS.map((c, i) => [fieldOf(c.key), i]));
  errors.sort((a, b) => a.row - b.row || (order.get(a.field) ?? 99) - (order.get(b.field) ?? 99));
  return { records: errors.length ? [] : records, errors };
}

interface Units {
  grade(text: string): GradeInfo | undefined;
  class(grade: GradeInfo, text: string): ClassInfo | undefined;
  all: GradeInfo[];
}

/** What a row claims even when other cells are wrong: checks across rows need it. */
interface Seen {
  row: number;
  studentNo?: string;
  guardian?: { name: string; phone: string };
}

type Report = (
  row: number,
  column: ColumnKey,
  failure: Exclude<Parsed<unknown>, { ok: true }> | { key: RosterMessageKey },
  value?: string,
) => void;

function validateRow(
  { row, cells }: SheetRow,
  header: HeaderMap,
  units: Units,
  today: Date,
  report: Report,
): { record?: RosterRecord; seen: Seen } | undefined {
  const has = (k: ColumnKey) => header.index[k] !== undefined;
  const raw = (k: ColumnKey) => (has(k) ? (cells[header.index[k]!] ?? null) : null);
  const text = (k: ColumnKey) => cellText(raw(k));
  let valid = true;
  const fail: Report = (...args) => {
    valid = false;
    report(...args);
  };
  const required = (k: ColumnKey) => {
    const t = text(k);
    if (!t) fail(row, k, { key: 'required' });
    return t;
  };
  const check = <T>(k: ColumnKey, value: string, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    fail(row, k, parsed, value);
    return undefined;
  };
  const limited = (k: ColumnKey, value: string) => {
    const length = [...value].length;
    if (length > MAX_NAME_LENGTH)
      fail(row, k, { key: 'text.too-long', params: { limit: MAX_NAME_LENGTH, length } }, value);
    return value;
  };

  const noText = required('studentNo');
  if (noText.toUpperCase() === EXAMPLE_STUDENT_NO) return undefined;
  const studentNo = noText ? check('studentNo', noText, parseStudentNo(noText)) : undefined;
  const nameText = required('name');
  const name = nameText ? limited('name', nameText) : '';
  const genderText = required('gender');
  const gender = genderText ? check('gender', genderText, parseGender(genderText)) : undefined;

  let birthDate: string | null | undefined;
  if (has('birthDate')) {
    const t = text('birthDate');
    birthDate = t ? (check('birthDate', t, parseBirthDate(raw('birthDate'), t, today)) ?? null) : null;
  }

  const gradeText = required('grade');
  const grade = gradeText ? units.grade(gradeText) : undefined;
  if (gradeText && !grade) {
    fail(row, 'grade', { key: 'grade.unknown', perLocale: allowedNames(units.all) }, gradeText);
  }
  const classText = required('class');
  const klass = grade && classText ? units.class(grade, classText) : undefined;
  if (grade && classText && !klass) {
    fail(
      row,
      'class',
      {
        key: 'class.unknown',
        perLocale: {
          'zh-CN': { ...allowedNames(grade.classes)['zh-CN'], grade: grade.name['zh-CN'] },
          en: { ...allowedNames(grade.classes).en, grade: grade.name.en },
        },
      },
      classText,
    );
  }

  const boarding = has('boarding') ? check('boarding', text('boarding'), parseBoarding(text('boarding'))) : undefined;
  const careTags = has('careTags') ? check('careTags', text('careTags'), parseCareTags(text('careTags'))) : undefined;
  const guardian = guardianOf(
    row,
    { name: text('guardianName'), relation: text('guardianRelation'), phone: text('guardianPhone') },
    fail,
    limited,
    check,
  );

  const phone = parsePhone(text('guardianPhone'));
  const seen: Seen = {
    row,
    studentNo,
    guardian: phone.ok && text('guardianName') ? { name: text('guardianName'), phone: phone.value } : undefined,
  };
  if (!valid || !studentNo || !gender || !klass) return { seen };
  const record: RosterRecord = {
    row,
    studentNo,
    name,
    gender,
    gradeId: grade!.id,
    classId: klass.id,
    ...(birthDate !== undefined && { birthDate }),
    ...(has('boarding') && { boarding: boarding! }),
    ...(has('careTags') && { careTags: careTags! }),
    ...(guardian !== undefined && { guardian }),
  };
  return { record, seen };
}

function guardianOf(
  row: number,
  given: { name: string; relation: string; phone: string },
  fail: Report,
  limited: (k: ColumnKey, v: string) => string,
  check: <T>(k: ColumnKey, value: string, parsed: Parsed<T>) => T | undefined,
): RosterRecord['guardian'] {
  if (!given.name && !given.relation && !given.phone) return null;
  const parts: Array<[ColumnKey, string]> = [
    ['guardianName', given.name],
    ['guardianRelation', given.relation],
    ['guardianPhone', given.phone],
  ];
  for (const [k, v] of parts) if (!v) fail(row, k, { key: 'guardian.incomplete' });
  const name = given.name ? limited('guardianName', given.name) : '';
  const relation = given.relation
    ? check('guardianRelation', given.relation, parseRelation(given.relation))
    : undefined;
  const phone = given.phone ? check('guardianPhone', given.phone, parsePhone(given.phone)) : undefined;
  return name && relation && phone ? { name, relation, phone } : undefined;
}

function allowedNames(units: Array<{ name: Record<'zh-CN' | 'en', string> }>) {
  return {
    'zh-CN': { allowed: units.map((u) => u.name['zh-CN']).join('、') || '—' },
    en: { allowed: units.map((u) => u.name.en).join(', ') || '—' },
  };
}

/** Both (all) rows of a repeated 学籍号 are reported, each pointing at the others. */
function checkDuplicates(seen: Seen[], errors: JobError[], fieldOf: (k: ColumnKey) => string) {
  const rowsByNo = new Map<string, number[]>();
  for (const r of seen) {
    if (!r.studentNo) continue;
    const list = rowsByNo.get(r.studentNo);
    if (list) list.push(r.row);
    else rowsByNo.set(r.studentNo, [r.row]);
  }
  for (const [no, rows] of rowsByNo) {
    if (rows.length < 2) continue;
    for (const row of rows) {
      const others = rows.filter((r) => r !== row);
      const list = others.slice(0, 5).join(', ') + (others.length > 5 ? ', …' : '');
      errors.push({
        row,
        field: fieldOf('studentNo'),
        message: rosterMessage('studentNo.duplicate', { column: 'studentNo', params: { value: no, rows: list } }),
      });
    }
  }
}

/** A phone is a guardian's identity (and sign-in): one number cannot name two different people. */
function checkGuardianPhones(seen: Seen[], errors: JobError[], fieldOf: (k: ColumnKey) => string) {
  const first = new Map<string, { name: string; row: number }>();
  for (const r of seen) {
    if (!r.guardian) continue;
    const seen = first.get(r.guardian.phone);
    if (!seen) first.set(r.guardian.phone, { name: r.guardian.name, row: r.row });
    else if (seen.name !== r.guardian.name) {
      errors.push({
        row: r.row,
        field: fieldOf('guardianPhone'),
        message: rosterMessage('guardian.phone-conflict', {
          column: 'guardianPhone',
          params: { value: r.guardian.phone, row: seen.row, other: echo(seen.name) },
        }),
      });
    }
  }
}
