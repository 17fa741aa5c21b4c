import { describe, expect, it } from 'vitest';
import { suppress, suppressGrid } from './suppression.js';
import { columnShares, tabulate } from './tabulate.js';

describe('suppress', () => {
  it('hides 1–4 and shows 0 and 5+', () => {
    expect(suppress([0, 1, 4, 5, 100], [])).toEqual([false, true, true, false, false]);
  });

  it('hides the next-smallest member of a sum with a single hidden cell', () => {
    // 12 = 3 + 9: showing 12 and 9 would give 3 back, so 9 goes too.
    expect(suppress([12, 3, 9], [{ total: 0, parts: [1, 2] }])).toEqual([false, true, true]);
    // 20 = 3 + 7 + 10: the smallest visible part (7) is hidden with the 3; total and 10 stay.
    expect(suppress([20, 3, 7, 10], [{ total: 0, parts: [1, 2, 3] }])).toEqual([false, true, true, false]);
  });

  it('leaves a sum with two hidden members alone', () => {
    expect(suppress([30, 2, 3, 25], [{ total: 0, parts: [1, 2, 3] }])).toEqual([false, true, true, false]);
  });
});

/**
 * A hand-computed district of two schools, confirmed tiers by school (plus "not yet confirmed"):
 *
 *          t1  t2  t3  un | total
 *   A1     30   6   2   0 |  38
 *   A2     25   3   7   1 |  36
 *   total  55   9   9   1 |  74
 *
 * Primary: A1·t3 (2), A2·t2 (3), A2·un (1) and the un column total (1).
 * Row A1 has one hidden cell → its smallest visible, A1·un (0), goes. Column t2 has one → A1·t2 (6).
 * Column t3 has one → A2·t3 (7). The column totals (55, 9, 9, 1 → 74) have one hidden → t2's total (9,
 * the first of the two nines). Then every sum has 0 or ≥ 2 hidden members.
 */
describe('suppressGrid — hand-computed district', () => {
  const grid = [
    [30, 6, 2, 0],
    [25, 3, 7, 1],
  ];

  it('publishes only what cannot single anyone out', () => {
    expect(suppressGrid(grid)).toEqual({
      cells: [
        [30, null, null, null],
        [25, null, null, null],
      ],
      rowTotals: [38, 36],
      columnTotals: [55, null, 9, null],
      total: 74,
    });
  });

  it('no published sum has exactly one hidden member', () => {
    const out = suppressGrid(grid);
    for (const row of out.cells.map((cells, r) => [...cells, out.rowTotals[r]]))
      expect(row.filter((v) => v === null).length).not.toBe(1);
    for (let c = 0; c < 4; c++)
      expect([...out.cells.map((row) => row[c]), out.columnTotals[c]].filter((v) => v === null).length).not.toBe(1);
  });

  it('hides a whole row total below five', () => {
    const out = suppressGrid([
      [2, 1],
      [20, 30],
    ]);
    expect(out.rowTotals[0]).toBeNull();
    expect(out.cells[0]).toEqual([null, null]);
    // Row 2 has no hidden cells of its own, but columns 1 and 2 each lost one: complements come from row 2.
    expect(out.cells[1]).toEqual([null, null]);
    expect(out.total).toBe(53);
  });
});

describe('tabulate', () => {
  it('sums cells into the listed categories and suppresses', () => {
    const t = tabulate(
      [
        { row: 'g7', column: 'male', n: 20 },
        { row: 'g7', column: 'male', n: 5 },
        { row: 'g7', column: 'female', n: 30 },
        { row: 'g8', column: 'male', n: 40 },
        { row: 'g8', column: 'female', n: 45 },
        { row: 'g9', column: 'female', n: 99 }, // not listed: dropped
      ],
      ['g7', 'g8'],
      ['male', 'female'],
    );
    expect(t.cells).toEqual([
      [25, 30],
      [40, 45],
    ]);
    expect(t.total).toBe(140);
    expect(columnShares(t)).toEqual([0.464, 0.536]);
  });
});
