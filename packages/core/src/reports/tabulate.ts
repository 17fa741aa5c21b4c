import { MIN_CELL, suppressGrid } from './suppression.js';

/** One pre-aggregated count: `row` and `column` are category keys (a grade, a gender, a band…). */
export interface CountCell {
  row: string;
  column: string;
  n: number;
}

/** A cross-tabulation as published: suppressed counts are null, so no client can show them. */
export interface PublishedTable {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

/**
 * Sums counts into a rows × columns grid in the given order and suppresses it. Keys outside the lists are
 * dropped, so callers list every category (an "unconfirmed" or "unknown" column) to keep totals whole.
 */
export function tabulate(
  cells: readonly CountCell[],
  rows: readonly string[],
  columns: readonly string[],
  min = MIN_CELL,
): PublishedTable {
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const columnIndex = new Map(columns.map((c, i) => [c, i]));
  const grid = rows.map(() => columns.map(() => 0));
  for (const cell of cells) {
    const r = rowIndex.get(cell.row);
    const c = columnIndex.get(cell.column);
    if (r === undefined || c === undefined) continue;
    grid[r]![c]! += cell.n;
  }
  return { rows: [...rows], columns: [...columns], ...suppressGrid(grid, min) };
}

/** A share with one decimal of a percent, or null when either side is hidden or there is nobody. */
export function shareOf(part: number | null, whole: number | null): number | null {
  if (part == null || whole == null || whole === 0) return null;
  return Math.round((part / whole) * 1000) / 1000;
}

/** The shares of each column in the table's grand total: the "compared with the level above" figures. */
export function columnShares(table: PublishedTable): (number | null)[] {
  return table.columnTotals.map((n) => shareOf(n, table.total));
}
