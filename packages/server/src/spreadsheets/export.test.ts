import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { csvBuffer, neutraliseText, workbookBuffer } from './export.js';

describe('neutraliseText', () => {
  it('prefixes text a spreadsheet would run, and nothing else', () => {
    for (const t of ['=1+1', '+1', '-1', '@SUM(1)', '\tX', '\rX', '=HYPERLINK("http://x","y")'])
      expect(neutraliseText(t)).toBe(`'${t}`);
    for (const t of ['张三', 'a=b', ' =1', '1-2', '', "'=already"]) expect(neutraliseText(t)).toBe(t);
  });
});

describe('workbookBuffer', () => {
  it('neutralises text in every sheet, header and rich text, and keeps numbers and dates', async () => {
    const book = new ExcelJS.Workbook();
    const a = book.addWorksheet('a');
    a.columns = [{ header: '=header' }, { header: 'n' }];
    a.addRow(['-1', -1]);
    a.addRow([{ richText: [{ text: '@x' }, { text: 'y' }] }, new Date('2026-01-02T00:00:00Z')]);
    book.addWorksheet('b').addRow(['+cmd']);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await workbookBuffer(book)) as unknown as ArrayBuffer);
    const [sa, sb] = back.worksheets;
    expect(sa!.getCell('A1').value).toBe("'=header");
    expect(sa!.getCell('A2').value).toBe("'-1");
    expect(sa!.getCell('B2').value).toBe(-1);
    expect(sa!.getCell('A3').text).toBe("'@xy");
    expect(sa!.getCell('B3').value).toBeInstanceOf(Date);
    expect(sb!.getCell('A1').value).toBe("'+cmd");
  });

  it('refuses a formula cell rather than ship it', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('a').addRow([{ formula: 'HYPERLINK("http://x")' }]);
    await expect(workbookBuffer(book)).rejects.toThrow(/formula cell A1/);
  });
});

describe('csvBuffer', () => {
  it('writes BOM-prefixed CSV with formula text neutralised and numbers as they are', () => {
    const bytes = csvBuffer([
      ['name', 'n'],
      ['=HYPERLINK("http://x","y")', -1],
      ['a,b', 2],
    ]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(bytes, { bom: true })).toEqual([
      ['name', 'n'],
      ['\'=HYPERLINK("http://x","y")', '-1'],
      ['a,b', '2'],
    ]);
  });
});

describe('one way out', () => {
  it('no server module writes a workbook or CSV other than through spreadsheets/export.ts', () => {
    const src = fileURLToPath(new URL('..', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (
          /\.ts$/.test(e.name) &&
          !/\.test\.ts$/.test(e.name) &&
          !p.endsWith(join('spreadsheets', 'export.ts'))
        ) {
          const text = readFileSync(p, 'utf8');
          if (/\.writeBuffer\(|\.xlsx\.write\(|\.csv\.write|csv-stringify|0xef, 0xbb, 0xbf/.test(text))
            offenders.push(p.slice(src.length));
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
