import ExcelJS from 'exceljs';
import type { SchoolStage } from '@yuxin/core';
import type { Locale } from '../http/locale.js';
import type { JobError } from '../jobs/jobs.js';
import { normalizeHeader } from '../roster/columns.js';
import type { SheetLayout } from '../roster/read.js';
import { workbookBuffer } from '../spreadsheets/export.js';
import { orgImportMessage } from './import-messages.js';

/** The columns of the org tree sheet: one row per class (or per school, district), parents repeated. */
export type OrgColumn = 'district' | 'centre' | 'school' | 'code' | 'stage' | 'grade' | 'class' | 'hospital';

const COLUMNS: ReadonlyArray<{ key: OrgColumn; zh: string; en: string; aliases: string[] }> = [
  { key: 'district', zh: '区县', en: 'District', aliases: ['区', '县区', '区/县', '区（县）'] },
  { key: 'centre', zh: '指导中心', en: 'Guidance centre', aliases: ['心理健康指导中心', 'centre', 'center'] },
  { key: 'school', zh: '学校', en: 'School', aliases: ['学校名称'] },
  { key: 'code', zh: '学校代码', en: 'School code', aliases: ['学校标识码', 'code'] },
  { key: 'stage', zh: '学段', en: 'Stage', aliases: ['学校类型'] },
  { key: 'grade', zh: '年级', en: 'Grade', aliases: [] },
  { key: 'class', zh: '班级', en: 'Class', aliases: ['班'] },
  { key: 'hospital', zh: '合作医院', en: 'Partner hospital', aliases: ['绿色通道医院', 'hospital'] },
];
export const ORG_COLUMNS = COLUMNS.map((c) => c.key);

export function orgColumnHeader(key: OrgColumn, locale: Locale): string {
  const c = COLUMNS.find((x) => x.key === key)!;
  return locale === 'en' ? c.en : c.zh;
}

const BY_HEADER = new Map<string, OrgColumn>();
for (const c of COLUMNS) for (const h of [c.zh, c.en, ...c.aliases]) BY_HEADER.set(normalizeHeader(h), c.key);

export interface OrgHeader {
  index: Partial<Record<OrgColumn, number>>;
  /** Headers as the file writes them: messages name columns the way the user does. */
  written: Partial<Record<OrgColumn, string>>;
  duplicates: string[];
}

export const ORG_LAYOUT: SheetLayout<OrgHeader> = {
  isHeader: (cells) => cells.filter((c) => BY_HEADER.has(normalizeHeader(c))).length >= 2,
  map(cells) {
    const header: OrgHeader = { index: {}, written: {}, duplicates: [] };
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
      message: orgImportMessage('header.duplicate', { value }),
    }));
    if (header.index.district === undefined)
      errors.push({
        row,
        field: '区县',
        message: {
          'zh-CN': orgImportMessage('header.missing', { field: '区县' })['zh-CN'],
          en: orgImportMessage('header.missing', { field: 'District' }).en,
        },
      });
    return errors;
  },
  notFound(rows) {
    return {
      row: 1,
      field: '',
      message: {
        'zh-CN': orgImportMessage('header.not-found', { rows, columns: COLUMNS.map((c) => c.zh).join(' | ') })['zh-CN'],
        en: orgImportMessage('header.not-found', { rows, columns: COLUMNS.map((c) => c.en).join(' | ') }).en,
      },
    };
  },
  noRows: orgImportMessage('rows.none'),
};

