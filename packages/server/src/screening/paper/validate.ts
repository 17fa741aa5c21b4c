import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { allowedCodes, type InstrumentDefinition } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { JobError } from '../../jobs/jobs.js';
import type { Localized } from '../../jobs/messages.js';
import type { SheetRow } from '../../spreadsheets/read.js';
import { cellText, type RawCell } from '../../spreadsheets/cells.js';
import { parseStudentNo } from '../../roster/values.js';
import { echo } from '../../roster/messages.js';
import type { AnswerMap } from '../submission/answers.js';
import type { AssignmentRow } from '../submission/assignment.js';
import { loadPinned } from '../submission/pinned.js';
import { classLabel, paperAssignments, paperSubmissionId, type ClassUnit } from './class-sheet.js';
import { NAME_HEADER, STUDENT_NO_HEADER, type PaperHeader } from './columns.js';
import { neutraliseText } from '../../spreadsheets/export.js';
import { paperMessage, type PaperMessageKey } from './messages.js';

/** One row ready to store. */
export interface PaperRecord {
  row: number;
  assignment: AssignmentRow;
  defs: InstrumentDefinition[];
  answers: AnswerMap;
  submissionId: string;
}

export interface PaperValidation {
  records: PaperRecord[];
  /** Rows whose very answers were imported before: a re-import leaves them as they are. */
  unchanged: number;
  /** Rows with a 学籍号 and no answers at all: a student who was absent. */
  skipped: number;
  errors: JobError[];
}

interface Target {
  studentNo: string;
  name: string;
  assignment: (AssignmentRow & { student_no: string }) | undefined;
}

/**
 * Checks every row against the campaign and the school before anything is stored: who the 学籍号 is,
 * whether that student answers this campaign in this class and still can, and that every answer is an
 * option score of its item with no more blanks than the instrument's missing-item rule allows.
 */
