import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type Cell = string | number | boolean | null | undefined | string[];

/** COPY's text format: tab-separated, \N for null, backslash escapes, arrays as {a,b}. */
function encode(cell: Cell): string {
  if (cell === null || cell === undefined) return '\\N';
  if (Array.isArray(cell)) return `{${cell.join(',')}}`;
  if (typeof cell === 'boolean') return cell ? 't' : 'f';
  return String(cell).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

export interface CopyProgress {
  (table: string, rows: number, done: boolean): void;
}

/** Streams rows into a table with COPY, batching lines into chunks so the generator never builds one huge string. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  rows: Iterable<Cell[]>,
  progress?: CopyProgress,
) {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  let count = 0;
  function* chunks() {
    let buf: string[] = [];
    for (const row of rows) {
      buf.push(row.map(encode).join('\t'));
      count++;
      if (buf.length === 5000) {
        yield buf.join('\n') + '\n';
        buf = [];
        if (count % 100_000 === 0) progress?.(table, count, false);
      }
    }
    if (buf.length) yield buf.join('\n') + '\n';
  }
  await pipeline(Readable.from(chunks()), stream);
  progress?.(table, count, true);
  return count;
}
