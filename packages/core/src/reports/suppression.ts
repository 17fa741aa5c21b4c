/**
 * Small-cell suppression for published aggregates. A count of 1–4 students could point at a person, so it
 * is hidden (primary suppression). Because the tables also show totals, one hidden cell in a row or column
 * could be recovered by subtraction; each sum that has exactly one hidden member therefore hides its
 * next-smallest member too (secondary, or complementary, suppression), repeated until no sum has a single
 * hidden member.
 *
 * Zero is shown: "no student in tier 3" names nobody. A zero can still be hidden as a complement.
 */
export const MIN_CELL = 5;

/** `total` is the sum of `parts`; all are indexes into the value list. */
export interface SumRelation {
  total: number;
  parts: readonly number[];
}

export function isPrimarySuppressed(n: number, min = MIN_CELL): boolean {
  return n > 0 && n < min;
}

/**
 * Which values to hide. Sums are processed until a fixpoint; the complement picked is the smallest visible
 * member of the sum (parts before the total on a tie, then the earliest), so the result is deterministic.
 */
export function suppress(values: readonly number[], relations: readonly SumRelation[], min = MIN_CELL): boolean[] {
  const hidden = values.map((n) => isPrimarySuppressed(n, min));
  let changed = true;
  while (changed) {
    changed = false;
    for (const rel of relations) {
      const members = [...rel.parts, rel.total];
      const hiddenCount = members.filter((i) => hidden[i]).length;
      if (hiddenCount !== 1) continue;
      let pick = -1;
      for (const i of members) {
        if (hidden[i]) continue;
        if (pick === -1 || values[i]! < values[pick]!) pick = i;
      }
      if (pick !== -1) {
        hidden[pick] = true;
        changed = true;
      }
    }
  }
  return hidden;
}

/** A published grid: hidden values are null. */
export interface SuppressedGrid {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

/**
 * Suppresses a rows × columns table published with its row totals, column totals and grand total. Each
 * row total is taken as the sum of its row (callers put every category in a column, "unknown" included),
 * so every row, column and the margins form sums that are protected together.
 */
export function suppressGrid(grid: readonly (readonly number[])[], min = MIN_CELL): SuppressedGrid {
  const rows = grid.length;
  const cols = rows ? grid[0]!.length : 0;
  const values: number[] = [];
  const cell = (r: number, c: number) => r * cols + c;
  for (const row of grid) {
    if (row.length !== cols) throw new Error('suppressGrid: ragged grid');
    values.push(...row);
  }
  const rowTotalAt = values.length;
  grid.forEach((row) => values.push(sum(row)));
  const colTotalAt = values.length;
  for (let c = 0; c < cols; c++) values.push(sum(grid.map((row) => row[c]!)));
  const grandAt = values.length;
  values.push(sum(grid.map(sum)));

  const relations: SumRelation[] = [];
  for (let r = 0; r < rows; r++) relations.push({ total: rowTotalAt + r, parts: range(cols).map((c) => cell(r, c)) });
  for (let c = 0; c < cols; c++) relations.push({ total: colTotalAt + c, parts: range(rows).map((r) => cell(r, c)) });
  relations.push({ total: grandAt, parts: range(rows).map((r) => rowTotalAt + r) });
  relations.push({ total: grandAt, parts: range(cols).map((c) => colTotalAt + c) });

  const hidden = suppress(values, relations, min);
  const show = (i: number) => (hidden[i] ? null : values[i]!);
  return {
    cells: range(rows).map((r) => range(cols).map((c) => show(cell(r, c)))),
    rowTotals: range(rows).map((r) => show(rowTotalAt + r)),
    columnTotals: range(cols).map((c) => show(colTotalAt + c)),
    total: show(grandAt),
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
