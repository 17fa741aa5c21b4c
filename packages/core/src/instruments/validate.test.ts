import { describe, expect, it } from 'vitest';
import { getInstrument } from './registry.js';
import { scoreResponse } from './score.js';
import { InvalidAnswersError, validateAnswers } from './validate.js';

const PHQ9 = getInstrument('phq9')!;
const WHO5 = getInstrument('who5')!;
const ASQ = getInstrument('asq')!;

describe('validateAnswers', () => {
  it('accepts a complete list and blanks', () => {
    expect(validateAnswers(PHQ9, [0, 1, 2, 3, 0, 1, 2, 3, 0])).toEqual([]);
    expect(validateAnswers(PHQ9, Array(9).fill(null))).toEqual([]);
    expect(validateAnswers(ASQ, [0, 1, null, 0, null])).toEqual([]);
  });

  it('reports a short list at the first missing position', () => {
    expect(validateAnswers(PHQ9, [0, 0, 0, 0, 0, 0, 0, 0])).toEqual([
      { index: 8, item: 9, code: 'wrong_length', allowed: [0, 1, 2, 3], expected: 9, received: 8 },
    ]);
  });

  it('reports a long list at the first superfluous position', () => {
    expect(validateAnswers(PHQ9, Array(10).fill(0))).toEqual([
      { index: 9, item: 10, code: 'wrong_length', allowed: [], expected: 9, received: 10 },
    ]);
  });

  it('treats a non-array body as an empty list', () => {
    expect(validateAnswers(PHQ9, { answers: [] })).toEqual([
      { index: 0, item: 1, code: 'wrong_length', allowed: [0, 1, 2, 3], expected: 9, received: 0 },
    ]);
  });

  it('reports non-integers with the item number', () => {
    expect(validateAnswers(PHQ9, [0, 1.5, 0, '2', 0, 0, Number.NaN, 0, undefined])).toEqual([
      { index: 1, item: 2, code: 'not_integer', allowed: [0, 1, 2, 3] },
      { index: 3, item: 4, code: 'not_integer', allowed: [0, 1, 2, 3] },
      { index: 6, item: 7, code: 'not_integer', allowed: [0, 1, 2, 3] },
      { index: 8, item: 9, code: 'not_integer', allowed: [0, 1, 2, 3] },
    ]);
  });

  it('reports codes outside the item options', () => {
    expect(validateAnswers(PHQ9, [4, 0, -1, 0, 0, 0, 0, 0, 0])).toEqual([
      { index: 0, item: 1, code: 'out_of_range', allowed: [0, 1, 2, 3] },
      { index: 2, item: 3, code: 'out_of_range', allowed: [0, 1, 2, 3] },
    ]);
    expect(validateAnswers(WHO5, [5, 5, 5, 5, 6])).toEqual([
      { index: 4, item: 5, code: 'out_of_range', allowed: [0, 1, 2, 3, 4, 5] },
    ]);
    expect(validateAnswers(ASQ, [0, 0, 3, 0, 0])).toEqual([
      { index: 2, item: 3, code: 'out_of_range', allowed: [0, 1] },
    ]);
  });

  it('honours per-item option overrides', () => {
    const def = {
      ...PHQ9,
      items: PHQ9.items.map((i) =>
        i.number === 1
          ? {
              ...i,
              options: [
                { code: 0, label: { en: 'No', zh: '否' } },
                { code: 5, label: { en: 'Yes', zh: '是' } },
              ],
            }
          : i,
      ),
    };
    expect(validateAnswers(def, [5, 3, 0, 0, 0, 0, 0, 0, 0])).toEqual([]);
    expect(validateAnswers(def, [3, 3, 0, 0, 0, 0, 0, 0, 0])).toEqual([
      { index: 0, item: 1, code: 'out_of_range', allowed: [0, 5] },
    ]);
  });
});

describe('scoreResponse input errors', () => {
  it('throws InvalidAnswersError carrying the errors instead of scoring', () => {
    let caught: unknown;
    try {
      scoreResponse(PHQ9, [0, 0, 0, 0, 0, 0, 0, 0, 7]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidAnswersError);
    expect(caught).toBeInstanceOf(Error);
    const err = caught as InvalidAnswersError;
    expect(err.name).toBe('InvalidAnswersError');
    expect(err.instrument).toBe('phq9');
    expect(err.version).toBe(1);
    expect(err.errors).toEqual([{ index: 8, item: 9, code: 'out_of_range', allowed: [0, 1, 2, 3] }]);
    expect(err.message).toContain('out_of_range at item 9');
  });

  it('throws on wrong length', () => {
    expect(() => scoreResponse(PHQ9, [0, 0])).toThrow(InvalidAnswersError);
  });
});
