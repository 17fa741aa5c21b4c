import type { InstrumentDefinition } from '../types.js';

/**
 * WHO-5, catalog §8. Low scores are the concerning ones. The official Chinese translation (psykiatri-regionh.dk)
 * was not retrieved, so zh is a platform translation.
 */
export const WHO5: InstrumentDefinition = {
  code: 'who5',
  version: 1,
  name: { en: 'WHO-Five Well-Being Index', zh: 'WHO-5 幸福感指数' },
  shortName: 'WHO-5',
  respondent: 'self',
  // [PLATFORM] the catalog gives no age range; offered with the other secondary-school self-reports.
  audience: { grades: { min: 7, max: 12 } },
  riskScreen: true,
  optional: false,
  stem: {
    en: 'Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.',
    zh: '下面五句话，请分别选出最接近你过去两周感受的一项。',
  },
  // Highest first, as on the WHO form.
  options: [
    { code: 5, label: { en: 'All of the time', zh: '所有时间' } },
    { code: 4, label: { en: 'Most of the time', zh: '大部分时间' } },
    { code: 3, label: { en: 'More than half of the time', zh: '一半以上的时间' } },
    { code: 2, label: { en: 'Less than half of the time', zh: '不到一半的时间' } },
    { code: 1, label: { en: 'Some of the time', zh: '偶尔' } },
    { code: 0, label: { en: 'At no time', zh: '从来没有' } },
  ],
  items: [
    {
      id: 'who5_1',
      number: 1,
      linkId: 'who5_1',
      required: true,
      text: { en: 'I have felt cheerful and in good spirits', zh: '我感到快乐，心情舒畅' },
    },
    {
      id: 'who5_2',
      number: 2,
      linkId: 'who5_2',
      required: true,
      text: { en: 'I have felt calm and relaxed', zh: '我感到平静和放松' },
    },
    {
      id: 'who5_3',
      number: 3,
      linkId: 'who5_3',
      required: true,
      text: { en: 'I have felt active and vigorous', zh: '我感到精力充沛、有活力' },
    },
    {
      id: 'who5_4',
      number: 4,
      linkId: 'who5_4',
      required: true,
      text: { en: 'I woke up feeling fresh and rested', zh: '我醒来时感到神清气爽、休息充分' },
    },
    {
      id: 'who5_5',
      number: 5,
      linkId: 'who5_5',
      required: true,
      text: {
        en: 'My daily life has been filled with things that interest me',
        zh: '我的日常生活中充满了让我感兴趣的事情',
      },
    },
  ],
  scoring: {
    kind: 'who5',
    direction: 'lower_is_worse',
    multiplier: 4,
    rawSubscale: 'raw',
    // [PLATFORM] no published missing-item rule was found.
    missing: { treatment: 'none_allowed' },
    bands: [
      { id: 'likely_depression', label: { en: 'likely depression', zh: '可能存在抑郁' }, min: 0, max: 7 },
      { id: 'poor_wellbeing', label: { en: 'poor well-being', zh: '幸福感较差' }, min: 8, max: 12 },
      { id: 'adequate', label: { en: 'adequate well-being', zh: '幸福感良好' }, min: 13, max: 25 },
    ],
  },
  licence: {
    text: '© World Health Organization, 1998. The WHO-5 may be freely used.',
    source: 'Catalog §8 [S39][S40][S41][S62]; Psychiatric Research Unit, Mental Health Centre North Zealand, Hillerød',
    displayFooter: true,
  },
  translationStatus: {
    zh: 'unverified',
    zhOrigin: 'platform',
    note: 'Platform translation; compare with the official Chinese WHO-5 from psykiatri-regionh.dk before release.',
  },
};