/** What people write in the 学段 column, Chinese or English, for each stage. */
const STAGE_WORDS: Record<SchoolStage, string[]> = {
  primary: ['小学', 'primary'],
  junior: ['初中', '初级中学', 'junior'],
  senior: ['高中', '普通高中', '高级中学', 'senior'],
  nine_year: ['九年一贯制', '九年一贯制学校', '九年制', 'nine_year', 'nine-year'],
  complete_secondary: ['完全中学', '完中', 'complete_secondary', 'complete secondary'],
  vocational: ['中职', '中等职业学校', '职高', '职业高中', 'vocational'],
};
const STAGE_BY_WORD = new Map<string, SchoolStage>();
for (const [stage, words] of Object.entries(STAGE_WORDS) as Array<[SchoolStage, string[]]>)
  for (const w of words) STAGE_BY_WORD.set(normalizeHeader(w), stage);

export function parseStage(text: string): SchoolStage | undefined {
  return STAGE_BY_WORD.get(normalizeHeader(text));
}

export function stageWords(locale: Locale): string {
  return Object.values(STAGE_WORDS)
    .map((w) => (locale === 'en' ? w.find((x) => /^[a-z_]+$/.test(x))! : w[0]!))
    .join(locale === 'en' ? ', ' : '、');
}

export function stageLabel(stage: SchoolStage, locale: Locale): string {
  return locale === 'en' ? stage : STAGE_WORDS[stage][0]!;
}

// The template: an empty first sheet to fill in, the example on a second sheet of its own (only the first
// sheet is ever read, so an untouched example is never imported), and a third explaining the columns.

const EXAMPLE: Record<Locale, string[][]> = {
  'zh-CN': [
    [
      '任城区',
      '任城区学生心理健康指导中心',
      '任城区实验小学',
      '3708110001',
      '小学',
      '一年级',
      '1班',
      '济宁市精神卫生中心',
    ],
    ['任城区', '', '任城区实验小学', '', '', '一年级', '2班', ''],
    ['任城区', '', '任城区第一中学', '3708110002', '初中', '七年级', '1班', '济宁市精神卫生中心'],
    ['兖州区', '', '', '', '', '', '', ''],
  ],
  en: [
    [
      'Rencheng',
      'Rencheng Student Mental Health Centre',
      'Rencheng Experimental Primary',
      '3708110001',
      'primary',
      'Grade 1',
      'Class 1',
      'Jining Mental Health Centre',
    ],
    ['Rencheng', '', 'Rencheng Experimental Primary', '', '', 'Grade 1', 'Class 2', ''],
    [
      'Rencheng',
      '',
      'Rencheng No. 1 Middle School',
      '3708110002',
      'junior',
      'Grade 7',
      'Class 1',
      'Jining Mental Health Centre',
    ],
    ['Yanzhou', '', '', '', '', '', '', ''],
  ],
};

const EXPLAIN: Record<Locale, Record<OrgColumn, string>> = {
  'zh-CN': {
    district: '必填。区县名称；本市没有的区县会新建（仅市级管理员）。',
    centre:
      '选填。区县学生心理健康指导中心的名称；新建区县留空时按“区县名＋学生心理健康指导中心”命名。已有区县填写不同的名称时会更新（仅市级管理员）。',
    school: '选填。学校名称；该区县没有的学校会新建。只填区县时，本行只建区县。',
    code: '选填。学校代码（如教育部学校标识码）。已有学校填写不同的代码时会更新；代码在本市内不能重复。',
    stage: `新建学校时必填：${stageWords('zh-CN')}。已有学校可留空；填写时须与已有学段一致。`,
    grade: '选填。如 一年级、七年级、初一、高一、7；须属于学校的学段。',
    class: '选填。如 1班、(1)班、1；须同时填写年级。',
    hospital: '选填。学校的合作医院（绿色通道），该校的转介优先推荐它；本市未登记的医院会新建（仅市级管理员）。',
  },
  en: {
    district:
      'Required. A district of the city; a district the city does not have is created (city administrators only).',
    centre:
      'Optional. The district\'s student mental health guidance centre; for a new district, empty means "<district> Student Mental Health Guidance Centre". A different name for an existing district updates it (city administrators only).',
    school:
      'Optional. A school of the district; a school the district does not have is created. A row with only a district creates only the district.',
    code: "Optional. The school's code. A different code for an existing school updates it; codes are unique in the city.",
    stage: `Required for a new school: ${stageWords('en')}. May be empty for an existing school; if written it must match.`,
    grade: "Optional. E.g. Grade 7, 7, 七年级 or 高一; must belong to the school's stage.",
    class: 'Optional. E.g. Class 1, 1 or 1班; needs a grade on the same row.',
    hospital:
      "Optional. The school's partner hospital (green channel); the school's referrals offer it first. A hospital the city has not registered is created (city administrators only).",
  },
};

