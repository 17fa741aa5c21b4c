import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { isZip, reorderXlsx } from './xlsx-zip.js';
import type { RawCell } from './cells.js';

export type FileKind = 'xlsx' | 'csv';

/** What an upload is, judged by its bytes first (names lie), its extension only to break ties. */
export function sniffFile(buf: Buffer, filename: string): FileKind | 'xls' | 'empty' | 'unknown' {
  if (buf.length === 0) return 'empty';
  if (isZip(buf)) return 'xlsx';
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) return 'xls';
  const head = buf.subarray(0, 4096);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16 || !head.includes(0)) return 'csv';
  return /\.csv$/i.test(filename) ? 'csv' : 'unknown';
}

export interface SheetRow {
  /** Row number as a spreadsheet shows it (the first row is 1). */
  row: number;
  cells: RawCell[];
}

/** The rows of the roster: the first worksheet of an xlsx, or every record of a CSV. */
export function readRows(buf: Buffer, kind: FileKind): AsyncGenerator<SheetRow> {
  return kind === 'xlsx' ? xlsxRows(buf) : csvRows(buf);
}

async function* xlsxRows(buf: Buffer): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([reorderXlsx(buf)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      yield { row: row.number, cells: values.slice(1).map(xlsxCell) };
    }
    // Only the first sheet is the roster; the template's second sheet explains the columns.
    return;
  }
}

function xlsxCell(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return xlsxCell(o.result);
    if (o.text !== undefined) return xlsxCell(o.text);
    if (o.error) return o.error;
    // A formula without a cached result holds nothing readable; reading it as "[object Object]" would pass
    // the text off as data.
    return null;
  }
  return typeof v === 'bigint' ? v.toString() : null;
}

async function* csvRows(buf: Buffer): AsyncGenerator<SheetRow> {
  const utf8 = toUtf8(buf);
  const firstLine = utf8.subarray(0, Math.max(0, utf8.indexOf(0x0a)) || utf8.length).toString('utf8');
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const chunks: Buffer[] = [];
  for (let i = 0; i < utf8.length; i += 64 * 1024) chunks.push(utf8.subarray(i, i + 64 * 1024));
  const parser = Readable.from(chunks).pipe(
    csvParse({
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
    yield { row: info.records, cells: record };
  }
}

/**
 * CSV bytes as UTF-8. Excel on Chinese Windows saves "CSV (逗号分隔)" in GB18030 (GBK), and its
 * "Unicode text" as UTF-16; both are converted so a file straight out of Excel just works.
 */
export function toUtf8(buf: Buffer): Buffer {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3);
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return Buffer.from(new TextDecoder('utf-16le').decode(buf.subarray(2)), 'utf8');
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return Buffer.from(new TextDecoder('utf-16be').decode(buf.subarray(2)), 'utf8');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return buf;
  } catch {
    return Buffer.from(new TextDecoder('gb18030').decode(buf), 'utf8');
  }
}
