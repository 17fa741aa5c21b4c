import ExcelJS from 'exceljs';
import type { Locale } from '../http/locale.js';
import type { JobError } from '../jobs/jobs.js';
import { fill, type Localized } from '../jobs/messages.js';
import { normalizeHeader } from '../roster/columns.js';
import type { SheetLayout } from '../roster/read.js';
import { workbookBuffer } from '../spreadsheets/export.js';

/**
 * The staff registry sheet (issue 14): one row per existing staff account, named by its username. It sets
 * registry fields only: it never creates an account nor grants a role, so a row naming nobody is an error.
 */
export type RegistryColumn =
  'username' | 'name' | 'fullTime' | 'certificateLevel' | 'qualification' | 'schoolYear' | 'hours' | 'supervisionHours';

const COLUMNS: ReadonlyArray<{ key: RegistryColumn; zh: string; en: string; aliases: string[] }> = [
  { key: 'username', zh: '用户名', en: 'Username', aliases: ['账号', '登录名', 'username'] },
  { key: 'name', zh: '姓名', en: 'Name', aliases: ['教师姓名'] },
  { key: 'fullTime', zh: '专兼职', en: 'Full-time', aliases: ['专职/兼职', '专职或兼职', 'full time'] },
  { key: 'certificateLevel', zh: '证书等级', en: 'Certificate level', aliases: ['资格等级', 'certificate'] },
  { key: 'qualification', zh: '资质', en: 'Qualification', aliases: ['资格证书', '任职资格'] },
  { key: 'schoolYear', zh: '学年', en: 'School year', aliases: ['school year'] },
  { key: 'hours', zh: '培训学时', en: 'Training hours', aliases: ['培训时长', '培训小时'] },
  { key: 'supervisionHours', zh: '督导学时', en: 'Supervision hours', aliases: ['督导小时', '督导时长'] },
];

export function registryColumnHeader(key: RegistryColumn, locale: Locale): string {
  const c = COLUMNS.find((x) => x.key === key)!;
  return locale === 'en' ? c.en : c.zh;
}

const BY_HEADER = new Map<string, RegistryColumn>();
for (const c of COLUMNS) for (const h of [c.zh, c.en, ...c.aliases]) BY_HEADER.set(normalizeHeader(h), c.key);

export const REGISTRY_IMPORT_MESSAGES = {
  'file.missing': {
    'zh-CN': '请在表单字段 file 中上传教师登记表（.xlsx 或 .csv）。',
    en: 'Upload the staff registry file (.xlsx or .csv) in the form field "file".',
  },
  'header.not-found': {
    'zh-CN': '在前 {rows} 行中没有找到表头。第一行应为列名：{columns}。',
    en: 'No header row was found in the first {rows} rows. The first row should name the columns: {columns}.',
  },
  'header.missing': { 'zh-CN': '缺少必填列“{field}”。', en: 'The required column "{field}" is missing.' },
  'header.duplicate': {
    'zh-CN': '列“{value}”与另一列重复，请只保留一列。',
    en: 'The column "{value}" repeats another column; keep only one.',
  },
  'rows.none': { 'zh-CN': '文件中没有数据行。', en: 'The file has no data rows.' },
  required: { 'zh-CN': '“{field}”为必填项。', en: '"{field}" is required.' },
  'account.unknown': {
    'zh-CN': '“{field}”的值“{value}”不是您管理范围内的教职工账号。本导入不新建账号，请先在教职工页面添加。',
    en: '"{field}" value "{value}" is not a staff account you manage. This import creates no accounts: add the person on the staff page first.',
  },
  'account.repeated': {
    'zh-CN': '用户名“{value}”与第 {row} 行重复。',
    en: 'The username "{value}" repeats row {row}.',
  },
  'fullTime.invalid': {
    'zh-CN': '“{field}”的值“{value}”无效，请填写 专职 或 兼职。',
    en: '"{field}" value "{value}" is not valid: use full-time or part-time (专职 or 兼职).',
  },
  'certificate.invalid': {
    'zh-CN': '“{field}”的值“{value}”无效，请填写 A、B、C 或 D。',
    en: '"{field}" value "{value}" is not valid: use A, B, C or D.',
  },
  'schoolYear.invalid': {
    'zh-CN': '“{field}”的值“{value}”无效，请按 2025-2026 的格式填写。',
    en: '"{field}" value "{value}" is not valid: write it like 2025-2026.',
  },
  'hours.invalid': {
    'zh-CN': '“{field}”的值“{value}”无效，请填写 0 到 2000 之间的数字。',
    en: '"{field}" value "{value}" is not valid: use a number from 0 to 2000.',
  },
  'text.too-long': {
    'zh-CN': '“{field}”的值过长（最多 {max} 个字）。',
    en: '"{field}" is too long (at most {max} characters).',
  },
} satisfies Record<string, Localized>;

