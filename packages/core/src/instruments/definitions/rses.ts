import type { InstrumentDefinition, InstrumentItem } from '../types.js';

function item(number: number, en: string, zh: string, reverse = false): InstrumentItem {
  return {
    id: `rses_${number}`,
    number,
    linkId: `rses_${number}`,
    required: true,
    text: { en, zh },
    ...(reverse ? { reverse } : {}),
  };
}

/**
 * Rosenberg Self-Esteem Scale, catalog §9. Optional and not a risk screen: it must never drive tiers or alerts.
 * The reverse-scored set (2, 5, 6, 8, 9) belongs to this item order; another published order reverses other
 * numbers, so reordering items means a new version with a new reverse set.
 */
export const RSES: InstrumentDefinition = {
  code: 'rses',
  version: 1,
  name: { en: 'Rosenberg Self-Esteem Scale', zh: 'Rosenberg 自尊量表' },
  shortName: 'RSES',
  respondent: 'self',
  // [PLATFORM] the catalog gives no age range; offered with the other secondary-school self-reports.
  audience: { grades: { min: 7, max: 12 } },
  riskScreen: false,
  optional: true,
  stem: {
    en:
      'Below is a list of statements dealing with your general feelings about yourself. Please indicate how strongly ' +
      'you agree or disagree with each statement.',
    zh: '下面是一些关于你对自己总体感受的说法。请表明你对每一句话同意或不同意的程度。',
  },
  options: [
    { code: 3, label: { en: 'Strongly agree', zh: '非常同意' } },
    { code: 2, label: { en: 'Agree', zh: '同意' } },
    { code: 1, label: { en: 'Disagree', zh: '不同意' } },
    { code: 0, label: { en: 'Strongly disagree', zh: '非常不同意' } },
  ],
  items: [
    item(1, 'On the whole, I am satisfied with myself.', '总的来说，我对自己是满意的。'),
    item(2, 'At times I think I am no good at all.', '有时我觉得自己一无是处。', true),
    item(3, 'I feel that I have a number of good qualities.', '我觉得自己有不少优点。'),
    item(4, 'I am able to do things as well as most other people.', '我能像大多数人一样把事情做好。'),
    item(5, 'I feel I do not have much to be proud of.', '我觉得自己没有什么值得骄傲的地方。', true),
    item(6, 'I certainly feel useless at times.', '有时我确实觉得自己没用。', true),
    item(
      7,
      "I feel that I'm a person of worth, at least on an equal plane with others.",
      '我觉得自己是个有价值的人，至少与别人不相上下。',
    ),
    item(8, 'I wish I could have more respect for myself.', '我希望自己能更尊重自己一些。', true),
    item(9, 'All in all, I am inclined to feel that I am a failure.', '总而言之，我倾向于觉得自己是个失败者。', true),
    item(10, 'I take a positive attitude toward myself.', '我对自己持积极的态度。'),
  ],
  scoring: {
    kind: 'sum',
    direction: 'lower_is_worse',
    // [PLATFORM] no published missing-item rule was adopted; any blank invalidates.
    missing: { treatment: 'none_allowed' },
    // [PLATFORM] band ids; the cut-off "below 15 suggests low self-esteem" is published [S45][S47].
    bands: [
      { id: 'low', label: { en: 'low self-esteem', zh: '自尊偏低' }, min: 0, max: 14 },
      { id: 'normal', label: { en: 'normal range', zh: '正常范围' }, min: 15, max: 30 },
    ],
    critical: [],
  },
  licence: {
    text:
      'Rosenberg, M. (1965). Society and the Adolescent Self-Image. Stated by the University of Maryland to be in the ' +
      'public domain (to be confirmed from the original page).',
    source: 'Catalog §9 [S44][S45][S46][S47]',
  },
  translationStatus: {
    zh: 'unverified',
    zhOrigin: 'platform',
    note: 'Platform translation; not compared with published Chinese RSES versions.',
  },
};
