import type { BilingualText, InstrumentDefinition, InstrumentItem } from '../types.js';

type Subscale = 'internalizing' | 'attention' | 'externalizing';

function item(number: number, subscale: Subscale, en: string, zh: string): InstrumentItem {
  return { id: `psc17_${number}`, number, linkId: `psc17_${number}`, subscale, text: { en, zh } };
}

const SUBSCALE_LABELS: Record<Subscale, BilingualText> = {
  internalizing: { en: 'internalizing', zh: '内化' },
  attention: { en: 'attention', zh: '注意力' },
  externalizing: { en: 'externalizing', zh: '外化' },
};

/**
 * PSC-17 parent form, catalog §7, items in the official interleaved order (not the regrouped web order).
 * Parent-reported: never shown to the student. zh is a platform translation written for parents.
 */
export const PSC17: InstrumentDefinition = {
  code: 'psc17',
  version: 1,
  name: { en: 'Pediatric Symptom Checklist-17', zh: '儿童症状检查表-17（家长版）' },
  shortName: 'PSC-17',
  respondent: 'guardian',
  audience: {
    minAge: 4,
    maxAge: 16,
    grades: { min: 1, max: 4 },
    note: { en: 'Completed by a parent or guardian.', zh: '由家长或监护人填写。' },
  },
  riskScreen: true,
  optional: false,
  stem: {
    en: 'Please mark under the heading that best describes your child',
    zh: '请选择最符合您孩子情况的选项。',
  },
  options: [
    { code: 0, label: { en: 'Never', zh: '从不' } },
    { code: 1, label: { en: 'Sometimes', zh: '有时' } },
    { code: 2, label: { en: 'Often', zh: '经常' } },
  ],
  items: [
    item(1, 'attention', 'Fidgety, unable to sit still', '坐立不安，无法安静地坐着'),
    item(2, 'internalizing', 'Feels sad, unhappy', '感到难过、不开心'),
    item(3, 'attention', 'Daydreams too much', '经常走神、做白日梦'),
    item(4, 'externalizing', 'Refuses to share', '不肯与别人分享'),
    item(5, 'externalizing', "Does not understand other people's feelings", '不理解别人的感受'),
    item(6, 'internalizing', 'Feels hopeless', '感到没有希望'),
    item(7, 'attention', 'Has trouble concentrating', '难以集中注意力'),
    item(8, 'externalizing', 'Fights with other children', '和其他孩子打架'),
    item(9, 'internalizing', 'Is down on him or herself', '看不起自己、否定自己'),
    item(10, 'externalizing', 'Blames others for his or her troubles', '把自己遇到的麻烦归咎于别人'),
    item(11, 'internalizing', 'Seems to be having less fun', '似乎不像以前那样觉得有乐趣'),
    item(12, 'externalizing', 'Does not listen to rules', '不遵守规则'),
    item(13, 'attention', 'Acts as if driven by a motor', '像装了马达一样，停不下来'),
    item(14, 'externalizing', 'Teases others', '取笑、捉弄别人'),
    item(15, 'internalizing', 'Worries a lot', '经常担心很多事情'),
    item(16, 'externalizing', 'Takes things that do not belong to him or her', '拿不属于自己的东西'),
    item(17, 'attention', 'Distracted easily', '容易分心'),
  ],
  scoring: {
    kind: 'psc17',
    totalCutoff: 15,
    subscales: [
      { id: 'internalizing', label: SUBSCALE_LABELS.internalizing, cutoff: 5 },
      { id: 'attention', label: SUBSCALE_LABELS.attention, cutoff: 7 },
      { id: 'externalizing', label: SUBSCALE_LABELS.externalizing, cutoff: 7 },
    ],
    // Published PSC rule: blanks count 0, four or more blanks invalidate the form (catalog §7).
    missing: { treatment: 'zero', maxMissing: 3 },
    bands: {
      totalPositive: { id: 'positive', label: { en: 'positive', zh: '阳性' } },
      subscalePositive: { id: 'subscale_positive', label: { en: 'subscale positive', zh: '分量表阳性' } },
      negative: { id: 'negative', label: { en: 'negative', zh: '阴性' } },
    },
  },
  licence: {
    text:
      'PSC-17 may be freely reproduced. © 1998 M. Jellinek & J.M. Murphy, Massachusetts General Hospital; ' +
      '17-item version by W. Gardner & K. Kelleher (Ambulatory Child Health 1999).',
    source: 'Catalog §7 [S31][S32][S33][S34]',
    displayFooter: true,
  },
  translationStatus: {
    zh: 'unverified',
    zhOrigin: 'platform',
    note: 'Platform translation for parents; no verified Chinese PSC-17 found.',
  },
};
