import type { InstrumentDefinition } from '@yuxin/core';
import type { Locale } from '../../http/locale.js';
import type { JobError } from '../../jobs/jobs.js';
import { COLUMN_BY_KEY, columnOfHeader } from '../../roster/columns.js';
import type { SheetLayout } from '../../roster/read.js';
import { itemColumn } from './class-sheet.js';
import { paperMessage } from './messages.js';

/** Where the answer file keeps what, found by header text so columns may come in any order. */
export interface PaperHeader {
  studentNo?: number;
  name?: number;
  /** The 学籍号 and 姓名 headers as written, for naming them in the report. */
  written: { studentNo?: string; name?: string };
  /** Per instrument code, the cell index of each item (by position); undefined where the file lacks it. */
  items: Map<string, Array<number | undefined>>;
  /** The item headers as written, by cell index. */
  itemHeader: Map<number, string>;
  /** Each instrument's short name, as its columns begin. */
  shortNames: Map<string, string>;
  locale: Locale;
  duplicates: string[];
}

/** Spacing and width forms never decide a match: "PHQ-A 1", "PHQ-A1" and "ＰＨＱ－Ａ １" are one column. */
const normalize = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s_\u200b\ufeff]/g, '')
    .toLowerCase();

export const STUDENT_NO_HEADER = (locale: Locale) => COLUMN_BY_KEY.get('studentNo')!.header[locale];
export const NAME_HEADER = (locale: Locale) => COLUMN_BY_KEY.get('name')!.header[locale];

/**
 * The answer file's layout for these instruments: 学籍号 and 姓名 as in the roster (same names and
 * aliases), then one column per item named by instrument and item number, as the template writes them.
 */
export function paperLayout(defs: readonly InstrumentDefinition[]): SheetLayout<PaperHeader> {
  const byHeader = new Map<string, { code: string; index: number }>();
  for (const def of defs) {
    def.items.forEach((item, index) => {
      byHeader.set(normalize(itemColumn(def, item.number)), { code: def.code, index });
      byHeader.set(normalize(`${def.code} ${item.number}`), { code: def.code, index });
    });
  }
  const known = (cell: string) => byHeader.get(normalize(cell));
  const example = defs[0] ? itemColumn(defs[0], 1) : 'PHQ-A 1';

  return {
    isHeader: (cells) =>
      cells.some((c) => columnOfHeader(c)?.key === 'studentNo') || cells.filter((c) => known(c)).length >= 2,
    map(cells) {
      const header: PaperHeader = {
        written: {},
        items: new Map(defs.map((d) => [d.code, d.items.map(() => undefined)])),
        itemHeader: new Map(),
        shortNames: new Map(defs.map((d) => [d.code, d.shortName])),
        locale: 'zh-CN',
        duplicates: [],
      };
      let en = 0;
      cells.forEach((cell, i) => {
        const text = cell.normalize('NFKC').trim();
        const column = columnOfHeader(cell);
        if (column?.key === 'studentNo' || column?.key === 'name') {
          if (column.locale === 'en') en++;
          if (header[column.key] !== undefined) header.duplicates.push(text);
          else {
            header[column.key] = i;
            header.written[column.key] = text;
          }
          return;
        }
        const item = known(cell);
        if (!item) return;
        const slots = header.items.get(item.code)!;
        if (slots[item.index] !== undefined) header.duplicates.push(text);
        else {
          slots[item.index] = i;
          header.itemHeader.set(i, text);
        }
      });
      header.locale = en > 0 ? 'en' : 'zh-CN';
      return header;
    },
    problems(header, row) {
      const errors: JobError[] = header.duplicates.map((d) => ({
        row,
        field: d,
        message: paperMessage('header.duplicate', { field: d }),
      }));
      if (header.studentNo === undefined) {
        errors.unshift({
          row,
          field: STUDENT_NO_HEADER(header.locale),
          message: paperMessage('header.studentNo-missing'),
        });
      }
      return errors;
    },
    notFound: (rows) => ({ row: 1, field: '', message: paperMessage('header.not-found', { rows, example }) }),
  };
}