export async function validatePaper(
  db: Kysely<Database>,
  ctx: { campaignId: string; klass: ClassUnit },
  header: PaperHeader,
  rows: SheetRow[],
  progress: (done: number) => void,
): Promise<PaperValidation> {
  const errors: JobError[] = [];
  const records: PaperRecord[] = [];
  let unchanged = 0;
  let skipped = 0;
  const studentNoField = header.written.studentNo ?? STUDENT_NO_HEADER(header.locale);
  const nameField = header.written.name ?? NAME_HEADER(header.locale);
  const report = (
    row: number,
    field: string,
    key: PaperMessageKey,
    params: Record<string, string | number> = {},
    perLocale?: Partial<Record<'zh-CN' | 'en', Record<string, string>>>,
  ) => errors.push({ row, field, message: paperMessage(key, { field, ...params }, perLocale) });

  const cell = (cells: RawCell[], index: number | undefined) =>
    index === undefined ? '' : cellText(cells[index] ?? null);
  // Spelled as the roster stores it (upper case), so a 学籍号 typed in lower case still finds its student.
  const numbers = rows.map((r) => {
    const typed = cell(r.cells, header.studentNo);
    const parsed = parseStudentNo(typed);
    return parsed.ok ? parsed.value : typed;
  });
  const targets = await loadTargets(db, ctx, [...new Set(numbers.filter(Boolean))]);
  const previous = await loadPrevious(
    db,
    [...targets.values()].flatMap((t) => (t.assignment?.status === 'completed' ? [t.assignment.id] : [])),
  );
  const classNames = await otherClassNames(db, ctx.klass, [...targets.values()]);
  const defsOf = new Map<string, InstrumentDefinition[]>();

  const rowsByNo = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % 200 === 0) {
      progress(i);
      await yieldToEventLoop();
    }
    const { row, cells } = rows[i]!;
    const studentNo = numbers[i]!;
    const typed = answerCells(header, cells);
    if (!studentNo) {
      report(row, studentNoField, 'studentNo.required');
      continue;
    }
    rowsByNo.set(studentNo, [...(rowsByNo.get(studentNo) ?? []), row]);
    const target = targets.get(studentNo);
    if (!target) {
      report(row, studentNoField, 'studentNo.unknown', { value: echo(studentNo) });
      continue;
    }
    const name = cell(cells, header.name);
    // The template wrote a name like "-1" as "'-1" so that no spreadsheet runs it; both mean the student.
    if (name && ![target.name, neutraliseText(target.name)].some((n) => comparableName(n) === comparableName(name))) {
      report(row, nameField, 'name.mismatch', { value: echo(name), studentNo });
    }
    const a = target.assignment;
    if (!a) {
      report(row, studentNoField, 'student.not-in-campaign', { value: studentNo });
      continue;
    }
    if (a.class_id !== ctx.klass.id) {
      const label = classNames.get(a.class_id)!;
      report(
        row,
        studentNoField,
        'student.other-class',
        { value: studentNo },
        { 'zh-CN': { className: label['zh-CN'] }, en: { className: label.en } },
      );
      continue;
    }
    if (typed.every((t) => t.text === '')) {
      skipped++;
      continue;
    }
    let defs = defsOf.get(a.id);
    if (!defs) defsOf.set(a.id, (defs = await loadPinned(db, a.instruments)));
    const parsed = parseAnswers(row, header, defs, typed, studentNo, report);
    if (!parsed) continue;

    const submissionId = paperSubmissionId(ctx.campaignId, a.student_id);
    if (a.status === 'completed') {
      const before = previous.get(a.id) ?? [];
      if (before.some((r) => r.source === 'online'))
        report(row, studentNoField, 'assignment.online', { value: studentNo });
      else if (before.every((r) => r.submission_id === submissionId) && sameAnswers(before, parsed)) unchanged++;
      else report(row, studentNoField, 'assignment.paper-changed', { value: studentNo });
      continue;
    }
    if (a.status === 'declined') report(row, studentNoField, 'assignment.declined', { value: studentNo });
    else if (a.consent_status === 'refused') report(row, studentNoField, 'consent.refused', { value: studentNo });
    else if (a.consent_status === 'pending') report(row, studentNoField, 'consent.pending', { value: studentNo });
    else records.push({ row, assignment: a, defs, answers: parsed, submissionId });
  }

  for (const [no, list] of rowsByNo) {
    if (list.length < 2) continue;
    for (const row of list)
      report(row, studentNoField, 'studentNo.duplicate', {
        value: echo(no),
        rows: list.filter((r) => r !== row).join(', '),
      });
  }
  progress(rows.length);
  errors.sort((x, y) => x.row - y.row);
  return errors.length ? { records: [], unchanged: 0, skipped: 0, errors } : { records, unchanged, skipped, errors };
}

interface Typed {
  index: number;
  header: string;
  code: string;
  item: number;
  text: string;
}

/** Every item cell the file has, whichever instrument it belongs to. */
function answerCells(header: PaperHeader, cells: RawCell[]): Typed[] {
  const out: Typed[] = [];
  for (const [code, slots] of header.items) {
    slots.forEach((index, item) => {
      if (index === undefined) return;
      out.push({ index, header: header.itemHeader.get(index)!, code, item, text: cellText(cells[index] ?? null) });
    });
  }
  return out;
}

type Report = (row: number, field: string, key: PaperMessageKey, params?: Record<string, string | number>) => void;

/** The row's answers per instrument of the student's assignment, or undefined after reporting what is wrong. */
function parseAnswers(
  row: number,
  header: PaperHeader,
  defs: InstrumentDefinition[],
  typed: Typed[],
  studentNo: string,
  report: Report,
): AnswerMap | undefined {
  let ok = true;
  const fail: Report = (...args) => {
    ok = false;
    report(...args);
  };
  const answers: AnswerMap = {};
  const assigned = new Set(defs.map((d) => d.code));
  for (const t of typed) {
    if (!assigned.has(t.code) && t.text !== '') {
      fail(row, t.header, 'answer.not-assigned', {
        value: studentNo,
        instrument: header.shortNames.get(t.code) ?? t.code,
      });
    }
  }
  for (const def of defs) {
    const slots = header.items.get(def.code);
    if (!slots || slots.some((s) => s === undefined)) {
      fail(row, def.shortName, 'instrument.columns-missing', { value: studentNo, instrument: def.shortName });
      continue;
    }
    const list: Array<number | null> = [];
    const blanks: string[] = [];
    def.items.forEach((item, i) => {
      const t = typed.find((x) => x.code === def.code && x.item === i)!;
      if (t.text === '') {
        list.push(null);
        blanks.push(t.header);
        if (item.required) fail(row, t.header, 'answer.required');
        return;
      }
      const allowed = allowedCodes(def, item);
      const value = /^[+-]?\d+(\.0+)?$/.test(t.text) ? Number(t.text) : NaN;
      if (!allowed.includes(value)) {
        fail(row, t.header, 'answer.invalid', { value: echo(t.text), allowed: allowed.join('/') });
        list.push(null);
        return;
      }
      list.push(value);
    });
    const rule = 'missing' in def.scoring ? def.scoring.missing : null;
    const max = rule ? (rule.treatment === 'none_allowed' ? 0 : rule.maxMissing) : def.items.length;
    if (blanks.length > max) {
      fail(row, blanks[0]!, 'answers.too-many-missing', {
        instrument: def.shortName,
        max,
        count: blanks.length,
        columns: blanks.join(', '),
      });
    }
    answers[def.code] = list;
  }
  return ok ? answers : undefined;
}

