import ExcelJS from 'exceljs';
import { workbookBuffer } from '../spreadsheets/export.js';
import type { Locale } from '../http/locale.js';
import { COLUMN_KEYS, columnHeader, type Column } from './import.js';
import { ts } from './messages.js';

/** When each column is needed and what it takes, in the words the import's error messages use. */
const EXPLAIN: Record<Locale, Record<Column, string>> = {
  'zh-CN': {
    kind: '必填。心理健康课、家长讲座、培训、辅导室开放、家校联系（或 家访）。',
    date: '必填。如 2026-09-15 或 2026/9/15。',
    hours: '必填，单位小时；辅导室开放填每天开放的小时数；家校联系可留空。',
    grade: '心理健康课、家长讲座必填：本校年级，如 七年级 或 7。',
    class: '心理健康课必填：该年级的班级，如 2班 或 2。',
    studentNo: '家校联系必填：本校学生的学籍号。',
    username: '培训必填：本校参训教职工的账号。',
    group: '培训必填：专职心理教师、兼职心理教师、班主任、其他教职工。',
    supervision: '培训选填：是否计为督导学时，填 是 或 否。',
    topic: '选填，最多 200 字。',
  },
  en: {
    kind: 'Required. lesson, guardian_lecture, training, counseling_hours or family_contact (the Chinese names work too).',
    date: 'Required. Like 2026-09-15 or 2026/9/15.',
    hours: 'Required, in hours; for counseling_hours the hours open per day; may be empty for family_contact.',
    grade: 'For lesson and guardian_lecture: a grade of this school, e.g. 7.',
    class: 'For lesson: a class of that grade, e.g. 2.',
    studentNo: 'For family_contact: the student number (学籍号) of a student of this school.',
    username: 'For training: the username of the staff member of this school who attended.',
    group: 'For training: psych_full_time, psych_part_time, head_teacher or all_staff.',
    supervision: 'For training, optional: yes if the hours count as case supervision.',
    topic: 'Optional, at most 200 characters.',
  },
};
const SHEETS: Record<Locale, [records: string, notes: string, column: string, meaning: string]> = {
  'zh-CN': ['工作记录', '填写说明', '列', '说明'],
  en: ['Records', 'How to fill in', 'Column', 'Meaning'],
};

/**
 * The sheet the import reads, with its header in the caller's language and a second sheet explaining each
 * column. It holds no records, so fetching it reads nothing about anyone.
 */
export async function recordTemplateXlsx(locale: Locale): Promise<Buffer> {
  const [records, notes, column, meaning] = SHEETS[locale];
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(records);
  sheet.addRow(COLUMN_KEYS.map((c) => columnHeader(c, locale)));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => (c.width = 16));
  // Student numbers and usernames stay text, so Excel does not turn a long 学籍号 into 1.2E+17.
  for (const c of ['studentNo', 'username', 'date'] as const) sheet.getColumn(COLUMN_KEYS.indexOf(c) + 1).numFmt = '@';
  const help = book.addWorksheet(notes);
  help.addRow([column, meaning]).font = { bold: true };
  for (const c of COLUMN_KEYS) help.addRow([columnHeader(c, locale), EXPLAIN[locale][c]]);
  help.addRow([]);
  help.addRow(['', ts('import.header', locale)]);
  help.getColumn(1).width = 16;
  help.getColumn(2).width = 90;
  return workbookBuffer(book);
}
