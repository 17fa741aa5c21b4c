import type { InstrumentDefinition } from '../types.js';

/**
 * ASQ, catalog §6. Validated as questions asked aloud by a nurse or clinician; self-administration is an
 * adaptation, and any positive still needs an adult the same day. The NIMH Mandarin version was not retrieved,
 * so zh is a platform translation. Follow-up free text ("how? when?", "please describe") is not part of `answers`.
 */
export const ASQ: InstrumentDefinition = {
  code: 'asq',
  version: 1,
  name: { en: 'Ask Suicide-Screening Questions', zh: '自杀风险筛查问题（ASQ）' },
  shortName: 'ASQ',
  respondent: 'self',
  audience: {
    minAge: 10,
    grades: { min: 5, max: 12 },
    note: {
      en: 'Validated in youth 10–21; NIMH toolkit: ages 8 and up. Screen without the parent present where possible.',
      zh: '已在 10–21 岁青少年中验证；NIMH 工具包：8 岁及以上。尽量在家长不在场时进行筛查。',
    },
  },
  riskScreen: true,
  optional: false,
  stem: { en: 'Please answer the following questions.', zh: '请回答下面的问题。' },
  // Yes first, as on the NIMH form.
  options: [
    { code: 1, label: { en: 'Yes', zh: '是' } },
    { code: 0, label: { en: 'No', zh: '否' } },
  ],
  items: [
    {
      id: 'asq_1',
      number: 1,
      linkId: 'asq_1',
      critical: true,
      text: {
        en: 'In the past few weeks, have you wished you were dead?',
        zh: '在过去几周里，你是否曾希望自己已经死了？',
      },
    },
    {
      id: 'asq_2',
      number: 2,
      linkId: 'asq_2',
      critical: true,
      text: {
        en: 'In the past few weeks, have you felt that you or your family would be better off if you were dead?',
        zh: '在过去几周里，你是否曾觉得如果你死了，你自己或你的家人会过得更好？',
      },
    },
    {
      id: 'asq_3',
      number: 3,
      linkId: 'asq_3',
      critical: true,
      text: {
        en: 'In the past week, have you been having thoughts about killing yourself?',
        zh: '在过去一周里，你是否有过想要自杀的念头？',
      },
    },
    {
      id: 'asq_4',
      number: 4,
      linkId: 'asq_4',
      critical: true,
      text: { en: 'Have you ever tried to kill yourself?', zh: '你是否曾经尝试过自杀？' },
    },
    {
      // Asked only after a positive screen; `null` when not asked.
      id: 'asq_5',
      number: 5,
      linkId: 'asq_5',
      critical: true,
      text: { en: 'Are you having thoughts of killing yourself right now?', zh: '你现在是否有自杀的念头？' },
    },
  ],
  scoring: {
    kind: 'asq',
    screenItems: [1, 2, 3, 4],
    acuityItem: 5,
    yesCode: 1,
    flags: { positive: 'asq_positive', acute: 'asq_acute' },
    bands: {
      negative: { id: 'negative', label: { en: 'negative', zh: '阴性' } },
      nonAcutePositive: { id: 'non_acute_positive', label: { en: 'non-acute positive', zh: '非急性阳性' } },
      acutePositive: { id: 'acute_positive', label: { en: 'acute positive', zh: '急性阳性' } },
    },
  },
  licence: {
    text: 'Ask Suicide-Screening Questions (ASQ), National Institute of Mental Health (NIMH) — a free resource.',
    source: 'Catalog §6 [S3][S4][S5]: https://www.nimh.nih.gov/labs-at-nimh/asq-toolkit-materials/index.shtml',
  },
  translationStatus: {
    zh: 'unverified',
    zhOrigin: 'platform',
    note: 'Platform translation; compare with the NIMH "ASQ in other languages" Mandarin version before release.',
  },
};
