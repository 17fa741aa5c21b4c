import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { JobError } from '../jobs/jobs.js';
import type { Localized } from '../jobs/messages.js';
import { COLUMN_BY_KEY, COLUMNS, knownHeaderCount, mapHeader, type HeaderMap } from './columns.js';
import { rosterMessage } from './messages.js';
import { readRows, type FileKind, type SheetRow } from '../spreadsheets/read.js';
import { cellText } from '../spreadsheets/cells.js';

/** Rows above the header people leave for a title ("XX 学校 2026 级学生名册"). */
const HEADER_SEARCH_ROWS = 10;
/** Twice the largest school district roster we expect; beyond it a file is more likely a mistake. */
export const MAX_ROWS = 100_000;

export type Sheet<H = HeaderMap> = { header: H; rows: SheetRow[] } | { errors: JobError[] };

/**
 * How one kind of upload names its columns: the roster's, or another import's (paper answers) that
 * reads its rows the same way.
 */
export interface SheetLayout<H> {
  /** Whether a row's cells are the header row. */
  isHeader(cells: string[]): boolean;
  map(cells: string[]): H;
  /** What is wrong with a found header (required columns missing, repeats), reported on its row. */
  problems(header: H, row: number): JobError[];
  /** Reported when no row in the first few is a header. */
  notFound(rows: number): JobError;
  /** Said when the header has no rows below it; the roster's own wording ("no student rows") otherwise. */
  noRows?: Localized;
}

export const ROSTER_LAYOUT: SheetLayout<HeaderMap> = {
  isHeader: (cells) => knownHeaderCount(cells) >= 2,
  map: mapHeader,
  problems: headerProblems,
  notFound(rows) {
    const columns = {
      'zh-CN': { columns: COLUMNS.map((c) => c.header['zh-CN']).join('、') },
      en: { columns: COLUMNS.map((c) => c.header.en).join(', ') },
    };
    return { row: 1, field: '', message: rosterMessage('header.not-found', { params: { rows }, perLocale: columns }) };
  },
};

/** The parsing phase: bytes to a mapped header and the non-blank rows below it. */
export async function readSheet(buf: Buffer, kind: FileKind, progress: (rows: number) => void): Promise<Sheet>;
export async function readSheet<H>(
  buf: Buffer,
  kind: FileKind,
  progress: (rows: number) => void,
  layout: SheetLayout<H>,
): Promise<Sheet<H>>;
export async function readSheet<H>(
  buf: Buffer,
  kind: FileKind,
  progress: (rows: number) => void,
  layout?: SheetLayout<H>,
): Promise<Sheet<H>> {
  const shape = (layout ?? ROSTER_LAYOUT) as SheetLayout<H>;
  let header: H | undefined;
  let headerRow = 0;
  const rows: SheetRow[] = [];
  const early: string[][] = [];
  try {
    for await (const r of readRows(buf, kind)) {
      if (!header) {
        const texts = r.cells.map(cellText);
        early.push(texts);
        if (shape.isHeader(texts)) {
          header = shape.map(texts);
          headerRow = r.row;
        } else if (early.length >= HEADER_SEARCH_ROWS) break;
        continue;
      }
      if (r.cells.every((c) => cellText(c) === '')) continue;
      if (rows.length >= MAX_ROWS)
        return {
          errors: [{ row: r.row, field: '', message: rosterMessage('rows.too-many', { params: { limit: MAX_ROWS } }) }],
        };
      rows.push(r);
      if (rows.length % 1000 === 0) {
        progress(rows.length);
        await yieldToEventLoop();
      }
    }
  } catch {
    return { errors: [{ row: 0, field: '', message: rosterMessage('file.unreadable') }] };
  }
  if (!header) return { errors: [shape.notFound(HEADER_SEARCH_ROWS)] };
  const headerErrors = shape.problems(header, headerRow);
  if (headerErrors.length) return { errors: headerErrors };
  if (rows.length === 0)
    return { errors: [{ row: headerRow + 1, field: '', message: shape.noRows ?? rosterMessage('rows.none') }] };
  progress(rows.length);
  return { header, rows };
}

function headerProblems(header: HeaderMap, row: number): JobError[] {
  return [
    ...header.missing.map((key) => ({
      row,
      field: COLUMN_BY_KEY.get(key)!.header[header.locale],
      message: rosterMessage('header.missing', { column: key }),
    })),
    ...header.duplicates.map((d) => ({
      row,
      field: d.written,
      message: rosterMessage('header.duplicate', { column: d.key, params: { value: d.written } }),
    })),
  ];
}
