import { CARE_TAGS } from '../http/schemas.js';
import type { Locale } from '../http/locale.js';
import type { RosterMessageKey } from './messages.js';

/** A cell as a reader hands it over: CSV gives text; xlsx may give numbers, booleans and dates. */
export type RawCell = string | number | boolean | Date | null;

type CareTagValue = (typeof CARE_TAGS)[number];

export type Parsed<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      key: RosterMessageKey;
      params?: Record<string, string | number>;
      perLocale?: Partial<Record<Locale, Record<string, string | number>>>;
    };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/**
 * A cell's text as the user meant it. NFKC folds full-width letters, digits and brackets (common when
 * typing with a Chinese IME); `="0123"` is how people keep Excel from eating leading zeros in a CSV.
 */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isoDate(cell);
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = cell
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .trim();
  const quoted = /^="(.*)"$/.exec(text);
  return quoted ? quoted[1]!.trim() : text;
}

function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const key = (text: string) => text.toLowerCase().replace(/[\s_-]/g, '');

export function parseStudentNo(text: string): Parsed<string> {
  // Upper-cased: 学籍号 letters are capitals (G…, L…, J…), and it is the student's sign-in name.
  return /^[A-Za-z0-9]{6,30}$/.test(text) ? ok(text.toUpperCase()) : { ok: false, key: 'studentNo.pattern' };
}

const GENDERS: Record<string, 'male' | 'female'> = {
  男: 'male',
  女: 'female',
  male: 'male',
  female: 'female',
  m: 'male',
  f: 'female',
};

export function parseGender(text: string): Parsed<'male' | 'female'> {
  const g = GENDERS[key(text)];
  return g ? ok(g) : { ok: false, key: 'gender.invalid' };
}

export const MIN_AGE = 5;
export const MAX_AGE = 20;

/** Excel counts days from 1899-12-30 (its phantom 1900-02-29 folded in), in the 1900 date system. */
function excelSerialToDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
}

function realDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function dateOf(cell: RawCell, text: string): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : isoDate(cell);
  // A date typed into a cell Excel did not format as a date arrives as its serial number.
  const serial = typeof cell === 'number' ? cell : /^\d{5}$/.test(text) ? Number(text) : undefined;
  if (serial !== undefined) return serial >= 1 && serial < 2_958_466 ? isoDate(excelSerialToDate(serial)) : undefined;
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(text) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? realDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** A birth date: a real date, not after today, for a school-age child. */
export function parseBirthDate(cell: RawCell, text: string, today: Date): Parsed<string> {
  const date = dateOf(cell, text);
  if (!date) return { ok: false, key: 'date.invalid' };
  const todayIso = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  if (date > todayIso) return { ok: false, key: 'date.future', params: { value: date } };
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const hadBirthday = today.getMonth() + 1 > m || (today.getMonth() + 1 === m && today.getDate() >= d);
  const age = today.getFullYear() - y - (hadBirthday ? 0 : 1);
  if (age < MIN_AGE || age > MAX_AGE)
    return { ok: false, key: 'date.age', params: { age, min: MIN_AGE, max: MAX_AGE } };
  return ok(date);
}

const BOARDING: Record<string, boolean> = {
  '': false,
  是: true,
  否: false,
  住校: true,
  走读: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  true: true,
  false: false,
  '1': true,
  '0': false,
};

export function parseBoarding(text: string): Parsed<boolean> {
  const b = BOARDING[key(text)];
  return b === undefined ? { ok: false, key: 'boarding.invalid' } : ok(b);
}

const CARE_TAG_NAMES: Record<CareTagValue, { zh: string; aliases: string[] }> = {
  left_behind: { zh: '留守', aliases: ['留守儿童', '留守学生'] },
  migrant: { zh: '流动', aliases: ['流动儿童', '随迁子女', '进城务工人员随迁子女'] },
  single_parent: { zh: '单亲', aliases: ['单亲家庭'] },
  disability: { zh: '残疾', aliases: ['残障', '残疾儿童'] },
  low_income: { zh: '困难家庭', aliases: ['贫困', '家庭困难', '经济困难', '低保'] },
  bereaved: { zh: '丧亲', aliases: [] },
  bullied: { zh: '遭遇欺凌', aliases: ['欺凌', '被欺凌', '校园欺凌'] },
};

const CARE_TAG_BY_NAME = new Map<string, CareTagValue>();
for (const tag of CARE_TAGS) {
  const names = CARE_TAG_NAMES[tag];
  for (const name of [tag, names.zh, ...names.aliases]) CARE_TAG_BY_NAME.set(key(name), tag);
}

export function careTagNames(locale: Locale): string[] {
  return CARE_TAGS.map((t) => (locale === 'en' ? t : CARE_TAG_NAMES[t].zh));
}

