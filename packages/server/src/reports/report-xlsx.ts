import ExcelJS from 'exceljs';
import { workbookBuffer } from '../spreadsheets/export.js';
import type { SheetDocument } from './report-sheet.js';

/** One worksheet per part of the report, tables one under another, each headed with its title. */
export async function renderReportXlsx(sheet: SheetDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Yuxin';
  book.title = sheet.title;
  const sheets = new Map<string, ExcelJS.Worksheet>();
  for (const table of sheet.tables) {
    let ws = sheets.get(table.sheet);
    if (!ws) {
      ws = book.addWorksheet(table.sheet);
      ws.addRow([sheet.title]).font = { bold: true, size: 13 };
      if (sheet.note) ws.addRow([sheet.note]).font = { italic: true, color: { argb: 'FF4B5563' } };
      ws.getColumn(1).width = 28;
      for (let c = 2; c <= 10; c++) ws.getColumn(c).width = 14;
      sheets.set(table.sheet, ws);
    }
    ws.addRow([]);
    ws.addRow([table.title]).font = { bold: true };
    ws.addRow(table.header).font = { bold: true };
    for (const row of table.rows) {
      const added = ws.addRow(row);
      for (const c of table.textColumns ?? []) added.getCell(c + 1).numFmt = '@';
    }
  }
  return workbookBuffer(book);
}
