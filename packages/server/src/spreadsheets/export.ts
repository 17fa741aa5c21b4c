import type ExcelJS from 'exceljs';

/**
 * Every spreadsheet Yuxin hands out is written here, so that text a family or a school typed (a student
 * named `=HYPERLINK(…)`, a username like `@SUM(1)`) can never become a formula in Excel, WPS or LibreOffice.
 * The rule is OWASP's CSV-injection advice: text starting with = + - @, tab or carriage return gets a
 * leading apostrophe, which the reader shows and never evaluates. Numbers and dates stay numbers and dates;
 * only text is touched, so a count of -1 stays a number while a name "-1" becomes "'-1".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function neutraliseCell(cell: ExcelJS.Cell): void {
  const v = cell.value;
  if (typeof v === 'string') {
    if (FORMULA_START.test(v)) cell.value = neutraliseText(v);
    return;
  }
  if (v === null || typeof v !== 'object' || v instanceof Date) return;
  if ('formula' in v || 'sharedFormula' in v) {
    // No export computes anything; a formula here can only be a mistake, and would be executed on opening.
    throw new Error(`spreadsheet export: formula cell ${cell.address} refused`);
  }
  if ('richText' in v) {
    const [first, ...rest] = v.richText;
    if (first && FORMULA_START.test(first.text))
      cell.value = { richText: [{ ...first, text: neutraliseText(first.text) }, ...rest] };
    return;
  }
  if ('hyperlink' in v && typeof v.text === 'string' && FORMULA_START.test(v.text)) {
    cell.value = { ...v, text: neutraliseText(v.text) };
  }
}

/**
 * The bytes of a workbook, after every text cell of every sheet went through the formula rule. Builders
 * fill cells as they like; this is the one way out, so none can forget the rule.
 */
export async function workbookBuffer(book: ExcelJS.Workbook): Promise<Buffer> {
  book.eachSheet((sheet) =>
    sheet.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, neutraliseCell)),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * A CSV file Excel on Chinese Windows opens correctly: UTF-8 with a byte-order mark (without it Excel reads
 * GBK), CRLF lines, quoted where needed, and the formula rule on every text cell.
 */
export function csvBuffer(rows: ReadonlyArray<ReadonlyArray<string | number>>): Buffer {
  const cell = (v: string | number) => {
    const text = typeof v === 'number' ? String(v) : neutraliseText(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const text = rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
