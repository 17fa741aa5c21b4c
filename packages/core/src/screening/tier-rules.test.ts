import { describe, expect, it } from 'vitest';
import { getInstrument } from '../instruments/registry.js';
import type { ScoreResult } from '../instruments/result.js';
import { scoreResponse } from '../instruments/score.js';
import { DEFAULT_TIER_RULES, suggestTier, type TierRuleSet } from './tier-rules.js';

function score(code: string, answers: (number | null)[]): ScoreResult {
  return scoreResponse(getInstrument(code)!, answers);
}

/** Answers of `items` items reaching `total` with codes up to `max`, filled from the first item. */
function totalOf(total: number, items: number, max: number): number[] {
  return Array.from({ length: items }, (_, i) => Math.max(0, Math.min(max, total - i * max)));
}

/** Like totalOf, but item 9 (the suicide item) stays 0 so only the total decides. */
function phqTotal(total: number): number[] {
  const answers = totalOf(total, 8, 3);
  return [...answers, 0];
}

const tierOf = (...results: ScoreResult[]) => suggestTier(results).tier;

describe('default tier rules — PHQ-9 and PHQ-A', () => {
  for (const code of ['phq9', 'phqa']) {
    it.each([
      [0, 1],
      [9, 1],
      [10, 2],
      [14, 2],
      [15, 3],
      [19, 3],
      [20, 3],
      [24, 3],
    ])(`${code} total %i → tier %i`, (total, tier) => {
      const r = score(code, phqTotal(total));
      expect(r.total).toBe(total);
      expect(tierOf(r)).toBe(tier);
    });

    it(`${code} item 9 answered 1 is tier 3 whatever the total`, () => {
      const answers = Array<number>(9).fill(0);
      answers[8] = 1;
      const s = suggestTier([score(code, answers)]);
      expect(s.tier).toBe(3);
      expect(s.reasons).toEqual([
        { instrument: code, rule: 'critical_flag', tier: 3, band: 'none', total: 1, flags: [`${code}_item9`] },
      ]);
    });

    it(`${code} with three blanks is invalid but item 9 still makes it tier 3`, () => {
      const s = suggestTier([score(code, [null, null, null, 0, 0, 0, 0, 0, 2])]);
      expect(s.tier).toBe(3);
      expect(s.reasons).toEqual([
        { instrument: code, rule: 'critical_flag', tier: 3, band: null, total: null, flags: [`${code}_item9`] },
        { instrument: code, rule: 'invalid_response', tier: 1 },
      ]);
    });

    it(`${code} invalid without a flag stays tier 1 and says why`, () => {
      const s = suggestTier([score(code, [null, null, null, 3, 3, 3, 3, 3, 0])]);
      expect(s).toEqual({ tier: 1, reasons: [{ instrument: code, rule: 'invalid_response', tier: 1 }] });
    });
  }
});

describe('default tier rules — GAD-7', () => {
  it.each([
    [4, 1],
    [9, 1],
    [10, 2],
    [14, 2],
    [15, 3],
    [21, 3],
  ])('total %i → tier %i', (total, tier) => {
    const r = score('gad7', totalOf(total, 7, 3));
    expect(r.total).toBe(total);
    expect(tierOf(r)).toBe(tier);
  });
});

describe('default tier rules — ASQ', () => {
  it('negative → tier 1; positive, acute and refusals → tier 3', () => {
    expect(tierOf(score('asq', [0, 0, 0, 0, null]))).toBe(1);
    expect(tierOf(score('asq', [0, 0, 0, 1, 0]))).toBe(3);
    expect(tierOf(score('asq', [1, 0, 0, 0, 1]))).toBe(3);
    expect(tierOf(score('asq', [0, null, 0, 0, 0]))).toBe(3);
  });

  it('names the flags of an acute positive', () => {
    const s = suggestTier([score('asq', [1, 0, 0, 0, null])]);
    expect(s.reasons[0]).toMatchObject({ instrument: 'asq', rule: 'critical_flag', tier: 3 });
    expect(new Set(s.reasons[0]!.flags)).toEqual(new Set(['asq_positive', 'asq_acute']));
  });
});