const NOTES: Record<Locale, string[]> = {
  'zh-CN': [
    '请在第一个工作表“组织架构”中填写；“示例”工作表只作参考，不会被导入。',
    '每行写到班级（或学校、区县）为止，上级单位每行重复填写。已存在的单位不会重复创建，可以反复导入同一文件。',
    '先“预览”查看将新建和已存在的单位；只要有一行有错，整个文件都不会导入。',
    '区县管理员只能导入本区县的行；学校管理员只能导入本校的年级和班级。',
  ],
  en: [
    'Fill in the first sheet ("Org tree"); the "Example" sheet is for reference only and is never imported.',
    'Each row goes down to a class (or stops at a school or district), repeating its parents. Units that exist are not created again, so the same file can be imported twice.',
    'Preview first to see what will be created and what exists; if any row has an error, nothing in the file is imported.',
    "A district administrator imports only their own district's rows; a school administrator only their school's grades and classes.",
  ],
};

const SHEETS: Record<Locale, [string, string, string, string[]]> = {
  'zh-CN': ['组织架构', '示例', '填写说明', ['列名', '填写要求']],
  en: ['Org tree', 'Example', 'Instructions', ['Column', 'What to enter']],
};

export function orgTemplateFileName(locale: Locale): { ascii: string; utf8: string } {
  return {
    ascii: 'org-tree-template.xlsx',
    utf8: locale === 'en' ? 'org-tree-template.xlsx' : '组织架构导入模板.xlsx',
  };
}

export async function orgTemplateXlsx(locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yuxin 育心';
  const [mainName, exampleName, helpName, helpHeaders] = SHEETS[locale];
  const headers = COLUMNS.map((c) => (locale === 'en' ? c.en : c.zh));
  const columns = COLUMNS.map((c) => ({
    header: locale === 'en' ? c.en : c.zh,
    key: c.key,
    width: c.key === 'centre' || c.key === 'school' || c.key === 'hospital' ? 30 : 14,
    // Text, so a school code keeps its leading zeros.
    style: c.key === 'code' ? { numFmt: '@' } : {},
  }));
  const main = wb.addWorksheet(mainName, { views: [{ state: 'frozen', ySplit: 1 }] });
  main.columns = columns;
  main.getRow(1).font = { bold: true };
  const stageCol = COLUMNS.findIndex((c) => c.key === 'stage') + 1;
  const stageList = stageWords(locale).split(locale === 'en' ? ', ' : '、');
  for (let r = 2; r <= 500; r++)
    main.getCell(r, stageCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${stageList.join(',')}"`],
    };

  const example = wb.addWorksheet(exampleName);
  example.columns = columns;
  example.getRow(1).font = { bold: true };
  for (const row of EXAMPLE[locale]) example.addRow(row).font = { italic: true, color: { argb: 'FF808080' } };

  const help = wb.addWorksheet(helpName);
  help.columns = [{ width: 18 }, { width: 100 }];
  help.addRow(helpHeaders).font = { bold: true };
  COLUMNS.forEach((c, i) => {
    help.addRow([headers[i], EXPLAIN[locale][c.key]]).alignment = { wrapText: true, vertical: 'top' };
  });
  help.addRow([]);
  for (const note of NOTES[locale]) help.addRow([note]);
  return workbookBuffer(wb);
}
