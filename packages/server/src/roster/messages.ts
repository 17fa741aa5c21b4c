import type { Locale } from '../http/locale.js';
import { fill, type Localized } from '../jobs/messages.js';
import { COLUMN_BY_KEY, type ColumnKey } from './columns.js';

/**
 * Roster import messages. `{field}` is the column's header in the message's language, `{value}` the
 * value as the user typed it. Every row message names both, so a row can be fixed from the message alone.
 */
export const ROSTER_MESSAGES = {
  // The upload itself (answered at once, as a 400).
  'file.missing': {
    'zh-CN': '请在表单字段 file 中上传名册文件（.xlsx 或 .csv）。',
    en: 'Upload the roster file (.xlsx or .csv) in the form field "file".',
  },
  'file.empty': { 'zh-CN': '上传的文件是空的。', en: 'The uploaded file is empty.' },
  'file.xls': {
    'zh-CN': '不支持旧版 Excel（.xls）文件。请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再上传。',
    en: 'Old Excel (.xls) files are not supported. In Excel, use "Save As" → Excel Workbook (.xlsx) and upload that.',
  },
  'file.type': {
    'zh-CN': '无法识别文件“{name}”。请上传 .xlsx 或 .csv 文件（可先下载模板）。',
    en: 'The file "{name}" is not recognised. Upload an .xlsx or .csv file (the template is a good start).',
  },

  // The file as a whole (reported on row 0 or the header row).
  'file.unreadable': {
    'zh-CN': '文件无法读取：它不是有效的 .xlsx 文件，或已损坏。请用 Excel 重新保存后再上传。',
    en: 'The file cannot be read: it is not a valid .xlsx file, or it is damaged. Re-save it in Excel and upload again.',
  },
  'header.not-found': {
    'zh-CN': '在前 {rows} 行中没有找到表头。第一行应为列名，例如：{columns}。',
    en: 'No header row was found in the first {rows} rows. The first row should name the columns, e.g.: {columns}.',
  },
  'header.missing': { 'zh-CN': '缺少必填列“{field}”。', en: 'The required column "{field}" is missing.' },
  'header.duplicate': {
    'zh-CN': '列“{value}”与另一列重复，都表示“{field}”。请只保留一列。',
    en: 'The column "{value}" repeats another column that also means "{field}". Keep only one.',
  },
  'rows.none': { 'zh-CN': '文件中没有学生数据行。', en: 'The file has no student rows.' },
  'rows.too-many': {
    'zh-CN': '文件超过 {limit} 行的上限，请按年级或学校拆分后分批导入。',
    en: 'The file has more than {limit} rows; split it by grade or school and import the parts.',
  },
  'errors.more': {
    'zh-CN': '另有 {count} 处错误未列出。请先修正以上错误后重新导入。',
    en: '{count} more errors are not listed. Fix the ones above and import again.',
  },

  // Rows.
  required: { 'zh-CN': '“{field}”为必填项。', en: '"{field}" is required.' },
  'studentNo.pattern': {
    'zh-CN': '“{field}”的值“{value}”格式不正确：应为 6–30 位字母或数字。',
    en: '"{field}" value "{value}" is not valid: use 6–30 letters or digits.',
  },
  'studentNo.duplicate': {
    'zh-CN': '“{field}”的值“{value}”在文件中重复出现（另见第 {rows} 行）。',
    en: '"{field}" value "{value}" appears more than once in the file (see also row {rows}).',
  },
  'studentNo.other-school': {
    'zh-CN': '“{field}”的值“{value}”在导入过程中已由本市另一所学校登记。请重新导入，系统将为该学生发起转学申请。',
    en: '"{field}" value "{value}" was registered by another school of the city during the import. Import again: a transfer request will be raised for the student.',
  },
  'text.too-long': {
    'zh-CN': '“{field}”最多 {limit} 个字，“{value}”有 {length} 个字。',
    en: '"{field}" may have at most {limit} characters; "{value}" has {length}.',
  },
  'gender.invalid': {
    'zh-CN': '“{field}”的值“{value}”无效，请填写 男 或 女。',
    en: '"{field}" value "{value}" is not valid: use male or female.',
  },
  'date.invalid': {
    'zh-CN': '“{field}”的值“{value}”不是有效日期，请按 2012-03-05 或 2012/3/5 的格式填写。',
    en: '"{field}" value "{value}" is not a valid date: write it like 2012-03-05 or 2012/3/5.',
  },
  'date.future': { 'zh-CN': '“{field}”的值“{value}”晚于今天。', en: '"{field}" value "{value}" is in the future.' },
  'date.age': {
    'zh-CN': '“{field}”的值“{value}”对应年龄 {age} 岁，不在 {min}–{max} 岁之间，请核对。',
    en: '"{field}" value "{value}" means an age of {age}, outside {min}–{max}; please check it.',
  },
  'grade.unknown': {
    'zh-CN': '“{field}”的值“{value}”不是本校的年级。本校年级：{allowed}。',
    en: '"{field}" value "{value}" is not a grade of this school. Its grades: {allowed}.',
  },
  'class.unknown': {
    'zh-CN': '“{field}”的值“{value}”不是{grade}的班级。现有班级：{allowed}。',
    en: '"{field}" value "{value}" is not a class of {grade}. Its classes: {allowed}.',
  },
  'boarding.invalid': {
    'zh-CN': '“{field}”的值“{value}”无效，请填写 是 或 否，也可留空（表示否）。',
    en: '"{field}" value "{value}" is not valid: use yes or no, or leave it empty (no).',
  },
  'careTags.invalid': {
    'zh-CN': '“{field}”中的“{value}”不是可用的关爱标签。可用：{allowed}（多个用；分隔）。',
    en: '"{field}" contains "{value}", which is not a care tag. Allowed: {allowed} (separate several with ;).',
  },
  'phone.invalid': {
    'zh-CN': '“{field}”的值“{value}”不是 11 位中国大陆手机号。',
    en: '"{field}" value "{value}" is not an 11-digit mainland China mobile number.',
  },
  'relation.invalid': {
    'zh-CN': '“{field}”的值“{value}”无效，请填写 父亲、母亲、祖父母 或 其他。',
    en: '"{field}" value "{value}" is not valid: use father, mother, grandparent or other.',
  },
  'guardian.incomplete': {
    'zh-CN': '填写监护人时，监护人姓名、关系和手机须同时填写；本行缺少“{field}”。',
    en: 'A guardian needs name, relation and phone together; this row lacks "{field}".',
  },
  'guardian.phone-conflict': {
    'zh-CN': '“{field}”的值“{value}”在第 {row} 行对应的监护人是“{other}”，与本行不同。同一手机号只能属于一位监护人。',
    en: '"{field}" value "{value}" belongs to guardian "{other}" in row {row}, not the one in this row. One phone number means one guardian.',
  },
} satisfies Record<string, Localized>;

export type RosterMessageKey = keyof typeof ROSTER_MESSAGES;

/** Longest echo of a user's value in a message: enough to find it, not a copy of a pasted paragraph. */
const MAX_ECHO = 40;

export function echo(value: string): string {
  return value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value;
}

/**
 * A message in both languages. `column` fills `{field}` with that column's header in each language;
 * `perLocale` supplies params that differ by language (lists of allowed values, grade names).
 */
export function rosterMessage(
  key: RosterMessageKey,
  opts: {
    column?: ColumnKey;
    params?: Record<string, string | number>;
    perLocale?: Partial<Record<Locale, Record<string, string | number>>>;
  } = {},
): Localized {
  const out = {} as Localized;
  for (const locale of ['zh-CN', 'en'] as const) {
    const field = opts.column ? COLUMN_BY_KEY.get(opts.column)!.header[locale] : '';
    out[locale] = fill(ROSTER_MESSAGES[key][locale], { field, ...opts.params, ...opts.perLocale?.[locale] });
  }
  return out;
}

export function rosterText(
  key: RosterMessageKey,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return fill(ROSTER_MESSAGES[key][locale], params);
}
