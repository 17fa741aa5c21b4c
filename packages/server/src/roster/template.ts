import ExcelJS from 'exceljs';
import { csvBuffer, workbookBuffer } from '../spreadsheets/export.js';
import type { Locale } from '../http/locale.js';
import { COLUMNS, type ColumnKey } from './columns.js';
import { careTagNames, MAX_AGE, MIN_AGE } from './values.js';
import { EXAMPLE_STUDENT_NO, MAX_NAME_LENGTH } from './validate.js';

const EXAMPLE: Record<Locale, Record<ColumnKey, string>> = {
  'zh-CN': {
    studentNo: EXAMPLE_STUDENT_NO,
    name: '张小明',
    gender: '男',
    birthDate: '2012-03-05',
    grade: '七年级',
    class: '2班',
    boarding: '否',
    careTags: '留守；单亲',
    guardianName: '张建国',
    guardianRelation: '父亲',
    guardianPhone: '13800138000',
  },
  en: {
    studentNo: EXAMPLE_STUDENT_NO,
    name: 'Zhang Xiaoming',
    gender: 'male',
    birthDate: '2012-03-05',
    grade: '7',
    class: '2',
    boarding: 'no',
    careTags: 'left_behind;single_parent',
    guardianName: 'Zhang Jianguo',
    guardianRelation: 'father',
    guardianPhone: '13800138000',
  },
};

const REQUIRED: Record<Locale, [string, string]> = { 'zh-CN': ['必填', '选填'], en: ['required', 'optional'] };

const EXPLAIN: Record<Locale, Record<ColumnKey, string>> = {
  'zh-CN': {
    studentNo:
      '全国中小学生学籍号，6–30 位字母或数字，全市唯一。再次导入时按学籍号更新已有学生；已属于其他学校的学籍号（转学、升学）不直接导入，而是向原学校发起转学申请。',
    name: `学生姓名，最多 ${MAX_NAME_LENGTH} 个字。`,
    gender: '男 或 女。',
    birthDate: `如 2012-03-05 或 2012/3/5，也可使用 Excel 日期格式。不能晚于今天，年龄须在 ${MIN_AGE}–${MAX_AGE} 岁之间。`,
    grade: '须为本校已有的年级，如 七年级、7、初一；高一、10。',
    class: '须为该年级已有的班级，如 2班、2、(2)班。',
    boarding: '是 或 否；留空表示否。',
    careTags: `可填：${careTagNames('zh-CN').join('、')}（“贫困”同“困难家庭”，“欺凌”同“遭遇欺凌”）。多个用 ；分隔，留空表示无。`,
    guardianName: `监护人姓名，最多 ${MAX_NAME_LENGTH} 个字。填写监护人时，姓名、关系、手机须同时填写。`,
    guardianRelation: '父亲、母亲、祖父母 或 其他。',
    guardianPhone: '11 位中国大陆手机号。同一手机号视为同一位监护人，也是家长登录账号。',
  },
  en: {
    studentNo:
      'The national student registration number (学籍号): 6–30 letters or digits, unique in the city. A re-import updates the student with that number; a number held by another school (a transfer or a graduate) raises a transfer request to that school instead.',
    name: `The student's name, at most ${MAX_NAME_LENGTH} characters.`,
    gender: 'male or female (男 or 女 also work).',
    birthDate: `Like 2012-03-05 or 2012/3/5, or an Excel date. Not in the future; the age must be ${MIN_AGE}–${MAX_AGE}.`,
    grade: 'A grade of this school, e.g. 7 or 七年级, 10 or 高一.',
    class: 'A class of that grade, e.g. 2, 2班 or (2)班.',
    boarding: 'yes or no; empty means no.',
    careTags: `Any of: ${careTagNames('en').join(', ')} (or their Chinese names). Separate several with ; — empty means none.`,
    guardianName: `At most ${MAX_NAME_LENGTH} characters. A guardian needs name, relation and phone together.`,
    guardianRelation: 'father, mother, grandparent or other.',
    guardianPhone:
      "An 11-digit mainland China mobile number. One number is one guardian, and is the guardian's sign-in name.",
  },
};