export type RegistryImportMessageKey = keyof typeof REGISTRY_IMPORT_MESSAGES;

export function registryImportText(
  key: RegistryImportMessageKey,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return fill(REGISTRY_IMPORT_MESSAGES[key][locale], params);
}

function registryImportMessage(key: RegistryImportMessageKey, params: Record<string, string | number> = {}): Localized {
  return { 'zh-CN': registryImportText(key, 'zh-CN', params), en: registryImportText(key, 'en', params) };
}

export interface RegistryHeader {
  index: Partial<Record<RegistryColumn, number>>;
  /** Headers as the file writes them: messages name columns the way the user does. */
  written: Partial<Record<RegistryColumn, string>>;
  duplicates: string[];
}

export const REGISTRY_LAYOUT: SheetLayout<RegistryHeader> = {
  isHeader: (cells) => cells.filter((c) => BY_HEADER.has(normalizeHeader(c))).length >= 2,
  map(cells) {
    const header: RegistryHeader = { index: {}, written: {}, duplicates: [] };
    cells.forEach((cell, i) => {
      const key = BY_HEADER.get(normalizeHeader(cell));
      if (!key) return;
      if (header.index[key] !== undefined) header.duplicates.push(cell.trim());
      else {
        header.index[key] = i;
        header.written[key] = cell.normalize('NFKC').trim();
      }
    });
    return header;
  },
  problems(header, row) {
    const errors: JobError[] = header.duplicates.map((value) => ({
      row,
      field: value,
      message: registryImportMessage('header.duplicate', { value }),
    }));
    if (header.index.username === undefined)
      errors.push({
        row,
        field: '用户名',
        message: {
          'zh-CN': registryImportText('header.missing', 'zh-CN', { field: '用户名' }),
          en: registryImportText('header.missing', 'en', { field: 'Username' }),
        },
      });
    return errors;
  },
  notFound(rows) {
    return {
      row: 1,
      field: '',
      message: {
        'zh-CN': registryImportText('header.not-found', 'zh-CN', {
          rows,
          columns: COLUMNS.map((c) => c.zh).join(' | '),
        }),
        en: registryImportText('header.not-found', 'en', { rows, columns: COLUMNS.map((c) => c.en).join(' | ') }),
      },
    };
  },
  noRows: registryImportMessage('rows.none'),
};

const FULL_TIME_WORDS: Record<'true' | 'false', string[]> = {
  true: ['专职', '是', 'full-time', 'full time', 'fulltime', 'yes'],
  false: ['兼职', '否', 'part-time', 'part time', 'parttime', 'no'],
};
const FULL_TIME_BY_WORD = new Map<string, boolean>();
for (const w of FULL_TIME_WORDS.true) FULL_TIME_BY_WORD.set(normalizeHeader(w), true);
for (const w of FULL_TIME_WORDS.false) FULL_TIME_BY_WORD.set(normalizeHeader(w), false);

/** 专职 → true, 兼职 → false; undefined when the word is neither. */
export function parseFullTime(text: string): boolean | undefined {
  return FULL_TIME_BY_WORD.get(normalizeHeader(text));
}

// The template: an empty first sheet to fill in, the example on a second sheet (only the first sheet is ever
// read), and a third explaining the columns, like the org tree's.

const EXAMPLE: Record<Locale, string[][]> = {
  'zh-CN': [
    ['psych03', '王老师', '专职', 'B', '心理健康教育教师资格证', '2025-2026', '86', '12'],
    ['head0301', '李老师', '兼职', 'D', '', '2025-2026', '10', ''],
  ],
  en: [
    ['psych03', 'Ms Wang', 'full-time', 'B', 'Mental health education teacher certificate', '2025-2026', '86', '12'],
    ['head0301', 'Mr Li', 'part-time', 'D', '', '2025-2026', '10', ''],
  ],
};

