import { inflateSync } from 'node:zlib';
import { getInstrument } from '@yuxin/core';
import { describe, expect, it } from 'vitest';
import { CJK_FONT_NAME } from '../../accounts/font.js';
import { formsOf, type ClassSheet, type PaperStudent } from './class-sheet.js';
import { renderPaperFormsPdf } from './forms-pdf.js';

const defs = ['phqa', 'gad7', 'asq'].map((code) => getInstrument(code)!);

const student = (name: string, studentNo: string): PaperStudent => ({
  studentNo,
  defs,
  assignment: { student_name: name, student_id: studentNo } as PaperStudent['assignment'],
});

const sheet = (names: string[]): ClassSheet => ({
  className: '八年级1班',
  schoolName: '东城第一初级中学',
  instruments: defs,
  students: names.map((n, i) => student(n, `G20120000${i}`)),
});

const render = (s: ClassSheet, locale: 'zh-CN' | 'en' = 'zh-CN', blank = false) =>
  renderPaperFormsPdf(s, formsOf(s, blank), {
    campaignName: locale === 'en' ? 'Autumn screening' : '秋季心理普测',
    locale,
  });

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

/** Every deflated stream of the file, inflated: page content and the font's ToUnicode map among them. */
function streams(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    try {
      out.push(inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1'));
    } catch {
      // Not deflated (a font program): skip.
    }
  }
  return out.join('\n');
}

/** The code points the embedded CJK font maps its glyphs back to, from its ToUnicode CMap. */
function mappedCharacters(pdf: Buffer): Set<string> {
  const chars = new Set<string>();
  // pdfkit writes `bfrange` lines whose destinations are an array of code points (several for a ligature).
  for (const range of streams(pdf).matchAll(/\[((?:\s*<[0-9a-f ]+>)+)\s*\]/gi)) {
    for (const m of range[1]!.matchAll(/<([0-9a-f ]+)>/gi))
      for (const hex of m[1]!.split(' ')) chars.add(String.fromCodePoint(parseInt(hex, 16)));
  }
  return chars;
}

describe('paper forms PDF', () => {
  it('starts each student on a new page, and prints their names and 学籍号 with the CJK font embedded', async () => {
    const one = await render(sheet(['张小明']));
    const perStudent = pageCount(one);
    expect(perStudent).toBeGreaterThanOrEqual(1);
    const pdf = await render(sheet(['张小明', '李思琪', '王浩然']));
    expect(pdf.toString('latin1').startsWith('%PDF-')).toBe(true);
    expect(pageCount(pdf)).toBe(3 * perStudent);
    expect(pdf.toString('latin1')).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${CJK_FONT_NAME}-Regular`));
    const chars = mappedCharacters(pdf);
    for (const name of ['张小明', '李思琪', '王浩然']) for (const ch of name) expect(chars.has(ch), ch).toBe(true);
    // 学籍号 digits and item columns are drawn with the same embedded font.
    for (const ch of 'G201200002PHQ-A') expect(chars.has(ch), ch).toBe(true);
  });

  it('prints in English on request', async () => {
    const pdf = await render(sheet(['Zhang Xiaoming']), 'en');
    const chars = mappedCharacters(pdf);
    for (const ch of 'Nearly every day') expect(chars.has(ch), ch).toBe(true);
    expect(chars.has('完')).toBe(false);
  });

  it('prints one blank form per instrument set, with no student names', async () => {
    const pdf = await render(sheet(['张小明', '李思琪']), 'zh-CN', true);
    const one = await render(sheet(['张小明']));
    expect(pageCount(pdf)).toBe(pageCount(one));
    const chars = mappedCharacters(pdf);
    for (const ch of '思琪') expect(chars.has(ch), ch).toBe(false);
    expect(chars.has('_')).toBe(true);
  });

  it('says so when the class has no forms to print', async () => {
    const pdf = await render(sheet([]));
    expect(pageCount(pdf)).toBe(1);
  });
});