const NOTES: Record<Locale, string[]> = {
  'zh-CN': [
    `第 2 行是示例（学籍号 ${EXAMPLE_STUDENT_NO}），导入时自动忽略，可以删除。`,
    '表头可以用中文或英文，列的顺序不限。',
    '某一列整列不存在时，已有学生的这一项保持不变；列存在而单元格留空时，表示“无”或“否”。',
    '只要有一行有错，整个文件都不会导入。请按错误报告修正后重新上传。',
    '建议使用 .xlsx。若保存为 CSV，请用 UTF-8 编码；学籍号、手机号请设为文本，避免被 Excel 转成科学计数法。',
  ],
  en: [
    `Row 2 is an example (studentNo ${EXAMPLE_STUDENT_NO}); it is skipped on import and may be deleted.`,
    'Headers may be in Chinese or English, and columns in any order.',
    'When a whole column is absent, existing students keep that information; an empty cell in a present column means none / no.',
    'If any row has an error, nothing in the file is imported. Fix the rows in the error report and upload again.',
    'Prefer .xlsx. If you save as CSV, use UTF-8; keep studentNo and phone columns as text so Excel does not turn them into scientific notation.',
  ],
};

const SHEET_NAMES: Record<Locale, [string, string, string[]]> = {
  'zh-CN': ['学生名册', '填写说明', ['列名', '是否必填', '填写要求', '示例']],
  en: ['Roster', 'Instructions', ['Column', 'Required', 'What to enter', 'Example']],
};

/** Rows of the roster sheet given drop-down lists; enough for a school, light enough to download. */
const DROPDOWN_ROWS = 2000;

export function templateFileName(locale: Locale, format: 'xlsx' | 'csv'): { ascii: string; utf8: string } {
  return {
    ascii: `roster-template.${format}`,
    utf8: `${locale === 'en' ? 'roster-template' : '学生名册导入模板'}.${format}`,
  };
}

export function templateCsv(locale: Locale): Buffer {
  return csvBuffer([COLUMNS.map((c) => c.header[locale]), COLUMNS.map((c) => EXAMPLE[locale][c.key])]);
}

export async function templateXlsx(locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yuxin 育心';
  const [rosterName, helpName, helpHeaders] = SHEET_NAMES[locale];
  const sheet = wb.addWorksheet(rosterName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header[locale],
    key: c.key,
    width: Math.max(12, c.header[locale].length * (locale === 'en' ? 1.3 : 2.4) + 4),
    // Text, so Excel keeps 学籍号 and phone numbers as typed (no 1.38E+10, no lost leading zeros).
    style:
      c.key === 'studentNo' || c.key === 'guardianPhone'
        ? { numFmt: '@' }
        : c.key === 'birthDate'
          ? { numFmt: 'yyyy-mm-dd' }
          : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  const example = EXAMPLE[locale];
  sheet.addRow({ ...example, birthDate: new Date(`${example.birthDate}T00:00:00Z`) });
  sheet.getRow(2).font = { italic: true, color: { argb: 'FF808080' } };

  const lists: Partial<Record<ColumnKey, string[]>> =
    locale === 'en'
      ? {
          gender: ['male', 'female'],
          boarding: ['yes', 'no'],
          guardianRelation: ['father', 'mother', 'grandparent', 'other'],
        }
      : { gender: ['男', '女'], boarding: ['是', '否'], guardianRelation: ['父亲', '母亲', '祖父母', '其他'] };
  for (const [key, values] of Object.entries(lists)) {
    const col = COLUMNS.findIndex((c) => c.key === key) + 1;
    for (let r = 2; r <= DROPDOWN_ROWS; r++) {
      sheet.getCell(r, col).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] };
    }
  }

  const help = wb.addWorksheet(helpName);
  help.columns = [{ width: 18 }, { width: 10 }, { width: 80 }, { width: 26 }];
  help.addRow(helpHeaders).font = { bold: true };
  for (const c of COLUMNS) {
    const row = help.addRow([
      c.header[locale],
      REQUIRED[locale][c.required ? 0 : 1],
      EXPLAIN[locale][c.key],
      example[c.key],
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  for (const note of NOTES[locale]) help.addRow([note]).getCell(1).alignment = { wrapText: false };
  return workbookBuffer(wb);
}
