import type { InstrumentDefinition } from '@yuxin/core';
import type { Kysely, Selectable } from 'kysely';
import type { Database, OrgUnitTable } from '../../db/types.js';
import type { Locale } from '../../http/locale.js';
import { nameBasedUuid } from '../../accounts/stable-ids.js';
import { assignmentQuery, type AssignmentRow } from '../submission/assignment.js';
import { loadPinned } from '../submission/pinned.js';

export type ClassUnit = Selectable<OrgUnitTable>;

/** Paper forms are the student's own self-report; guardian forms reach guardians online. */
export const PAPER_RESPONDENT = 'self';

export interface PaperStudent {
  assignment: AssignmentRow;
  studentNo: string;
  defs: InstrumentDefinition[];
}

export interface ClassSheet {
  className: string;
  schoolName: string;
  students: PaperStudent[];
  /** Every instrument of the class's assignments, in answering order: the template's columns. */
  instruments: InstrumentDefinition[];
}

export function paperAssignments(db: Kysely<Database>) {
  return assignmentQuery(db).select('s.student_no').where('a.respondent', '=', PAPER_RESPONDENT);
}

/** The campaign's self-report assignments of one class, by 学籍号, with the instrument versions each pins. */
export async function loadClassSheet(
  db: Kysely<Database>,
  campaignId: string,
  klass: ClassUnit,
  locale: Locale,
): Promise<ClassSheet> {
  const [rows, school, grade] = await Promise.all([
    paperAssignments(db)
      .where('a.campaign_id', '=', campaignId)
      .where('a.class_id', '=', klass.id)
      .orderBy('s.student_no')
      .execute(),
    db
      .selectFrom('org_unit')
      .select(['name_zh', 'name_en'])
      .where('id', '=', klass.school_id!)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('org_unit')
      .select(['name_zh', 'name_en'])
      .where('id', '=', klass.grade_id!)
      .executeTakeFirstOrThrow(),
  ]);
  const students = await Promise.all(
    rows.map(async ({ student_no, ...assignment }) => ({
      assignment,
      studentNo: student_no,
      defs: await loadPinned(db, assignment.instruments),
    })),
  );
  return {
    className: classLabel(grade, klass, locale),
    schoolName: locale === 'en' ? (school.name_en ?? school.name_zh) : school.name_zh,
    students,
    instruments: instrumentsOf(students),
  };
}

/** One printed questionnaire: a named student's, or (null name) a blank one for a student written in by hand. */
export interface PaperForm {
  name: string | null;
  studentNo: string | null;
  defs: InstrumentDefinition[];
}

/**
 * The forms to print: one per student, or with `blank` one unnamed form per distinct instrument set of the
 * class (for a student who joined after the campaign was published, or a spoiled sheet).
 */
export function formsOf(sheet: ClassSheet, blank: boolean): PaperForm[] {
  if (!blank)
    return sheet.students.map((s) => ({ name: s.assignment.student_name, studentNo: s.studentNo, defs: s.defs }));
  const sets = new Map<string, InstrumentDefinition[]>();
  for (const s of sheet.students) sets.set(s.defs.map((d) => `${d.code}@${d.version}`).join(','), s.defs);
  return [...sets.values()].map((defs) => ({ name: null, studentNo: null, defs }));
}

export function classLabel(
  grade: { name_zh: string; name_en: string | null },
  klass: { name_zh: string; name_en: string | null },
  locale: Locale,
): string {
  return locale === 'en'
    ? `${grade.name_en ?? grade.name_zh} ${klass.name_en ?? klass.name_zh}`
    : `${grade.name_zh}${klass.name_zh}`;
}

function instrumentsOf(students: PaperStudent[]): InstrumentDefinition[] {
  const seen = new Map<string, InstrumentDefinition>();
  for (const s of students) for (const d of s.defs) if (!seen.has(d.code)) seen.set(d.code, d);
  return [...seen.values()];
}

/**
 * One student's paper submission is named by what it is, so a retried or repeated import of the same
 * file names the same submission (with one response per instrument under it) and never stores it twice.
 */
export function paperSubmissionId(campaignId: string, studentId: string): string {
  return nameBasedUuid(`paper-submission:${campaignId}:${studentId}:${PAPER_RESPONDENT}`);
}

/** The answer template's column of one item: the instrument's short name and the item's number, as printed on the form. */
export function itemColumn(def: InstrumentDefinition, itemNumber: number): string {
  return `${def.shortName} ${itemNumber}`;
}