describe('default tier rules — PSC-17 (guardian report)', () => {
  const zeros = () => Array<number>(17).fill(0);
  it('total ≥ 15 is positive → tier 2; 14 without a subscale → tier 1', () => {
    const positive = totalOf(15, 17, 2);
    // Spread so no subscale decides: the same total split over all items.
    const fourteen = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0];
    expect(score('psc17', positive).band).toBe('positive');
    expect(tierOf(score('psc17', positive))).toBe(2);
    const r = score('psc17', fourteen);
    expect(r.total).toBe(14);
    expect(r.band).toBe('negative');
    expect(tierOf(r)).toBe(1);
  });

  it('internalizing 5 (items 2, 6, 9, 11, 15) is subscale positive → tier 2; 4 is not', () => {
    const five = zeros();
    five[1] = 2;
    five[5] = 2;
    five[8] = 1;
    expect(score('psc17', five).band).toBe('subscale_positive');
    expect(tierOf(score('psc17', five))).toBe(2);
    five[8] = 0;
    expect(tierOf(score('psc17', five))).toBe(1);
  });
});

describe('default tier rules — WHO-5 (lower is worse)', () => {
  it.each([
    [7, 'likely_depression', 2],
    [8, 'poor_wellbeing', 2],
    [12, 'poor_wellbeing', 2],
    [13, 'adequate', 1],
    [25, 'adequate', 1],
  ])('raw %i (%s) → tier %i', (raw, band, tier) => {
    const r = score('who5', totalOf(raw, 5, 5));
    expect(r.band).toBe(band);
    expect(tierOf(r)).toBe(tier);
  });
});

describe('default tier rules — pre-screens and RSES', () => {
  it.each(['phq2', 'gad2'])('%s: 2 → tier 1, 3 → tier 2', (code) => {
    expect(tierOf(score(code, [1, 1]))).toBe(1);
    expect(tierOf(score(code, [2, 1]))).toBe(2);
  });

  it('RSES never moves a tier, even at its lowest', () => {
    const lowest = [0, 3, 0, 0, 3, 3, 0, 3, 3, 0];
    const r = score('rses', lowest);
    expect(r.total).toBe(0);
    expect(suggestTier([r])).toEqual({ tier: 1, reasons: [] });
  });
});

describe('suggestTier', () => {
  it('takes the highest tier and keeps the reasons of lower non-default tiers', () => {
    const gadModerate = score('gad7', totalOf(10, 7, 3));
    const phqSevere = score('phqa', phqTotal(20));
    const s = suggestTier([gadModerate, phqSevere]);
    expect(s.tier).toBe(3);
    expect(s.reasons).toEqual([
      { instrument: 'phqa', rule: 'band', tier: 3, band: 'severe', total: 20, flags: undefined },
      { instrument: 'gad7', rule: 'band', tier: 2, band: 'moderate', total: 10, flags: undefined },
    ]);
  });

  it('is tier 1 with no reasons for no results', () => {
    expect(suggestTier([])).toEqual({ tier: 1, reasons: [] });
  });

  it('applies a city rule set: totalAtLeast, named flags, and any-instrument conditions', () => {
    const rules: TierRuleSet = {
      id: 'city',
      version: '1',
      rules: [
        { tier: 3, when: [{ instrument: 'asq', flags: ['asq_acute'] }] },
        {
          tier: 2,
          when: [
            { instrument: 'phqa', totalAtLeast: 8 },
            { instrument: '*', anyCriticalFlag: true },
          ],
        },
      ],
    };
    expect(suggestTier([score('phqa', phqTotal(8))], rules)).toMatchObject({
      tier: 2,
      reasons: [{ rule: 'total', total: 8 }],
    });
    expect(suggestTier([score('phqa', phqTotal(7))], rules).tier).toBe(1);
    expect(suggestTier([score('asq', [1, 0, 0, 0, 0])], rules)).toMatchObject({
      tier: 2,
      reasons: [{ rule: 'critical_flag', tier: 2 }],
    });
    expect(suggestTier([score('asq', [1, 0, 0, 0, 1])], rules)).toMatchObject({
      tier: 3,
      reasons: [
        { rule: 'flag', tier: 3 },
        { rule: 'critical_flag', tier: 2 },
      ],
    });
    // totalAtLeast never matches an invalid response, which has no total.
    expect(suggestTier([score('phqa', [null, null, null, 3, 3, 3, 3, 3, 0])], rules).tier).toBe(1);
  });

  it('the default rule set is the documented one', () => {
    expect(DEFAULT_TIER_RULES.rules.map((r) => r.tier)).toEqual([3, 2]);
  });
});
