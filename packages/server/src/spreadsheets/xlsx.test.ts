import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRows, type SheetRow } from './read.js';
import { reorderXlsx, reorderZip, zipEntryNames } from './xlsx-zip.js';

// The temporary-file module exceljs itself loads (a dependency of exceljs, not of ours): the spy must sit on
// the very object its streaming reader calls.
const tmp = createRequire(createRequire(import.meta.url).resolve('exceljs'))('tmp') as {
  file: (...args: unknown[]) => void;
};

afterEach(() => vi.restoreAllMocks());

async function workbook(rows: unknown[][], extraSheet = false) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  for (const r of rows) ws.addRow(r);
  ws.getColumn(3).numFmt = 'yyyy-mm-dd';
  if (extraSheet) wb.addWorksheet('说明').addRow(['不是名册']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Excel itself writes styles and shared strings after the worksheets. */
function excelOrder(buf: Buffer) {
  const late = (n: string) => (n === 'xl/sharedStrings.xml' || n === 'xl/styles.xml' ? 1 : 0);
  return reorderZip(buf, (a, b) => late(a) - late(b));
}

async function collect(buf: Buffer) {
  const out: SheetRow[] = [];
  for await (const r of readRows(buf, 'xlsx')) out.push(r);
  return out;
}

describe('xlsx rosters', () => {
  it('reads an Excel-ordered workbook in memory, never spooling the sheet to a temporary file', async () => {
    const spool = vi.spyOn(tmp, 'file');
    const source = excelOrder(
      await workbook(
        [
          ['学籍号', '姓名', '出生日期'],
          ['G0001', { richText: [{ text: '张' }, { text: '三' }] }, new Date(Date.UTC(2012, 2, 5))],
          [],
          ['G0002', '李四', 40973],
        ],
        true,
      ),
    );
    expect(zipEntryNames(source).indexOf('xl/sharedStrings.xml')).toBeGreaterThan(
      zipEntryNames(source).indexOf('xl/worksheets/sheet1.xml'),
    );
    const rows = await collect(source);
    expect(spool).not.toHaveBeenCalled();
    expect(rows.map((r) => r.row)).toEqual([1, 2, 4]);
    expect(rows[1]!.cells).toEqual(['G0001', '张三', new Date(Date.UTC(2012, 2, 5))]);
    // Only the first sheet is read; a date-formatted number is a date.
    expect(rows[2]!.cells[2]).toEqual(new Date(Date.UTC(2012, 2, 5)));
  });

  it('puts relations, styles and shared strings before the sheets', async () => {
    const names = zipEntryNames(reorderXlsx(excelOrder(await workbook([['a', 'b']]))));
    const at = (n: string) => names.indexOf(n);
    expect(at('xl/styles.xml')).toBeLessThan(at('xl/worksheets/sheet1.xml'));
    expect(at('xl/sharedStrings.xml')).toBeLessThan(at('xl/worksheets/sheet1.xml'));
    expect(at('xl/_rels/workbook.xml.rels')).toBeLessThan(at('xl/worksheets/sheet1.xml'));
  });

  it('reads a workbook with numbers only (no shared strings at all)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('n').addRow([1, 2, 3]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const spool = vi.spyOn(tmp, 'file');
    expect((await collect(buf)).map((r) => r.cells)).toEqual([[1, 2, 3]]);
    expect(spool).not.toHaveBeenCalled();
  });

  it('rejects a damaged file', async () => {
    const buf = await workbook([['a']]);
    await expect(collect(buf.subarray(0, buf.length - 30))).rejects.toThrow();
  });
});
