import { allowedCodes, optionsOf } from '@yuxin/core';
import ExcelJS from 'exceljs';
import { workbookBuffer } from '../../spreadsheets/export.js';
import type { Locale } from '../../http/locale.js';
import { itemColumn, type ClassSheet } from './class-sheet.js';
import { NAME_HEADER, STUDENT_NO_HEADER } from './columns.js';
import { pt } from './messages.js';

const text = (t: { zh: string; en: string }, locale: Locale) => (locale === 'en' ? t.en : t.zh);

/**
 * The answer workbook of one class: 学籍号, 姓名 and one column per item, a row per student who has a
 * paper form, and a sheet saying what each column is and which scores it takes.
 */
export async function paperTemplateXlsx(sheet: ClassSheet, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yuxin 育心';
  const answers = wb.addWorksheet(pt('template.sheet', locale), { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const items = sheet.instruments.flatMap((def) =>
    def.items.map((item) => ({ def, item, header: itemColumn(def, item.number) })),
  );
  answers.columns = [
    // Text, so Excel keeps 学籍号 as typed (no lost leading zeros, no scientific notation).
    { header: STUDENT_NO_HEADER(locale), key: 'studentNo', width: 22, style: { numFmt: '@' } },
    { header: NAME_HEADER(locale), key: 'name', width: 14 },
    ...items.map((c) => ({ header: c.header, key: c.header, width: Math.max(9, c.header.length + 2) })),
  ];
  answers.getRow(1).font = { bold: true };
  for (const s of sheet.students) answers.addRow({ studentNo: s.studentNo, name: s.assignment.student_name });
  const lastRow = Math.max(2, sheet.students.length + 1);
  items.forEach((c, i) => {
    const codes = allowedCodes(c.def, c.item);
    for (let r = 2; r <= lastRow; r++) {
      answers.getCell(r, i + 3).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${codes.join(',')}"`] };
    }
  });

  const help = wb.addWorksheet(pt('template.help-sheet', locale));
  help.columns = [{ width: 14 }, { width: 80 }, { width: 48 }];
  help.addRow(pt('template.help-headers', locale).split('|')).font = { bold: true };
  for (const c of items) {
    const options = optionsOf(c.def, c.item)
      .map((o) => `${o.code} = ${text(o.label, locale)}`)
      .join('; ');
    help.addRow([c.header, `${text(c.def.name, locale)} — ${text(c.item.text, locale)}`, options]).alignment = {
      wrapText: true,
      vertical: 'top',
    };
  }
  help.addRow([]);
  for (const key of ['template.note-codes', 'template.note-absent', 'template.note-all-or-nothing'] as const)
    help.addRow([pt(key, locale)]);
  return workbookBuffer(wb);
}
