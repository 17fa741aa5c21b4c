import type { Locale } from '../http/locale.js';

export type ColumnKey =
  | 'studentNo'
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'grade'
  | 'class'
  | 'boarding'
  | 'careTags'
  | 'guardianName'
  | 'guardianRelation'
  | 'guardianPhone';

export interface Column {
  key: ColumnKey;
  header: Record<Locale, string>;
  required: boolean;
  /** Other headers people use for the same column (school systems' exports, older templates). */
  aliases: string[];
}

/** The roster file's columns, in template order. Headers are the contract's (docs/api-v1.md). */
export const COLUMNS: readonly Column[] = [
  {
    key: 'studentNo',
    header: { 'zh-CN': '学籍号', en: 'studentNo' },
    required: true,
    aliases: ['全国学籍号', '学籍编号', 'student no', 'student number'],
  },
  { key: 'name', header: { 'zh-CN': '姓名', en: 'name' }, required: true, aliases: ['学生姓名', 'student name'] },
  { key: 'gender', header: { 'zh-CN': '性别', en: 'gender' }, required: true, aliases: ['sex'] },
  {
    key: 'birthDate',
    header: { 'zh-CN': '出生日期', en: 'birthDate' },
    required: false,
    aliases: ['出生年月日', '生日', 'date of birth', 'dob'],
  },
  { key: 'grade', header: { 'zh-CN': '年级', en: 'grade' }, required: true, aliases: [] },
  { key: 'class', header: { 'zh-CN': '班级', en: 'class' }, required: true, aliases: ['班', '班别'] },
  {
    key: 'boarding',
    header: { 'zh-CN': '住校', en: 'boarding' },
    required: false,
    aliases: ['是否住校', '住宿', '寄宿', 'boarder'],
  },
  {
    key: 'careTags',
    header: { 'zh-CN': '关爱标签', en: 'careTags' },
    required: false,
    aliases: ['关爱类型', 'care tags'],
  },
  {
    key: 'guardianName',
    header: { 'zh-CN': '监护人姓名', en: 'guardianName' },
    required: false,
    aliases: ['家长姓名', 'guardian'],
  },
  {
    key: 'guardianRelation',
    header: { 'zh-CN': '监护人关系', en: 'guardianRelation' },
    required: false,
    aliases: ['与学生关系', '家长关系', 'relation'],
  },
  {
    key: 'guardianPhone',
    header: { 'zh-CN': '监护人手机', en: 'guardianPhone' },
    required: false,
    aliases: ['监护人手机号', '监护人电话', '家长手机', '家长手机号', '家长电话', 'guardian mobile', 'phone'],
  },
];

export const COLUMN_BY_KEY = new Map(COLUMNS.map((c) => [c.key, c]));

/**
 * Header text reduced to what identifies it: width forms, case, spaces, separators, required-markers
 * (`*学籍号`) and trailing hints (`出生日期(yyyy-mm-dd)`) do not matter.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b\ufeff]/g, '')
    .trim()
    .replace(/^\*+|\*+$/g, '')
    .replace(/\([^)]*\)$/, '')
    .replace(/[\s_\-.]/g, '')
    .toLowerCase();
}

const BY_HEADER = new Map<string, { key: ColumnKey; locale: Locale }>();
for (const c of COLUMNS) {
  for (const alias of c.aliases)
    BY_HEADER.set(normalizeHeader(alias), { key: c.key, locale: /[a-z]/i.test(alias) ? 'en' : 'zh-CN' });
  BY_HEADER.set(normalizeHeader(c.header.en), { key: c.key, locale: 'en' });
  BY_HEADER.set(normalizeHeader(c.header['zh-CN']), { key: c.key, locale: 'zh-CN' });
}

export function columnOfHeader(text: string): { key: ColumnKey; locale: Locale } | undefined {
  return BY_HEADER.get(normalizeHeader(text));
}

export interface HeaderMap {
  /** 0-based cell index of each column found. */
  index: Partial<Record<ColumnKey, number>>;
  /** The header exactly as written in the file, trimmed: error reports name columns the way the user does. */
  written: Partial<Record<ColumnKey, string>>;
  /** The language most headers are in, for naming columns the file lacks. */
  locale: Locale;
  missing: ColumnKey[];
  duplicates: Array<{ key: ColumnKey; written: string }>;
}

export function mapHeader(cells: string[]): HeaderMap {
  const index: HeaderMap['index'] = {};
  const written: HeaderMap['written'] = {};
  const duplicates: HeaderMap['duplicates'] = [];
  let en = 0;
  let zh = 0;
  cells.forEach((cell, i) => {
    const found = columnOfHeader(cell);
    if (!found) return;
    if (found.locale === 'en') en++;
    else zh++;
    if (index[found.key] !== undefined) {
      duplicates.push({ key: found.key, written: cell.trim() });
      return;
    }
    index[found.key] = i;
    written[found.key] = cell.normalize('NFKC').trim();
  });
  const missing = COLUMNS.filter((c) => c.required && index[c.key] === undefined).map((c) => c.key);
  return { index, written, locale: en > zh ? 'en' : 'zh-CN', missing, duplicates };
}

/** How many cells of a row are known headers: the header row is the first with a few of them. */
export function knownHeaderCount(cells: string[]): number {
  return cells.filter((c) => columnOfHeader(c)).length;
}
