import { describe, expect, it } from 'vitest';
import { getInstrument } from './registry.js';
import { scoreResponse } from './score.js';

const RSES = getInstrument('rses')!;
const REVERSED = [2, 5, 6, 8, 9];

/** Answers that score `score` on every item (reversed items answered 3 − score). */
function uniform(score: number): number[] {
  return Array.from({ length: 10 }, (_, i) => (REVERSED.includes(i + 1) ? 3 - score : score));
}

describe('RSES', () => {
  it('is optional and never a risk screen', () => {
    expect(RSES.optional).toBe(true);
    expect(RSES.riskScreen).toBe(false);
  });

  it('reverse-scores items 2, 5, 6, 8, 9 item by item (3 − code)', () => {
    for (let item = 1; item <= 10; item++) {
      // "Strongly agree" (3) on one item and the lowest-scoring answer elsewhere.
      const answers = uniform(0);
      answers[item - 1] = 3;
      const expected = REVERSED.includes(item) ? 0 : 3;
      expect(scoreResponse(RSES, answers).total).toBe(expected);
    }
  });

  it('"strongly agree" to everything scores 15 (5 positive × 3 + 5 reversed × 0)', () => {
    expect(scoreResponse(RSES, Array(10).fill(3))).toMatchObject({ total: 15, band: 'normal' });
  });

  it.each([
    [0, 0, 'low'],
    [3, 30, 'normal'],
  ])('uniform item score %i → total %i (%s)', (score, total, band) => {
    expect(scoreResponse(RSES, uniform(score))).toMatchObject({ total, band, valid: true, criticalFlags: [] });
  });

  it('total 14 → low, 15 → normal', () => {
    const at14 = uniform(1); // 10
    at14[0] = 3; // +2
    at14[2] = 3; // +2 → 14
    const r14 = scoreResponse(RSES, at14);
    expect(r14).toMatchObject({ total: 14, band: 'low' });
    expect(r14.reasons).toEqual([
      { code: 'reverse_scored', params: { items: REVERSED } },
      { code: 'total_band', params: { instrument: 'RSES', code: 'rses', total: 14, band: 'low', max: 14 } },
    ]);
    const at15 = [...at14];
    at15[1] = 1; // item 2 reversed: 3 − 1 = 2, was 3 − 2 = 1 → +1
    expect(scoreResponse(RSES, at15)).toMatchObject({ total: 15, band: 'normal' });
  });

  it('is invalid with any missing item [PLATFORM]', () => {
    const answers: (number | null)[] = uniform(3);
    answers[4] = null;
    expect(scoreResponse(RSES, answers)).toMatchObject({ total: null, band: null, valid: false });
  });
});