/** Tags in their canonical order, so the same set always compares and stores the same. */
export function parseCareTags(text: string): Parsed<CareTagValue[]> {
  const found = new Set<CareTagValue>();
  for (const part of text.split(/[;；、,，/|]/)) {
    const name = part.trim();
    if (!name) continue;
    const tag = CARE_TAG_BY_NAME.get(key(name));
    if (!tag) {
      return {
        ok: false,
        key: 'careTags.invalid',
        params: { value: name },
        perLocale: {
          'zh-CN': { allowed: careTagNames('zh-CN').join('、') },
          en: { allowed: careTagNames('en').join(', ') },
        },
      };
    }
    found.add(tag);
  }
  return ok(CARE_TAGS.filter((t) => found.has(t)));
}

export function parsePhone(text: string): Parsed<string> {
  let digits = text.replace(/[\s\-()]/g, '');
  if (/^\+?86\d{11}$/.test(digits)) digits = digits.slice(-11);
  return /^1[3-9]\d{9}$/.test(digits) ? ok(digits) : { ok: false, key: 'phone.invalid' };
}

export type Relation = 'father' | 'mother' | 'grandparent' | 'other';

const RELATIONS: Record<string, Relation> = {};
const RELATION_NAMES: Record<Relation, string[]> = {
  father: ['父亲', '父', '爸爸', 'father', 'dad'],
  mother: ['母亲', '母', '妈妈', 'mother', 'mum', 'mom'],
  grandparent: [
    '祖父母',
    '祖父',
    '祖母',
    '爷爷',
    '奶奶',
    '外祖父',
    '外祖母',
    '外祖父母',
    '外公',
    '外婆',
    'grandparent',
    'grandfather',
    'grandmother',
  ],
  other: ['其他', '其它', 'other'],
};
for (const [relation, names] of Object.entries(RELATION_NAMES))
  for (const n of names) RELATIONS[key(n)] = relation as Relation;

export function parseRelation(text: string): Parsed<Relation> {
  const r = RELATIONS[key(text)];
  return r ? ok(r) : { ok: false, key: 'relation.invalid' };
}

/** 一…九十九, as people write grade and class numbers. */
export function zhNumber(text: string): number | undefined {
  const digit = (c: string | undefined) =>
    c === undefined ? undefined : '一二三四五六七八九'.indexOf(c) + 1 || undefined;
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return undefined;
  if (!m[2]) return m[1] && !m[3] ? digit(m[1]) : undefined;
  return (m[1] ? digit(m[1])! : 1) * 10 + (m[3] ? digit(m[3])! : 0);
}

function number(text: string): number | undefined {
  if (/^\d{1,3}$/.test(text)) return Number(text);
  return zhNumber(text);
}

/**
 * The grade level (1–12) a grade cell means: 七年级, 7, 7年级, 初一, 初中一年级, 高一, 高中一年级, 10,
 * Grade 7, Senior 1, Junior 1 — whatever the school's grade units are named.
 */
export function parseGradeLevel(text: string): number | undefined {
  const t = text.replace(/\s/g, '').toLowerCase();
  for (const [pattern, level] of GRADE_PATTERNS) {
    const m = pattern.exec(t);
    const found = m ? level(m[1]!) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

const GRADE_PATTERNS: Array<[RegExp, (n: string) => number | undefined]> = [
  [/^(\d{1,2})$/, (n) => range(Number(n), 1, 12)],
  [/^(?:初中|初)(.+?)(?:年级)?$/, (n) => offset(range(number(n), 1, 3), 6)],
  [/^(?:高中|高)(.+?)(?:年级)?$/, (n) => offset(range(number(n), 1, 3), 9)],
  [/^(?:小学)?(.+?)年级$/, (n) => range(number(n), 1, 12)],
  [/^(?:grade|g)(\d{1,2})$/, (n) => range(Number(n), 1, 12)],
  [/^junior(\d)$/, (n) => offset(range(Number(n), 1, 3), 6)],
  [/^senior(\d)$/, (n) => offset(range(Number(n), 1, 3), 9)],
];

/**
 * The class number a class cell means: 2, 02, 2班, (2)班, 二班, Class 2, and whole names such as
 * 七年级2班 or 初一(2)班 — the grade part is read from the grade column, not from here.
 */
export function parseClassNo(text: string): number | undefined {
  let t = text.replace(/\s/g, '').toLowerCase();
  t = t.replace(/^class/, '').replace(/班$/, '');
  const bracketed = /\((.+)\)$/.exec(t);
  if (bracketed) t = bracketed[1]!;
  else t = t.replace(/^.*(?:年级|级)/, '');
  const n = number(t);
  return n !== undefined && n >= 1 ? n : undefined;
}

function range(n: number | undefined, min: number, max: number) {
  return n !== undefined && n >= min && n <= max ? n : undefined;
}
function offset(n: number | undefined, by: number) {
  return n === undefined ? undefined : n + by;
}