const EXPLAIN: Record<Locale, Record<RegistryColumn, string>> = {
  'zh-CN': {
    username: '必填。教职工的登录用户名；账号须已存在且在您的管理范围内。本导入不新建账号、不授予角色。',
    name: '选填。仅供核对，不会修改姓名。',
    fullTime: '选填。专职 或 兼职；留空则不修改。',
    certificateLevel: '选填。证书等级 A、B、C、D（长春按等级确定年度培训学时）；留空则不修改。',
    qualification: '选填。资质或资格证书名称；留空则不修改。',
    schoolYear: '选填。培训学时所属学年，如 2025-2026；留空时为本学年。',
    hours: '选填。该学年的培训学时合计；填写后培训指标以此为准，不再累加逐条登记的培训。',
    supervisionHours: '选填。该学年接受督导的学时合计（专职心理教师另有督导要求）。',
  },
  en: {
    username:
      "Required. The staff member's username; the account must exist and be one you manage. This import creates no accounts and grants no roles.",
    name: 'Optional. For checking only; the name is not changed.',
    fullTime: 'Optional. full-time or part-time (专职 or 兼职); empty leaves it unchanged.',
    certificateLevel:
      'Optional. Certificate level A, B, C or D (Changchun sets yearly training hours by level); empty leaves it unchanged.',
    qualification: 'Optional. The qualification or certificate held; empty leaves it unchanged.',
    schoolYear: 'Optional. The school year of the hours, e.g. 2025-2026; empty means the current school year.',
    hours:
      "Optional. The year's total training hours; once written, the training indicator takes it instead of adding up trainings logged one by one.",
    supervisionHours:
      "Optional. The year's total case supervision hours (full-time psychology teachers have a supervision requirement).",
  },
};

const NOTES: Record<Locale, string[]> = {
  'zh-CN': [
    '请在第一个工作表“教师登记”中填写；“示例”工作表只作参考，不会被导入。',
    '空白单元格表示不修改；同一文件可以反复导入。',
    '先“预览”查看每位教师将修改的项目；只要有一行有错，整个文件都不会导入。',
  ],
  en: [
    'Fill in the first sheet ("Staff registry"); the "Example" sheet is for reference only and is never imported.',
    'An empty cell leaves the field unchanged; the same file can be imported again.',
    'Preview first to see what changes for each person; if any row has an error, nothing in the file is imported.',
  ],
};

const SHEETS: Record<Locale, [string, string, string, string[]]> = {
  'zh-CN': ['教师登记', '示例', '填写说明', ['列名', '填写要求']],
  en: ['Staff registry', 'Example', 'Instructions', ['Column', 'What to enter']],
};

export function registryTemplateFileName(locale: Locale): { ascii: string; utf8: string } {
  return {
    ascii: 'staff-registry-template.xlsx',
    utf8: locale === 'en' ? 'staff-registry-template.xlsx' : '教师登记导入模板.xlsx',
  };
}

export async function registryTemplateXlsx(locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yuxin 育心';
  const [mainName, exampleName, helpName, helpHeaders] = SHEETS[locale];
  const columns = COLUMNS.map((c) => ({
    header: locale === 'en' ? c.en : c.zh,
    key: c.key,
    width: c.key === 'qualification' ? 30 : 14,
    // Text, so a username of digits keeps its leading zeros.
    style: c.key === 'username' || c.key === 'schoolYear' ? { numFmt: '@' } : {},
  }));
  const main = wb.addWorksheet(mainName, { views: [{ state: 'frozen', ySplit: 1 }] });
  main.columns = columns;
  main.getRow(1).font = { bold: true };
  const col = (key: RegistryColumn) => COLUMNS.findIndex((c) => c.key === key) + 1;
  const fullTimeList = locale === 'en' ? 'full-time,part-time' : '专职,兼职';
  for (let r = 2; r <= 500; r++) {
    main.getCell(r, col('fullTime')).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${fullTimeList}"`],
    };
    main.getCell(r, col('certificateLevel')).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"A,B,C,D"'],
    };
  }
  const example = wb.addWorksheet(exampleName);
  example.columns = columns;
  example.getRow(1).font = { bold: true };
  for (const row of EXAMPLE[locale]) example.addRow(row).font = { italic: true, color: { argb: 'FF808080' } };

  const help = wb.addWorksheet(helpName);
  help.columns = [{ width: 18 }, { width: 100 }];
  help.addRow(helpHeaders).font = { bold: true };
  for (const c of COLUMNS)
    help.addRow([locale === 'en' ? c.en : c.zh, EXPLAIN[locale][c.key]]).alignment = {
      wrapText: true,
      vertical: 'top',
    };
  help.addRow([]);
  for (const note of NOTES[locale]) help.addRow([note]);
  return workbookBuffer(wb);
}
