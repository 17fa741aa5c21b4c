import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CJK_FONT_NAME } from './font.js';
import { fitName, renderSlipsPdf, SLIPS_PER_PAGE } from './slips-pdf.js';
import type { SlipSheet } from './slips.js';

const sheet = (count: number, locale: SlipSheet['locale'] = 'zh-CN'): SlipSheet => ({
  schoolName: '东城第一初级中学',
  className: '八年级1班',
  signInUrl: 'http://localhost/login',
  locale,
  slips: Array.from({ length: count }, (_, i) => ({
    studentName: `学生${i + 1}`,
    username: `G2012${String(i).padStart(5, '0')}`,
    password: `Pass${i}word9`,
  })),
});

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

// Page content streams are deflated; CJK text is glyph ids, while Courier text is its ASCII bytes in hex.
function contentText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a deflated stream (or a font program): skip.
    }
  }
  return out.join('\n');
}

describe('credential slips PDF', () => {
  it(`puts ${SLIPS_PER_PAGE} slips on a page`, async () => {
    expect(pageCount(await renderSlipsPdf(sheet(1)))).toBe(1);
    expect(pageCount(await renderSlipsPdf(sheet(SLIPS_PER_PAGE)))).toBe(1);
    expect(pageCount(await renderSlipsPdf(sheet(23)))).toBe(3);
  });

  it('embeds the CJK font so Chinese names render', async () => {
    const pdf = await renderSlipsPdf(sheet(3));
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('/FontFile2');
    expect(text).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${CJK_FONT_NAME}-Regular`));
  });

  it('prints each password once, on its own slip', async () => {
    const content = contentText(await renderSlipsPdf(sheet(3, 'en')));
    for (const p of ['Pass0word9', 'Pass1word9', 'Pass2word9'])
      expect(content.split(`<${Buffer.from(p).toString('hex')}>`).length - 1).toBe(1);
  });

  it('keeps a 36-character name readable: never below 8.5 pt, on two lines if it must', async () => {
    const long = '阿卜杜热合曼·买买提依明·艾合买提江·吐尔逊巴克·热依拉汗古丽';
    const one = sheet(1);
    one.slips[0]!.studentName = long;
    const content = contentText(await renderSlipsPdf(one));
    const sizes = [...content.matchAll(/\/F\d+ ([\d.]+) Tf/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    // The smallest type on a slip is the 7.5 pt title line; the name is never smaller than 8.5 pt.
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(7.5);
    // Every character is kept when two lines hold it (here: one em per character at the given size).
    const em = (text: string, size: number) => [...text].length * size;
    const fitted = fitName(long, em, 161);
    expect(fitted.size).toBe(8.5);
    expect(fitted.lines.join('')).toBe(long);
    expect(fitted.lines).toHaveLength(2);
    // A short name keeps its 13 pt.
    expect(fitName('王小明', em, 161)).toEqual({ size: 13, lines: ['王小明'] });
    // A name longer than two lines ends in an ellipsis rather than shrinking further.
    const tooLong = fitName(long.repeat(2), em, 161);
    expect(tooLong.size).toBe(8.5);
    expect(tooLong.lines[1]!.endsWith('…')).toBe(true);
  });
});
