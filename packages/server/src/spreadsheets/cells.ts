/** Reading what people type into a spreadsheet cell, for every import (roster, org tree, records). */

/** A cell as a reader hands it over: CSV gives text; xlsx may give numbers, booleans and dates. */
export type RawCell = string | number | boolean | Date | null;

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

export function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

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
