import { describe, expect, it } from 'vitest';
import { getInstrument } from './registry.js';
import { scoreResponse } from './score.js';
import type { InstrumentDefinition } from './types.js';

function def(code: string): InstrumentDefinition {
  const d = getInstrument(code);
  if (!d) throw new Error(`missing ${code}`);
  return d;
}

/** Answers reaching `total` by filling items from the first one with the maximum code. */
function fill(total: number, items: number, max = 3): number[] {
  return Array.from({ length: items }, (_, i) => Math.max(0, Math.min(max, total - i * max)));
}

const PHQ9 = def('phq9');
const PHQA = def('phqa');
const PHQ2 = def('phq2');

describe.each([
  ['phq9', PHQ9, 'phq9_item9'],
  ['phqa', PHQA, 'phqa_item9'],
])('%s', (_code, d, flag) => {
  it('sums items 1–9 item by item (each item contributes its code)', () => {
    for (let item = 1; item <= 9; item++) {
      for (const code of [1, 2, 3]) {
        const answers = Array<number>(9).fill(0);
        answers[item - 1] = code;
        const r = scoreResponse(d, answers);
        expect(r.total).toBe(code);
        expect(r.valid).toBe(true);
        expect(r.criticalFlags).toEqual(item === 9 ? [flag] : []);
      }
    }
  });

  it.each([
    [0, 'none'],
    [4, 'none'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately_severe'],
    [19, 'moderately_severe'],
    [20, 'severe'],
    [27, 'severe'],
  ])('total %i → band %s', (total, band) => {
    const r = scoreResponse(d, fill(total, 9));
    expect(r).toMatchObject({ instrument: d.code, version: 1, total, band, valid: true, subscales: {} });
  });

  it('raises the item-9 flag for answers 1–3 only', () => {
    expect(scoreResponse(d, [0, 0, 0, 0, 0, 0, 0, 0, 0]).criticalFlags).toEqual([]);
    for (const a of [1, 2, 3]) expect(scoreResponse(d, [0, 0, 0, 0, 0, 0, 0, 0, a]).criticalFlags).toEqual([flag]);
    expect(scoreResponse(d, [3, 3, 3, 3, 3, 3, 3, 3, null]).criticalFlags).toEqual([]);
  });

  it('prorates one missing item, rounding .5 up (sum 4 × 9 / 8 = 4.5 → 5, crossing into mild)', () => {
    const r = scoreResponse(d, [1, 1, 1, 1, 0, 0, 0, null, 0]);
    expect(r).toMatchObject({ total: 5, band: 'mild', valid: true });
    expect(r.reasons).toContainEqual({ code: 'prorated', params: { answered: 8, items: 9, sum: 4, total: 5 } });
  });

  it.each([
    // [answers, expected total]: 12 × 9 / 8 = 13.5 → 14; 20 × 9 / 8 = 22.5 → 23; 10 × 9 / 7 = 12.86 → 13; 3 × 9 / 7 = 3.86 → 4
    [[3, 3, 3, 3, 0, 0, 0, 0, null], 14],
    [[3, 3, 3, 3, 3, 3, 2, 0, null], 23],
    [[3, 3, 3, 1, 0, 0, 0, null, null], 13],
    [[null, 1, 1, 1, 0, 0, 0, null, 0], 4],
  ] as const)('prorates %j to %i', (answers, total) => {
    expect(scoreResponse(d, answers).total).toBe(total);
  });

  it('bands the prorated total, not the raw sum', () => {
    // raw 9 (mild) with two blanks → round(9 × 9 / 7) = round(11.57) = 12 (moderate)
    const r = scoreResponse(d, [3, 3, 3, 0, 0, 0, 0, null, null]);
    expect(r).toMatchObject({ total: 12, band: 'moderate' });
  });

  it('is invalid with 3 or more missing items: total and band null', () => {
    const r = scoreResponse(d, [null, null, null, 3, 3, 3, 3, 3, 0]);
    expect(r).toMatchObject({ total: null, band: null, valid: false, criticalFlags: [] });
    expect(r.reasons).toEqual([
      { code: 'invalid_missing', params: { missing: 3, maxMissing: 2, unanswered: [1, 2, 3] } },
    ]);
    expect(scoreResponse(d, Array(9).fill(null)).valid).toBe(false);
  });

  it('keeps the item-9 flag on an invalid response', () => {
    const r = scoreResponse(d, [null, null, null, null, 0, 0, 0, 0, 2]);
    expect(r.valid).toBe(false);
    expect(r.total).toBeNull();
    expect(r.criticalFlags).toEqual([flag]);
    expect(r.reasons).toContainEqual({
      code: 'critical_item',
      params: { instrument: d.shortName, code: d.code, item: 9, answer: 2, min: 1, flag },
    });
  });

  it('explains the band with the lower threshold, and the lowest band with its upper one', () => {
    expect(scoreResponse(d, fill(17, 9)).reasons).toContainEqual({
      code: 'total_band',
      params: { instrument: d.shortName, code: d.code, total: 17, band: 'moderately_severe', min: 15 },
    });
    expect(scoreResponse(d, fill(3, 9)).reasons).toContainEqual({
      code: 'total_band',
      params: { instrument: d.shortName, code: d.code, total: 3, band: 'none', max: 4 },
    });
  });
});

describe('PHQ-A item order', () => {
  it('has depressed mood as item 1 and anhedonia as item 2 (swapped relative to PHQ-9)', () => {
    expect(PHQA.items[0]?.text.en).toBe('Feeling down, depressed, irritable, or hopeless?');
    expect(PHQA.items[1]?.text.en).toBe('Little interest or pleasure in doing things?');
    expect(PHQ9.items[0]?.text.en).toBe('Little interest or pleasure in doing things');
  });
});

describe('PHQ-2', () => {
  it('scores items 1–2 item by item', () => {
    expect(scoreResponse(PHQ2, [2, 0])).toMatchObject({ total: 2, band: 'negative' });
    expect(scoreResponse(PHQ2, [0, 2])).toMatchObject({ total: 2, band: 'negative' });
  });

  it.each([
    [[0, 0], 0, 'negative'],
    [[1, 1], 2, 'negative'],
    [[2, 1], 3, 'positive'],
    [[3, 3], 6, 'positive'],
  ] as const)('%j → %i %s', (answers, total, band) => {
    expect(scoreResponse(PHQ2, answers)).toMatchObject({ total, band, valid: true, criticalFlags: [] });
  });

  it('is invalid with any missing item', () => {
    const r = scoreResponse(PHQ2, [3, null]);
    expect(r).toMatchObject({ total: null, band: null, valid: false });
    expect(r.reasons).toEqual([{ code: 'invalid_missing', params: { missing: 1, maxMissing: 0, unanswered: [2] } }]);
  });
});
