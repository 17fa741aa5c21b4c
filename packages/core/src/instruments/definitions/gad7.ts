import type { InstrumentDefinition } from '../types.js';
import { FREQUENCY_OPTIONS_0_3, pfizerLicence } from './shared.js';

/**
 * GAD-7, catalog §5. Bands are Spitzer 2006 (5/10/15); the 10–13/14–18/19–21 bands printed on some Chinese
 * hospital copies are deliberately not used.
 */
export const GAD7: InstrumentDefinition = {
  code: 'gad7',
  version: 1,
  name: { en: 'Generalized Anxiety Disorder 7-item scale', zh: '广泛性焦虑障碍量表（GAD-7）' },
  shortName: 'GAD-7',
  respondent: 'self',
  audience: { grades: { min: 7, max: 12 } },
  riskScreen: true,
  optional: false,
  stem: {
    en: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    zh: '在过去两周里，你有多少时候受到以下问题的困扰？',
  },
  options: FREQUENCY_OPTIONS_0_3,
  items: [
    {
      id: 'gad7_1',
      number: 1,
      linkId: 'gad7_1',
      loinc: '69725-0',
      text: { en: 'Feeling nervous, anxious, or on edge', zh: '感觉紧张、焦虑或急切' },
    },
    {
      id: 'gad7_2',
      number: 2,
      linkId: 'gad7_2',
      loinc: '68509-9',
      text: { en: 'Not being able to stop or control worrying', zh: '不能够停止或控制担忧' },
    },
    {
      id: 'gad7_3',
      number: 3,
      linkId: 'gad7_3',
      loinc: '69733-4',
      text: { en: 'Worrying too much about different things', zh: '对各种各样的事情担忧过多' },
    },
    {
      id: 'gad7_4',
      number: 4,
      linkId: 'gad7_4',
      loinc: '69734-2',
      text: { en: 'Trouble relaxing', zh: '很难放松下来' },
    },
    {
      id: 'gad7_5',
      number: 5,
      linkId: 'gad7_5',
      loinc: '69735-9',
      text: { en: 'Being so restless that it is hard to sit still', zh: '由于不安而无法静坐' },
    },
    {
      id: 'gad7_6',
      number: 6,
      linkId: 'gad7_6',
      loinc: '69689-8',
      text: { en: 'Becoming easily annoyed or irritable', zh: '变得容易烦恼或急躁' },
    },
    {
      id: 'gad7_7',
      number: 7,
      linkId: 'gad7_7',
      loinc: '69736-7',
      text: { en: 'Feeling afraid, as if something awful might happen', zh: '感到似乎将有可怕的事情发生而害怕' },
    },
  ],
  scoring: {
    kind: 'sum',
    direction: 'higher_is_worse',
    // [PLATFORM] no published GAD-7 missing-item rule was found (catalog §5).
    missing: { treatment: 'prorate', maxMissing: 1 },
    bands: [
      { id: 'minimal', label: { en: 'minimal', zh: '极轻微' }, min: 0, max: 4 },
      { id: 'mild', label: { en: 'mild', zh: '轻度' }, min: 5, max: 9 },
      { id: 'moderate', label: { en: 'moderate', zh: '中度' }, min: 10, max: 14 },
      { id: 'severe', label: { en: 'severe', zh: '重度' }, min: 15, max: 21 },
    ],
    critical: [],
  },
  licence: pfizerLicence('Catalog §5 [S20][S22]; © Pfizer Inc.'),
  loinc: { panel: '69737-5', total: '70274-6' },
  translationStatus: {
    zh: 'unverified',
    zhOrigin: 'catalog',
    note: 'Items: circulating wording [S12][S23]; options as PHQ-9; stem translated by the platform.',
  },
};
