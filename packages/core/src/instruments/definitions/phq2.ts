import type { InstrumentDefinition } from '../types.js';
import { FREQUENCY_OPTIONS_0_3, pfizerLicence, twoItemPrescreenBands } from './shared.js';

/**
 * PHQ-2 = PHQ-9 items 1–2, catalog §4. Texts are copied rather than derived from PHQ-9 so that a new PHQ-9
 * version cannot silently change this one. A positive result should trigger the full PHQ-A/PHQ-9, not a tier.
 */
export const PHQ2: InstrumentDefinition = {
  code: 'phq2',
  version: 1,
  name: { en: 'Patient Health Questionnaire-2', zh: '患者健康问卷-2（PHQ-2）' },
  shortName: 'PHQ-2',
  respondent: 'self',
  audience: { minAge: 12, grades: { min: 7, max: 12 } },
  riskScreen: true,
  optional: false,
  stem: {
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    zh: '在过去两周里，你有多少时候受到以下任何问题的困扰？',
  },
  options: FREQUENCY_OPTIONS_0_3,
  items: [
    {
      // Item LOINC codes are those of PHQ-9 items 1–2, which the PHQ-2 panel reuses.
      id: 'phq2_1',
      number: 1,
      linkId: 'phq2_1',
      loinc: '44250-9',
      required: true,
      text: { en: 'Little interest or pleasure in doing things', zh: '做事时提不起劲或没有兴趣' },
    },
    {
      id: 'phq2_2',
      number: 2,
      linkId: 'phq2_2',
      loinc: '44255-8',
      required: true,
      text: { en: 'Feeling down, depressed, or hopeless', zh: '感到心情低落、沮丧或绝望' },
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
  licence: pfizerLicence('Catalog §4 (as PHQ-9 [S1][S2]); © Pfizer Inc.'),
  // The total code 55758-7 is third-party only in the catalog, so it is left out until verified.
  loinc: { panel: '55757-9' },
  translationStatus: {
    zh: 'unverified',
    zhOrigin: 'catalog',
    note: 'PHQ-9 items 1–2 circulating wording [S12]; stem translated by the platform.',
  },
};
