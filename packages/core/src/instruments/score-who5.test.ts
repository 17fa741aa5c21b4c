import { describe, expect, it } from 'vitest';
import { getInstrument } from './registry.js';
import { scoreResponse } from './score.js';
import { InvalidAnswersError } from './validate.js';

const WHO5 = getInstrument('who5')!;

function fill(raw: number): number[] {
  return Array.from({ length: 5 }, (_, i) => Math.max(0, Math.min(5, raw - i * 5)));
}

describe('WHO-5', () => {
  it('sums items item by item; total is the percentage raw × 4 and raw is returned as a subscale', () => {
    for (let item = 1; item <= 5; item++) {
      const answers = Array<number>(5).fill(0);
      answers[item - 1] = 5;
      const r = scoreResponse(WHO5, answers);
      expect(r.total).toBe(20);
      expect(r.subscales).toEqual({ raw: { score: 5 } });
    }
  });

  it.each([
    [0, 0, 'likely_depression'],
    [7, 28, 'likely_depression'],
    [8, 32, 'poor_wellbeing'],
    [12, 48, 'poor_wellbeing'],
    [13, 52, 'adequate'],
    [25, 100, 'adequate'],
  ])('raw %i → %i %% → %s', (raw, total, band) => {
    const r = scoreResponse(WHO5, fill(raw));
    expect(r).toMatchObject({ total, band, valid: true, criticalFlags: [], subscales: { raw: { score: raw } } });
  });

  it('explains bands on the raw score towards the low (concerning) end', () => {
    expect(scoreResponse(WHO5, fill(10)).reasons).toEqual([
      {
        code: 'total_band',
        params: { instrument: 'WHO-5', code: 'who5', total: 40, raw: 10, band: 'poor_wellbeing', max: 12 },
      },
    ]);
    expect(scoreResponse(WHO5, fill(20)).reasons).toEqual([
      {
        code: 'total_band',
        params: { instrument: 'WHO-5', code: 'who5', total: 80, raw: 20, band: 'adequate', min: 13 },
      },
    ]);
  });

  it('accepts option codes 0–5 and rejects 6', () => {
    expect(scoreResponse(WHO5, [5, 4, 3, 2, 1]).total).toBe(60);
    expect(() => scoreResponse(WHO5, [6, 0, 0, 0, 0])).toThrow(InvalidAnswersError);
  });

  it('is invalid with any missing item', () => {
    const r = scoreResponse(WHO5, [5, 5, 5, 5, null]);
    expect(r).toMatchObject({ total: null, band: null, valid: false, subscales: { raw: { score: null } } });
    expect(r.reasons).toEqual([{ code: 'invalid_missing', params: { missing: 1, maxMissing: 0, unanswered: [5] } }]);
  });
});
