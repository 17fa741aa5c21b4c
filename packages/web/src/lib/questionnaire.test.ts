import { describe, expect, it } from 'vitest';
import type { QuestionnaireInstrument } from '../api/screening';
import { isAsked, missingRequired, normalizeAnswers, resumeIndex, visibleSteps, withAnswer } from './questionnaire';

const freq = [0, 1, 2, 3].map((code) => ({ code, label: `o${code}` }));
const yesNo = [
  { code: 1, label: 'yes' },
  { code: 0, label: 'no' },
];
const item = (number: number, extra: Partial<QuestionnaireInstrument['items'][number]> = {}) => ({
  number,
  linkId: `i${number}`,
  text: `q${number}`,
  required: false,
  ...extra,
});

const PHQ: QuestionnaireInstrument = {
  code: 'phqa',
  version: 1,
  name: 'PHQ-A',
  shortName: 'PHQ-A',
  instructions: '',
  options: freq,
  footer: null,
  items: [item(1), item(2), item(3, { required: true })],
};
const ASQ: QuestionnaireInstrument = {
  code: 'asq',
  version: 1,
  name: 'ASQ',
  shortName: 'ASQ',
  instructions: '',
  options: yesNo,
  footer: null,
  items: [
    item(1),
    item(2),
    item(3),
    item(4),
    item(5, { askedWhen: { items: [1, 2, 3, 4], anyAnswerIn: [1], orSkipped: true } }),
  ],
};
const ALL = [PHQ, ASQ];

describe('the questionnaire', () => {
  it('asks ASQ 5 only after a yes or a skipped screening question', () => {
    expect(isAsked(ASQ.items[4]!, [0, 0, 0, 0])).toBe(false);
    expect(isAsked(ASQ.items[4]!, [0, 1, 0, 0])).toBe(true);
    expect(isAsked(ASQ.items[4]!, [0, null, 0, 0])).toBe(true);
    expect(visibleSteps(ALL, { phqa: [0, 0, 0], asq: [0, 0, 0, 0] })).toHaveLength(7);
    expect(visibleSteps(ALL, { phqa: [0, 0, 0], asq: [1, 0, 0, 0] })).toHaveLength(8);
  });

  it('sends one entry per item, blanks for skipped and for questions no longer asked', () => {
    let a = withAnswer(ALL, {}, { instrument: 1, item: 0 }, 1);
    a = withAnswer(ALL, a, { instrument: 1, item: 4 }, 1);
    expect(normalizeAnswers(ALL, a)).toEqual({ phqa: [null, null, null], asq: [1, null, null, null, 1] });
    // The yes is taken back and every screening question answered no: question 5 was not asked.
    a = { ...a, asq: [0, 0, 0, 0, 1] };
    expect(normalizeAnswers(ALL, a)).toEqual({ phqa: [null, null, null], asq: [0, 0, 0, 0, null] });
    expect(normalizeAnswers(ALL, { phqa: [7, 2, 1] }).phqa).toEqual([null, 2, 1]);
  });

  it('finds required questions left blank (PHQ item 9)', () => {
    expect(missingRequired(ALL, { phqa: [0, 0, null], asq: [0, 0, 0, 0] })).toEqual([{ instrument: 0, item: 2 }]);
    expect(missingRequired(ALL, { phqa: [null, null, 2], asq: [] })).toEqual([]);
  });

  it('resumes at the saved position, else at the first blank', () => {
    const answers = { phqa: [1, 2, 0] };
    expect(resumeIndex(ALL, answers, { instrument: 'phqa', item: 1 })).toBe(1);
    expect(resumeIndex(ALL, answers, null)).toBe(3);
    // A saved position on a question no longer asked: the first blank, or the last question.
    expect(resumeIndex(ALL, { phqa: [1, null, 0], asq: [0, 0, 0, 0] }, { instrument: 'asq', item: 4 })).toBe(1);
    expect(resumeIndex(ALL, { phqa: [1, 2, 0], asq: [0, 0, 0, 0] }, { instrument: 'asq', item: 4 })).toBe(6);
  });
});
