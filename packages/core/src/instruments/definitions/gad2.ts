import type { InstrumentDefinition } from '../types.js';
import { FREQUENCY_OPTIONS_0_3, pfizerLicence, twoItemPrescreenBands } from './shared.js';

/** GAD-2 = GAD-7 items 1–2, catalog §4. Texts copied, not derived, so GAD-7 versions cannot leak in. */
export const GAD2: InstrumentDefinition = {
  code: 'gad2',
  version: 1,
  name: { en: 'Generalized Anxiety Disorder 2-item scale', zh: '广泛性焦虑障碍量表-2（GAD-2）' },
  shortName: 'GAD-2',
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
      id: 'gad2_1',
      number: 1,
      linkId: 'gad2_1',
      loinc: '69725-0',
      required: true,
      text: { en: 'Feeling nervous, anxious, or on edge', zh: '感觉紧张、焦虑或急切' },
    },
    {
      id: 'gad2_2',
      number: 2,
      linkId: 'gad2_2',
      loinc: '68509-9',
      required: true,
      text: { en: 'Not being able to stop or control worrying', zh: '不能够停止或控制担忧' },
    },
  ],
  scoring: {
    kind: 'sum',
    direction: 'higher_is_worse',
    // [PLATFORM] any missing item makes a two-item screen meaningless.
    missing: { treatment: 'none_allowed' },
    bands: twoItemPrescreenBands(),
    critical: [],
  },
  licence: pfizerLicence('Catalog §4 (as GAD-7 [S20][S22]); © Pfizer Inc.'),
  translationStatus: {
    zh: 'unverified',
    zhOrigin: 'catalog',
    note: 'GAD-7 items 1–2 circulating wording [S12][S23]; stem translated by the platform.',
  },
};
