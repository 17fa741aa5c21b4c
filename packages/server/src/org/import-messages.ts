import type { Locale } from '../http/locale.js';
import { fill, type Localized } from '../jobs/messages.js';

/**
 * Org tree import messages. `{field}` is the column's header as the file writes it, `{value}` the cell as
 * typed: every row message names both, so a row can be fixed from the message alone.
 */
export const ORG_IMPORT_MESSAGES = {
  'file.missing': {
    'zh-CN': '请在表单字段 file 中上传组织架构文件（.xlsx 或 .csv）。',
    en: 'Upload the org tree file (.xlsx or .csv) in the form field "file".',
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
  'needs-school': {
    'zh-CN': '填写了“{field}”，但本行没有填写学校。',
    en: '"{field}" is filled in, but the row names no school.',
  },
  'needs-grade': {
    'zh-CN': '填写了“{field}”，但本行没有填写年级。',
    en: '"{field}" is filled in, but the row names no grade.',
  },
  'stage.invalid': {
    'zh-CN': '“{field}”的值“{value}”无效，请填写：{allowed}。',
    en: '"{field}" value "{value}" is not valid: use one of {allowed}.',
  },
  'stage.required': {
    'zh-CN': '新学校“{value}”须填写“{field}”。',
    en: 'The new school "{value}" needs a "{field}".',
  },
  'stage.differs': {
    'zh-CN': '“{field}”的值“{value}”与学校已有的学段“{other}”不同。学段请在组织架构页面修改。',
    en: '"{field}" value "{value}" differs from the school\'s stage "{other}". Change a stage on the org page.',
  },
  'grade.invalid': {
    'zh-CN': '“{field}”的值“{value}”无法识别，请填写如 七年级、7、初一、高一。',
    en: '"{field}" value "{value}" is not recognised: use e.g. 7, Grade 7, 七年级 or 高一.',
  },
  'grade.stage': {
    'zh-CN': '“{field}”的值“{value}”不属于该学校的学段（可选年级：{allowed}）。',
    en: '"{field}" value "{value}" is not a grade of the school\'s stage (allowed: {allowed}).',
  },
  'class.invalid': {
    'zh-CN': '“{field}”的值“{value}”无法识别，请填写如 2班、2、(2)班。',
    en: '"{field}" value "{value}" is not recognised: use e.g. 2, 2班 or Class 2.',
  },
  'name.too-long': {
    'zh-CN': '“{field}”的值过长（最多 {max} 个字）。',
    en: '"{field}" is too long (at most {max} characters).',
  },
  'name.taken': {
    'zh-CN': '“{parent}”下已有名为“{value}”的其他单位。',
    en: 'There is already another unit named "{value}" in "{parent}".',
  },
  inactive: {
    'zh-CN': '“{value}”已停用。请先在组织架构页面启用，再导入。',
    en: '"{value}" is deactivated. Reactivate it on the org page before importing.',
  },
  'out-of-scope': {
    'zh-CN': '“{value}”不在您的管理范围内，不能导入这一行。',
    en: '"{value}" is outside the part of the city you manage; this row cannot be imported.',
  },
  'hospital.city-only': {
    'zh-CN': '合作医院“{value}”尚未登记；新的合作医院只能由市级管理员登记。',
    en: 'The partner hospital "{value}" is not registered yet; only a city administrator registers new partner hospitals.',
  },
  'code.taken': {
    'zh-CN': '学校代码“{value}”已被本市另一所学校使用。',
    en: 'The school code "{value}" belongs to another school of the city.',
  },
  conflict: {
    'zh-CN': '“{field}”的值“{value}”与第 {row} 行对同一学校填写的“{other}”不一致。',
    en: '"{field}" value "{value}" contradicts "{other}" written for the same school in row {row}.',
  },
} satisfies Record<string, Localized>;

export type OrgImportMessageKey = keyof typeof ORG_IMPORT_MESSAGES;

export function orgImportText(
  key: OrgImportMessageKey,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return fill(ORG_IMPORT_MESSAGES[key][locale], params);
}

export function orgImportMessage(key: OrgImportMessageKey, params: Record<string, string | number> = {}): Localized {
  return { 'zh-CN': orgImportText(key, 'zh-CN', params), en: orgImportText(key, 'en', params) };
}
