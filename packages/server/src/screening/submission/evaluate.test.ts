import { DEFAULT_TIER_RULES, getInstrument } from '@yuxin/core';
import { describe, expect, it } from 'vitest';
import { checkDraftAnswers, checkSubmittedAnswers } from './answers.js';
import { evaluateSubmission } from './evaluate.js';

const defs = ['phqa', 'gad7', 'asq'].map((c) => getInstrument(c)!);
const opts = { durationMs: 120_000, tierRules: DEFAULT_TIER_RULES, minSecondsPerItem: 1.5 };
const calm = { phqa: [0, 1, 0, 1, 0, 0, 1, 0, 0], gad7: [1, 0, 1, 0, 0, 1, 0], asq: [0, 0, 0, 0, null] };

describe('evaluateSubmission', () => {
  it('raises nothing for a calm questionnaire', () => {
    const e = evaluateSubmission(defs, calm, opts);
    expect(e.suggestion.tier).toBe(1);
    expect(e.alertReasons).toEqual([]);
    expect(e.scored.map((s) => s.careless)).toEqual([[], [], []]);
  });

  it('explains an ASQ refusal as positive and the unanswered acuity question as acute', () => {
    const e = evaluateSubmission(defs, { ...calm, asq: [0, null, 0, 0, null] }, opts);
    expect(e.suggestion.tier).toBe(3);
    expect(e.alertReasons.map((r) => (r.kind === 'screening' ? `${r.instrument}:${r.reason.code}` : r.kind))).toEqual([
      'asq:asq_item_refused',
      'asq:asq_acute_unanswered',
    ]);
  });

  it('keeps the crisis reason of an invalid PHQ-A (too many blanks) — no total, still an alert', () => {
    const e = evaluateSubmission(defs, { ...calm, phqa: [null, null, null, 0, 0, 0, 0, 0, 1] }, opts);
    const phqa = e.scored[0]!.result;
    expect(phqa.valid).toBe(false);
    expect(phqa.total).toBeNull();
    expect(e.alertReasons).toEqual([
      {
        kind: 'screening',
        instrument: 'phqa',
        version: 1,
        reason: {
          code: 'critical_item',
          params: { instrument: 'PHQ-A', code: 'phqa', item: 9, answer: 1, min: 1, flag: 'phqa_item9' },
        },
      },
    ]);
    expect(e.suggestion.tier).toBe(3);
  });

  it('counts only asked items for speed: ASQ 5 is not asked after four "no"s', () => {
    // 20 asked items × 1.5 s = 30 s; 29.9 s is too fast, 30 s is not.
    expect(evaluateSubmission(defs, calm, { ...opts, durationMs: 29_900 }).scored[0]!.careless).toEqual(['too_fast']);
    expect(evaluateSubmission(defs, calm, { ...opts, durationMs: 30_000 }).scored[0]!.careless).toEqual([]);
  });
});

describe('answer checks', () => {
  it('accept a partial draft but not a code outside the options or an unknown instrument', () => {
    expect(checkDraftAnswers(defs, { phqa: [0, null, 3] }, 'zh-CN')).toEqual([]);
    expect(checkDraftAnswers(defs, { phqa: [0, 4] }, 'zh-CN')).toEqual([
      { field: '/answers/phqa/1', message: 'PHQ-A 第 2 题的答案无效（可选：0/1/2/3）。' },
    ]);
    expect(checkDraftAnswers(defs, { who5: [1] }, 'en')).toEqual([
      { field: '/answers/who5', message: 'This questionnaire has no instrument "who5".' },
    ]);
    expect(checkDraftAnswers(defs, { asq: [0, 0, 0, 0, 0, 0] }, 'en')[0]!.message).toBe(
      'ASQ has 5 questions, but 6 answers were sent.',
    );
  });

  it('require every instrument at full length and every required item on submit', () => {
    expect(checkSubmittedAnswers(defs, calm, 'zh-CN')).toEqual([]);
    expect(checkSubmittedAnswers(defs, { phqa: calm.phqa, gad7: calm.gad7 }, 'zh-CN')).toEqual([
      { field: '/answers/asq', message: 'ASQ 尚未作答。' },
    ]);
    expect(checkSubmittedAnswers(defs, { ...calm, gad7: [0, 0] }, 'en')[0]!.message).toBe(
      'GAD-7 has 7 questions, but 2 answers were sent.',
    );
    // ASQ questions may be left blank (a refusal is an answer); PHQ-A item 9 may not.
    expect(checkSubmittedAnswers(defs, { ...calm, asq: [null, null, null, null, null] }, 'zh-CN')).toEqual([]);
    expect(checkSubmittedAnswers(defs, { ...calm, phqa: [0, 0, 0, 0, 0, 0, 0, 0, null] }, 'en')).toEqual([
      { field: '/answers/phqa/8', message: 'PHQ-A question 9 must be answered before submitting.' },
    ]);
  });
});
