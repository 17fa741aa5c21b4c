import { describe, expect, it } from 'vitest';
import { getInstrument } from '../instruments/registry.js';
import { askCondition, askedItemCount, isAsked } from './asked-items.js';
import { detectCareless, isStraightlined, isTooFast, STRAIGHTLINE_MIN_ITEMS } from './careless.js';

describe('too fast', () => {
  it('flags an average below the minimum seconds per item, not at or above it', () => {
    expect(isTooFast(20 * 1499, 20, 1.5)).toBe(true);
    expect(isTooFast(20 * 1500, 20, 1.5)).toBe(false);
    expect(isTooFast(20 * 1501, 20, 1.5)).toBe(false);
    expect(isTooFast(0, 1, 1.5)).toBe(true);
  });

  it('cannot judge without items, and is off when the minimum is 0', () => {
    expect(isTooFast(0, 0, 1.5)).toBe(false);
    expect(isTooFast(10, 20, 0)).toBe(false);
    expect(isTooFast(Number.NaN, 20, 1.5)).toBe(false);
  });
});

describe('straightlining', () => {
  it(`needs at least ${STRAIGHTLINE_MIN_ITEMS} items all with the same answer`, () => {
    expect(isStraightlined([2, 2, 2, 2, 2, 2, 2])).toBe(true);
    expect(isStraightlined([0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(true);
    expect(isStraightlined([2, 2, 2, 2, 2, 2])).toBe(false);
    expect(isStraightlined([2, 2, 2, 2, 2, 2, 1])).toBe(false);
    expect(isStraightlined([1, 2, 2, 2, 2, 2, 2])).toBe(false);
  });

  it('is broken by a blank anywhere', () => {
    expect(isStraightlined([null, null, null, null, null, null, null])).toBe(false);
    expect(isStraightlined([3, 3, 3, null, 3, 3, 3])).toBe(false);
  });
});

describe('detectCareless', () => {
  const phqa = Array<number>(9).fill(1);
  const gad7 = [0, 1, 0, 1, 0, 1, 0];
  const asq = [0, 0, 0, 0, null];

  it('marks every instrument when the whole questionnaire was too fast, and straightlining per instrument', () => {
    const flags = detectCareless({
      instruments: [
        { code: 'phqa', answers: phqa },
        { code: 'gad7', answers: gad7 },
        { code: 'asq', answers: asq },
      ],
      durationMs: 10_000,
      askedItems: 20,
      minSecondsPerItem: 1.5,
    });
    expect(flags).toEqual({ phqa: ['too_fast', 'straightlining'], gad7: ['too_fast'], asq: ['too_fast'] });
  });

  it('leaves a careful submission unflagged, and an unmeasured duration is not too fast', () => {
    const input = { instruments: [{ code: 'gad7', answers: gad7 }], askedItems: 7, minSecondsPerItem: 1.5 };
    expect(detectCareless({ ...input, durationMs: 60_000 })).toEqual({ gad7: [] });
    expect(detectCareless({ ...input, durationMs: null })).toEqual({ gad7: [] });
  });

  it('does not call a short form straightlined (ASQ all "no" is the common honest answer)', () => {
    expect(
      detectCareless({
        instruments: [{ code: 'asq', answers: [0, 0, 0, 0, null] }],
        durationMs: null,
        askedItems: 4,
        minSecondsPerItem: 1.5,
      }),
    ).toEqual({ asq: [] });
  });
});

describe('asked items', () => {
  const asq = getInstrument('asq')!;
  const phqa = getInstrument('phqa')!;
  const q5 = asq.items[4]!;

  it('asks ASQ question 5 only after a yes or a refusal on questions 1–4', () => {
    expect(askCondition(asq, q5)).toEqual({ items: [1, 2, 3, 4], anyAnswerIn: [1], orSkipped: true });
    expect(isAsked(asq, q5, [0, 0, 0, 0, null])).toBe(false);
    expect(isAsked(asq, q5, [0, 0, 0, 1, null])).toBe(true);
    expect(isAsked(asq, q5, [0, null, 0, 0, null])).toBe(true);
    expect(askedItemCount(asq, [0, 0, 0, 0, null])).toBe(4);
    expect(askedItemCount(asq, [1, 0, 0, 0, 0])).toBe(5);
  });

  it('always asks every item of an unconditional instrument', () => {
    expect(phqa.items.map((i) => askCondition(phqa, i))).toEqual(Array(9).fill(null));
    expect(askedItemCount(phqa, Array(9).fill(null))).toBe(9);
  });
});
