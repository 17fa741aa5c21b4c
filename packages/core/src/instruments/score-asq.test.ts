import { describe, expect, it } from 'vitest';
import { getInstrument } from './registry.js';
import { scoreResponse } from './score.js';
import { InvalidAnswersError } from './validate.js';

const ASQ = getInstrument('asq')!;

describe('ASQ', () => {
  it('all "no" with Q5 not asked → negative, total 0, no flags', () => {
    const r = scoreResponse(ASQ, [0, 0, 0, 0, null]);
    expect(r).toEqual({
      instrument: 'asq',
      version: 1,
      total: 0,
      band: 'negative',
      subscales: {},
      criticalFlags: [],
      valid: true,
      reasons: [
        { code: 'asq_negative', params: { items: [1, 2, 3, 4] } },
        { code: 'band', params: { instrument: 'ASQ', code: 'asq', band: 'negative' } },
      ],
    });
  });

  it('all "no" with Q5 answered "no" → negative', () => {
    expect(scoreResponse(ASQ, [0, 0, 0, 0, 0])).toMatchObject({ band: 'negative', criticalFlags: [] });
  });

  it.each([1, 2, 3, 4])('"yes" to Q%i alone with Q5 "no" → non-acute positive, total 1', (item) => {
    const answers: (number | null)[] = [0, 0, 0, 0, 0];
    answers[item - 1] = 1;
    const r = scoreResponse(ASQ, answers);
    expect(r).toMatchObject({ total: 1, band: 'non_acute_positive', criticalFlags: ['asq_positive'], valid: true });
    expect(r.reasons).toContainEqual({ code: 'asq_item_yes', params: { item } });
  });

  it.each([1, 2, 3, 4])('Q%i left unanswered (refusal) → positive, not counted in total', (item) => {
    const answers: (number | null)[] = [0, 0, 0, 0, 0];
    answers[item - 1] = null;
    const r = scoreResponse(ASQ, answers);
    expect(r).toMatchObject({ total: 0, band: 'non_acute_positive', criticalFlags: ['asq_positive'], valid: true });
    expect(r.reasons).toContainEqual({ code: 'asq_item_refused', params: { item } });
  });

  it('total counts "yes" answers among Q1–Q4', () => {
    expect(scoreResponse(ASQ, [1, 1, 0, 1, 0]).total).toBe(3);
    expect(scoreResponse(ASQ, [1, 1, 1, 1, 0]).total).toBe(4);
    expect(scoreResponse(ASQ, [1, null, 1, null, 0]).total).toBe(2);
  });

  it('positive screen and Q5 "yes" → acute positive', () => {
    const r = scoreResponse(ASQ, [1, 0, 0, 0, 1]);
    expect(r.band).toBe('acute_positive');
    expect(new Set(r.criticalFlags)).toEqual(new Set(['asq_positive', 'asq_acute']));
    expect(r.reasons).toContainEqual({ code: 'asq_acute_yes', params: { item: 5 } });
  });

  it('positive screen and Q5 unanswered → acute positive [PLATFORM]', () => {
    const r = scoreResponse(ASQ, [0, 0, 1, 0, null]);
    expect(r.band).toBe('acute_positive');
    expect(new Set(r.criticalFlags)).toEqual(new Set(['asq_positive', 'asq_acute']));
    expect(r.reasons).toContainEqual({ code: 'asq_acute_unanswered', params: { item: 5 } });
  });

  it('refusal and Q5 unanswered → acute positive', () => {
    const r = scoreResponse(ASQ, [0, null, 0, 0, null]);
    expect(r).toMatchObject({ total: 0, band: 'acute_positive', valid: true });
    expect(new Set(r.criticalFlags)).toEqual(new Set(['asq_positive', 'asq_acute']));
  });

  it('Q5 "yes" is acute even when Q1–Q4 are all "no" [PLATFORM]', () => {
    const r = scoreResponse(ASQ, [0, 0, 0, 0, 1]);
    expect(r).toMatchObject({ total: 0, band: 'acute_positive', criticalFlags: ['asq_acute'], valid: true });
  });

  it('an entirely blank form is a valid acute positive result, not missing data', () => {
    const r = scoreResponse(ASQ, [null, null, null, null, null]);
    expect(r).toMatchObject({ total: 0, band: 'acute_positive', valid: true });
    expect(new Set(r.criticalFlags)).toEqual(new Set(['asq_positive', 'asq_acute']));
    expect(r.reasons.filter((x) => x.code === 'asq_item_refused')).toHaveLength(4);
  });

  it('rejects arrays that do not have 5 entries and codes other than 0/1', () => {
    expect(() => scoreResponse(ASQ, [0, 0, 0, 0])).toThrow(InvalidAnswersError);
    expect(() => scoreResponse(ASQ, [0, 0, 0, 0, 0, 0])).toThrow(InvalidAnswersError);
    expect(() => scoreResponse(ASQ, [0, 2, 0, 0, 0])).toThrow(InvalidAnswersError);
  });
});
