import { CARE_TAGS } from '../http/schemas.js';
import type { Locale } from '../http/locale.js';
import type { RosterMessageKey } from './messages.js';
import { isoDate, type RawCell } from '../spreadsheets/cells.js';

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
