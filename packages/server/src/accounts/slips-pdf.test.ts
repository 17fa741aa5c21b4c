import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CJK_FONT_NAME } from './font.js';
import { renderSlipsPdf, SLIPS_PER_PAGE } from './slips-pdf.js';
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
});
