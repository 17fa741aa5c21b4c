import ExcelJS from 'exceljs';
import { workbookBuffer } from '../spreadsheets/export.js';
import { ta, type AccountMessageKey } from './messages.js';
import type { SlipSheet } from './slips.js';

const COLUMNS: Array<{ label: AccountMessageKey; width: number }> = [
  { label: 'slip.school', width: 26 },
  { label: 'slip.class', width: 16 },
  { label: 'slip.name', width: 12 },
  { label: 'slip.username', width: 22 },
  { label: 'slip.password', width: 14 },
  { label: 'slip.url', width: 34 },
];

/** One row per student with the same facts as the printed slip, headed in the caller's language. */
export async function renderSlipsXlsx(sheet: SlipSheet): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Yuxin';
  const ws = book.addWorksheet(ta('sheet.name', sheet.locale));
  ws.columns = COLUMNS.map((c) => ({ header: ta(c.label, sheet.locale), width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const slip of sheet.slips) {
    const row = ws.addRow([
      sheet.schoolName,
      sheet.className,
      slip.studentName,
      slip.username,
      slip.password,
      sheet.signInUrl,
    ]);
    // Text cells: a 学籍号 of digits must not become a number (and lose leading zeros) in Excel.
    row.getCell(4).numFmt = '@';
    row.getCell(5).numFmt = '@';
  }
  ws.addRow([]);
  ws.addRow([ta('slip.instruction.zh', sheet.locale)]);
  if (sheet.locale === 'en') ws.addRow([ta('slip.instruction.en', sheet.locale)]);
  return workbookBuffer(book);
}
