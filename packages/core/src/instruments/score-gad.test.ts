import { describe, expect, it } from 'vitest';
import { getInstrument } from './registry.js';
import { scoreResponse } from './score.js';

const GAD7 = getInstrument('gad7')!;
const GAD2 = getInstrument('gad2')!;

function fill(total: number, items: number): number[] {
  return Array.from({ length: items }, (_, i) => Math.max(0, Math.min(3, total - i * 3)));
}

describe('GAD-7', () => {
  it('sums items 1–7 item by item', () => {
    for (let item = 1; item <= 7; item++) {
      const answers = Array<number>(7).fill(0);
      answers[item - 1] = 3;
      expect(scoreResponse(GAD7, answers)).toMatchObject({ total: 3, band: 'minimal', criticalFlags: [] });
    }
  });

  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [13, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('total %i → %s (Spitzer bands, not the 10–13/14–18 hospital variant)', (total, band) => {
    expect(scoreResponse(GAD7, fill(total, 7))).toMatchObject({ total, band, valid: true });
  });

  it('prorates one missing item with .5 rounding up: 9 × 7 / 6 = 10.5 → 11 (moderate)', () => {
    const r = scoreResponse(GAD7, [3, 3, 3, 0, 0, 0, null]);
    expect(r).toMatchObject({ total: 11, band: 'moderate', valid: true });
    expect(r.reasons[0]).toEqual({ code: 'prorated', params: { answered: 6, items: 7, sum: 9, total: 11 } });
  });

  it('prorates 3 × 7 / 6 = 3.5 → 4 and 4 × 7 / 6 = 4.67 → 5', () => {
    expect(scoreResponse(GAD7, [null, 1, 1, 1, 0, 0, 0]).total).toBe(4);
    expect(scoreResponse(GAD7, [null, 1, 1, 1, 1, 0, 0])).toMatchObject({ total: 5, band: 'mild' });
  });

  it('is invalid with two missing items', () => {
    const r = scoreResponse(GAD7, [3, 3, 3, 3, 3, null, null]);
    expect(r).toMatchObject({ total: null, band: null, valid: false, criticalFlags: [] });
    expect(r.reasons).toEqual([{ code: 'invalid_missing', params: { missing: 2, maxMissing: 1, unanswered: [6, 7] } }]);
  });
});

describe('GAD-2', () => {
  it.each([
    [[0, 0], 0, 'negative'],
    [[2, 0], 2, 'negative'],
    [[0, 2], 2, 'negative'],
    [[1, 2], 3, 'positive'],
    [[3, 3], 6, 'positive'],
  ] as const)('%j → %i %s', (answers, total, band) => {
    expect(scoreResponse(GAD2, answers)).toMatchObject({ total, band, valid: true, criticalFlags: [] });
  });

  it('is invalid with any missing item', () => {
    expect(scoreResponse(GAD2, [null, 3])).toMatchObject({ total: null, band: null, valid: false });
  });
});