/** Students of the class's school with these 学籍号, and their self-report assignment in the campaign if any. */
async function loadTargets(
  db: Kysely<Database>,
  ctx: { campaignId: string; klass: ClassUnit },
  studentNos: string[],
): Promise<Map<string, Target>> {
  const out = new Map<string, Target>();
  for (let i = 0; i < studentNos.length; i += 5000) {
    const chunk = studentNos.slice(i, i + 5000);
    const students = await db
      .selectFrom('student')
      .select(['id', 'student_no', 'name'])
      .where('school_id', '=', ctx.klass.school_id!)
      .where(sql<boolean>`student_no = any(${chunk}::text[])`)
      .execute();
    const assignments = students.length
      ? await paperAssignments(db)
          .where('a.campaign_id', '=', ctx.campaignId)
          .where(
            'a.student_id',
            'in',
            students.map((s) => s.id),
          )
          .execute()
      : [];
    const byStudent = new Map(assignments.map((a) => [a.student_id, a]));
    for (const s of students)
      out.set(s.student_no, { studentNo: s.student_no, name: s.name, assignment: byStudent.get(s.id) });
  }
  return out;
}

interface Previous {
  source: 'online' | 'paper';
  submission_id: string;
  instrument_code: string;
  answers: unknown;
}

async function loadPrevious(db: Kysely<Database>, assignmentIds: string[]): Promise<Map<string, Previous[]>> {
  const out = new Map<string, Previous[]>();
  if (assignmentIds.length === 0) return out;
  const rows = await db
    .selectFrom('screening_response')
    .select(['assignment_id', 'source', 'submission_id', 'instrument_code', 'answers'])
    .where('assignment_id', 'in', assignmentIds)
    .execute();
  for (const r of rows) out.set(r.assignment_id!, [...(out.get(r.assignment_id!) ?? []), r]);
  return out;
}

function sameAnswers(before: Previous[], answers: AnswerMap): boolean {
  const codes = Object.keys(answers);
  return (
    before.length === codes.length &&
    before.every((r) => JSON.stringify(r.answers) === JSON.stringify(answers[r.instrument_code]))
  );
}

/** Labels of the other classes rows point at, in both languages. */
async function otherClassNames(
  db: Kysely<Database>,
  klass: ClassUnit,
  targets: Target[],
): Promise<Map<string, Localized>> {
  const ids = [
    ...new Set(
      targets.flatMap((t) => (t.assignment && t.assignment.class_id !== klass.id ? [t.assignment.class_id] : [])),
    ),
  ];
  const out = new Map<string, Localized>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('org_unit as c')
    .innerJoin('org_unit as g', 'g.id', 'c.grade_id')
    .select(['c.id', 'c.name_zh', 'c.name_en', 'g.name_zh as grade_zh', 'g.name_en as grade_en'])
    .where('c.id', 'in', ids)
    .execute();
  for (const r of rows) {
    const grade = { name_zh: r.grade_zh, name_en: r.grade_en };
    out.set(r.id, { 'zh-CN': classLabel(grade, r, 'zh-CN'), en: classLabel(grade, r, 'en') });
  }
  return out;
}

const comparableName = (name: string) => name.normalize('NFKC').replace(/\s/g, '');
