import { describe, expect, it } from 'vitest';
import { getInstrument } from './registry.js';
import { scoreResponse } from './score.js';

const PSC17 = getInstrument('psc17')!;

/** Official interleaved order (catalog §7). */
const INTERNALIZING = [2, 6, 9, 11, 15];
const ATTENTION = [1, 3, 7, 13, 17];
const EXTERNALIZING = [4, 5, 8, 10, 12, 14, 16];

/** Answers with the given per-item codes (1-based item → code), every other item 0. */
function answers(codes: Record<number, number | null>): (number | null)[] {
  return Array.from({ length: 17 }, (_, i) => (i + 1 in codes ? codes[i + 1]! : 0));
}

/** Spread `score` over the items of a subscale, 2 per item, from the first item. */
function spread(items: number[], score: number): Record<number, number> {
  const out: Record<number, number> = {};
  items.forEach((item, i) => {
    out[item] = Math.max(0, Math.min(2, score - i * 2));
  });
  return out;
}

describe('PSC-17', () => {
  it('assigns every item to its subscale in the official interleaved order', () => {
    for (const [subscale, items] of [
      ['internalizing', INTERNALIZING],
      ['attention', ATTENTION],
      ['externalizing', EXTERNALIZING],
    ] as const) {
      for (const item of items) {
        const r = scoreResponse(PSC17, answers({ [item]: 2 }));
        expect(r.total).toBe(2);
        expect(r.subscales[subscale]?.score).toBe(2);
        const others = Object.entries(r.subscales).filter(([id]) => id !== subscale);
        expect(others.map(([, s]) => s.score)).toEqual([0, 0]);
      }
    }
  });

  it('returns the three subscale scores with cut-offs and positive state', () => {
    const r = scoreResponse(
      PSC17,
      answers({ ...spread(INTERNALIZING, 3), ...spread(ATTENTION, 2), ...spread(EXTERNALIZING, 4) }),
    );
    expect(r.subscales).toEqual({
      internalizing: { score: 3, cutoff: 5, positive: false },
      attention: { score: 2, cutoff: 7, positive: false },
      externalizing: { score: 4, cutoff: 7, positive: false },
    });
    expect(r).toMatchObject({ total: 9, band: 'negative', valid: true, criticalFlags: [] });
  });

  it('total 14 with no subscale at its cut-off → negative; total 15 → positive', () => {
    const at14 = answers({ ...spread(INTERNALIZING, 4), ...spread(ATTENTION, 6), ...spread(EXTERNALIZING, 4) });
    expect(scoreResponse(PSC17, at14)).toMatchObject({ total: 14, band: 'negative' });
    const at15 = answers({ ...spread(INTERNALIZING, 4), ...spread(ATTENTION, 6), ...spread(EXTERNALIZING, 5) });
    const r = scoreResponse(PSC17, at15);
    expect(r).toMatchObject({ total: 15, band: 'positive' });
    expect(r.reasons[0]).toEqual({
      code: 'total_band',
      params: { instrument: 'PSC-17', code: 'psc17', total: 15, band: 'positive', min: 15 },
    });
  });

  it.each([
    ['internalizing', INTERNALIZING, 5],
    ['attention', ATTENTION, 7],
    ['externalizing', EXTERNALIZING, 7],
  ] as const)('%s: cutoff−1 → negative, cutoff %i → subscale_positive', (subscale, items, cutoff) => {
    const below = scoreResponse(PSC17, answers(spread([...items], cutoff - 1)));
    expect(below).toMatchObject({ total: cutoff - 1, band: 'negative' });
    expect(below.subscales[subscale]).toEqual({ score: cutoff - 1, cutoff, positive: false });

    const at = scoreResponse(PSC17, answers(spread([...items], cutoff)));
    expect(at).toMatchObject({ total: cutoff, band: 'subscale_positive' });
    expect(at.subscales[subscale]).toEqual({ score: cutoff, cutoff, positive: true });
    expect(at.reasons).toEqual([
      { code: 'subscale_positive', params: { instrument: 'PSC-17', code: 'psc17', subscale, score: cutoff, cutoff } },
      { code: 'band', params: { instrument: 'PSC-17', code: 'psc17', band: 'subscale_positive' } },
    ]);
  });

  it('a positive total wins over subscale positives, which are still reported', () => {
    const r = scoreResponse(PSC17, answers({ ...spread(INTERNALIZING, 10), ...spread(ATTENTION, 6) }));
    expect(r).toMatchObject({ total: 16, band: 'positive' });
    expect(r.subscales['internalizing']).toEqual({ score: 10, cutoff: 5, positive: true });
    expect(r.reasons.map((x) => x.code)).toEqual(['total_band', 'subscale_positive']);
  });

  it('counts up to 3 blanks as 0 without prorating', () => {
    const r = scoreResponse(PSC17, answers({ ...spread(ATTENTION, 8), 2: null, 4: null, 6: null }));
    expect(r).toMatchObject({ total: 8, band: 'subscale_positive', valid: true });
    expect(r.subscales['attention']).toEqual({ score: 8, cutoff: 7, positive: true });
    expect(r.reasons[0]).toEqual({
      code: 'missing_counted_zero',
      params: { missing: 3, maxMissing: 3, unanswered: [2, 4, 6] },
    });
  });

  it('is invalid with 4 blanks: total, band and subscale scores null', () => {
    const r = scoreResponse(PSC17, answers({ ...spread(ATTENTION, 10), 2: null, 4: null, 6: null, 8: null }));
    expect(r).toMatchObject({ total: null, band: null, valid: false, criticalFlags: [] });
    expect(r.subscales).toEqual({
      internalizing: { score: null, cutoff: 5, positive: null },
      attention: { score: null, cutoff: 7, positive: null },
      externalizing: { score: null, cutoff: 7, positive: null },
    });
    expect(r.reasons).toEqual([
      { code: 'invalid_missing', params: { missing: 4, maxMissing: 3, unanswered: [2, 4, 6, 8] } },
    ]);
  });

  it('maximum form: total 34, every subscale positive', () => {
    const r = scoreResponse(PSC17, Array(17).fill(2));
    expect(r).toMatchObject({ total: 34, band: 'positive' });
    expect(r.subscales).toEqual({
      internalizing: { score: 10, cutoff: 5, positive: true },
      attention: { score: 10, cutoff: 7, positive: true },
      externalizing: { score: 14, cutoff: 7, positive: true },
    });
  });
});
