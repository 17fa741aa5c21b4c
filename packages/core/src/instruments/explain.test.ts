import { describe, expect, it } from 'vitest';
import { explainReason } from './explain.js';
import { bandLabel, bandsOf, optionLabel, subscaleLabel } from './labels.js';
import { INSTRUMENTS, getInstrument } from './registry.js';
import type { ScoreReason } from './result.js';
import { scoreResponse } from './score.js';

function both(reason: ScoreReason): [string, string] {
  return [explainReason(reason, 'en'), explainReason(reason, 'zh-CN')];
}

describe('explainReason', () => {
  it('explains a PHQ-A band from a real score', () => {
    const r = scoreResponse(getInstrument('phqa')!, [3, 3, 3, 3, 3, 2, 0, 0, 0]);
    expect(r.total).toBe(17);
    const band = r.reasons.find((x) => x.code === 'total_band')!;
    expect(band).toEqual({
      code: 'total_band',
      params: { instrument: 'PHQ-A', code: 'phqa', total: 17, band: 'moderately_severe', min: 15 },
    });
    expect(both(band)).toEqual(['PHQ-A total 17 ≥ 15 (moderately severe)', 'PHQ-A 总分 17 ≥ 15（中重度）']);
  });

  it('explains the lowest band by its upper bound', () => {
    expect(
      both({ code: 'total_band', params: { instrument: 'PHQ-9', code: 'phq9', total: 3, band: 'none', max: 4 } }),
    ).toEqual(['PHQ-9 total 3 ≤ 4 (none–minimal)', 'PHQ-9 总分 3 ≤ 4（无或极轻微）']);
  });

  it('explains WHO-5 on the raw score with the percentage', () => {
    expect(
      both({
        code: 'total_band',
        params: { instrument: 'WHO-5', code: 'who5', total: 28, raw: 7, band: 'likely_depression', max: 7 },
      }),
    ).toEqual([
      'WHO-5 raw score 7 ≤ 7 (likely depression), percentage score 28',
      'WHO-5 原始分 7 ≤ 7（可能存在抑郁），百分制得分 28',
    ]);
  });

  it('explains ASQ items', () => {
    expect(both({ code: 'asq_item_yes', params: { item: 4 } })).toEqual([
      'ASQ question 4 answered yes',
      'ASQ 第 4 题回答“是”',
    ]);
    expect(both({ code: 'asq_item_refused', params: { item: 2 } })).toEqual([
      'ASQ question 2 not answered (a refusal counts as positive)',
      'ASQ 第 2 题未作答（拒答按阳性处理）',
    ]);
    expect(both({ code: 'asq_acute_yes', params: { item: 5 } })).toEqual([
      'ASQ question 5 (thoughts of suicide right now) answered yes',
      'ASQ 第 5 题（现在是否有自杀念头）回答“是”',
    ]);
    expect(both({ code: 'asq_acute_unanswered', params: { item: 5 } })).toEqual([
      'ASQ question 5 not answered after a positive screen; treated as acute',
      'ASQ 第 5 题在筛查阳性后未作答，按急性处理',
    ]);
    expect(both({ code: 'asq_negative', params: { items: [1, 2, 3, 4] } })).toEqual([
      'ASQ questions 1–4 all answered no',
      'ASQ 第 1–4 题均回答“否”',
    ]);
    expect(both({ code: 'band', params: { instrument: 'ASQ', code: 'asq', band: 'acute_positive' } })).toEqual([
      'ASQ result: acute positive',
      'ASQ 结果：急性阳性',
    ]);
  });

  it('explains a critical item with the answer label', () => {
    expect(
      both({
        code: 'critical_item',
        params: { instrument: 'PHQ-A', code: 'phqa', item: 9, answer: 2, min: 1, flag: 'phqa_item9' },
      }),
    ).toEqual([
      'PHQ-A question 9 answered “More than half the days” (2 ≥ 1): PHQ-A item 9 positive',
      'PHQ-A 第 9 题回答“一半以上的天数”（2 ≥ 1）：PHQ-A 第 9 题阳性',
    ]);
  });

  it('falls back to the raw code when the instrument is unknown', () => {
    expect(
      both({ code: 'critical_item', params: { instrument: 'X', code: 'nope', item: 1, answer: 2, min: 1, flag: 'x' } }),
    ).toEqual(['X question 1 answered 2 (≥ 1): critical flag x', 'X 第 1 题回答 2（≥ 1）：危机标记 x']);
    expect(both({ code: 'band', params: { instrument: 'X', code: 'nope', band: 'weird' } })).toEqual([
      'X result: weird',
      'X 结果：weird',
    ]);
  });

  it('explains missing-item handling', () => {
    expect(both({ code: 'prorated', params: { answered: 8, items: 9, sum: 4, total: 5 } })).toEqual([
      '8 of 9 questions answered; total prorated to 5 (= round(4 × 9 / 8))',
      '共 9 题，作答 8 题；总分按比例折算为 5（= round(4 × 9 / 8)）',
    ]);
    expect(both({ code: 'invalid_missing', params: { missing: 3, maxMissing: 2, unanswered: [2, 5, 7] } })).toEqual([
      'Questions 2, 5, 7 not answered; at most 2 may be missing, so no total is given',
      '第 2、5、7 题未作答（共 3 题），最多允许 2 题，因此不计总分',
    ]);
    expect(both({ code: 'invalid_missing', params: { missing: 1, maxMissing: 0, unanswered: [5] } })).toEqual([
      'Question 5 not answered; every question is needed, so no total is given',
      '第 5 题未作答；本量表须全部作答，因此不计总分',
    ]);
    expect(both({ code: 'missing_counted_zero', params: { missing: 2, maxMissing: 3, unanswered: [3, 7] } })).toEqual([
      'Blank questions 3, 7 counted as 0 (2 blank, at most 3 allowed)',
      '第 3、7 题未作答，按 0 分计（共 2 题，最多允许 3 题）',
    ]);
  });

  it('explains subscales and reverse scoring', () => {
    expect(
      both({
        code: 'subscale_positive',
        params: { instrument: 'PSC-17', code: 'psc17', subscale: 'internalizing', score: 6, cutoff: 5 },
      }),
    ).toEqual(['PSC-17 internalizing subscale 6 ≥ 5', 'PSC-17 内化分量表 6 ≥ 5']);
    expect(both({ code: 'reverse_scored', params: { items: [2, 5, 6, 8, 9] } })).toEqual([
      'Questions 2, 5, 6, 8, 9 are reverse-scored',
      '第 2、5、6、8、9 题为反向计分',
    ]);
  });

  it('uses the labels of a definition passed in, for versions outside the registry', () => {
    const phq9 = getInstrument('phq9')!;
    if (phq9.scoring.kind !== 'sum') throw new Error('unexpected kind');
    const v2 = {
      ...phq9,
      version: 2,
      scoring: {
        ...phq9.scoring,
        bands: phq9.scoring.bands.map((b) => (b.id === 'mild' ? { ...b, label: { en: 'light', zh: '轻' } } : b)),
      },
    };
    const reason: ScoreReason = {
      code: 'total_band',
      params: { instrument: 'PHQ-9', code: 'phq9', total: 6, band: 'mild', min: 5 },
    };
    expect(explainReason(reason, 'en', v2)).toBe('PHQ-9 total 6 ≥ 5 (light)');
    expect(explainReason(reason, 'en')).toBe('PHQ-9 total 6 ≥ 5 (mild)');
  });

  it('renders every reason of real results in both languages without leaking placeholders', () => {
    const cases: [string, (number | null)[]][] = [
      ['phq9', [1, 1, 1, 1, 0, 0, 0, null, 2]],
      ['asq', [1, null, 0, 0, null]],
      ['psc17', [2, 2, 2, 0, 0, 2, 2, 0, 0, 0, 0, 0, 2, 0, 0, 0, null]],
      ['who5', [1, 1, 1, 1, 1]],
      ['rses', [3, 0, 3, 3, 0, 0, 3, 0, 0, 3]],
    ];
    for (const [code, answers] of cases) {
      for (const reason of scoreResponse(getInstrument(code)!, answers).reasons) {
        for (const text of both(reason)) {
          expect(text).not.toMatch(/undefined|NaN|\[object/);
          expect(text.length).toBeGreaterThan(10);
        }
      }
    }
  });
});

describe('labels', () => {
  it('labels every band of every shipped instrument in both languages', () => {
    expect(bandLabel('phq9', 'moderately_severe', 'en')).toBe('moderately severe');
    expect(bandLabel('phq9', 'moderately_severe', 'zh-CN')).toBe('中重度');
    expect(bandLabel('gad7', 'minimal', 'zh-CN')).toBe('极轻微');
    expect(bandLabel('asq', 'non_acute_positive', 'en')).toBe('non-acute positive');
    expect(bandLabel('psc17', 'subscale_positive', 'zh-CN')).toBe('分量表阳性');
    expect(bandLabel('who5', 'poor_wellbeing', 'en')).toBe('poor well-being');
    expect(bandLabel('rses', 'low', 'zh-CN')).toBe('自尊偏低');
    expect(bandLabel('phq2', 'positive', 'zh-CN')).toBe('阳性');
    for (const def of INSTRUMENTS) {
      for (const band of bandsOf(def.scoring)) {
        expect(bandLabel(def.code, band.id, 'en')).toBe(band.label.en);
        expect(bandLabel(def.code, band.id, 'zh-CN')).toBe(band.label.zh);
        expect(band.label.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(band.label.en).toMatch(/^[a-z][a-z –-]*$/);
      }
    }
  });

  it('falls back to the id for unknown bands and subscales', () => {
    expect(bandLabel('phq9', 'nope', 'en')).toBe('nope');
    expect(bandLabel('unknown', 'mild', 'zh-CN')).toBe('mild');
    expect(subscaleLabel('psc17', 'attention', 'zh-CN')).toBe('注意力');
    expect(subscaleLabel('phq9', 'attention', 'en')).toBe('attention');
  });

  it('labels answer options', () => {
    expect(optionLabel('who5', 1, 5, 'en')).toBe('All of the time');
    expect(optionLabel('psc17', 3, 2, 'zh-CN')).toBe('经常');
    expect(optionLabel('psc17', 3, 7, 'zh-CN')).toBeUndefined();
  });
});
