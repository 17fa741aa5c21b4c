import type { InstrumentDefinition } from '../types.js';
import { FREQUENCY_OPTIONS_0_3, pfizerLicence, phqSeverityBands } from './shared.js';

/** PHQ-9, catalog §2. */
export const PHQ9: InstrumentDefinition = {
  code: 'phq9',
  version: 1,
  name: { en: 'Patient Health Questionnaire-9', zh: '患者健康问卷-9（PHQ-9 抑郁症筛查量表）' },
  shortName: 'PHQ-9',
  respondent: 'self',
  audience: {
    minAge: 12,
    grades: { min: 7, max: 12 },
    note: {
      en: 'Validated in adolescents 13–17; for grades 5–12 prefer the PHQ-A wording.',
      zh: '已在 13–17 岁青少年中验证；5–12 年级优先使用 PHQ-A 措辞。',
    },
  },
  riskScreen: true,
  optional: false,
  stem: {
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    zh: '在过去两周里，你有多少时候受到以下任何问题的困扰？',
  },
  options: FREQUENCY_OPTIONS_0_3,
  items: [
    {
      id: 'phq9_1',
      number: 1,
      linkId: 'phq9_1',
      loinc: '44250-9',
      text: { en: 'Little interest or pleasure in doing things', zh: '做事时提不起劲或没有兴趣' },
    },
    {
      id: 'phq9_2',
      number: 2,
      linkId: 'phq9_2',
      loinc: '44255-8',
      text: { en: 'Feeling down, depressed, or hopeless', zh: '感到心情低落、沮丧或绝望' },
    },
    {
      id: 'phq9_3',
      number: 3,
      linkId: 'phq9_3',
      loinc: '44259-0',
      text: { en: 'Trouble falling or staying asleep, or sleeping too much', zh: '入睡困难、睡不安稳或睡眠过多' },
    },
    {
      id: 'phq9_4',
      number: 4,
      linkId: 'phq9_4',
      loinc: '44254-1',
      text: { en: 'Feeling tired or having little energy', zh: '感觉疲倦或没有活力' },
    },
    {
      id: 'phq9_5',
      number: 5,
      linkId: 'phq9_5',
      loinc: '44251-7',
      text: { en: 'Poor appetite or overeating', zh: '食欲不振或吃太多' },
    },
    {
      id: 'phq9_6',
      number: 6,
      linkId: 'phq9_6',
      loinc: '44258-2',
      text: {
        en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
        zh: '觉得自己很糟——或觉得自己很失败，或让自己或家人失望',
      },
    },
    {
      id: 'phq9_7',
      number: 7,
      linkId: 'phq9_7',
      loinc: '44252-5',
      text: {
        en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
        zh: '对事物专注有困难，例如阅读报纸或看电视时',
      },
    },
    {
      id: 'phq9_8',
      number: 8,
      linkId: 'phq9_8',
      loinc: '44253-3',
      text: {
        en:
          'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety ' +
          'or restless that you have been moving around a lot more than usual',
        zh: '动作或说话速度缓慢到别人已经觉察？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常',
      },
    },
    {
      // Required: a skipped item 9 cannot raise the crisis flag (catalog §2, gotcha 2).
      id: 'phq9_9',
      number: 9,
      linkId: 'phq9_9',
      loinc: '44260-8',
      required: true,
      critical: true,
      text: {
        en: 'Thoughts that you would be better off dead or of hurting yourself in some way',
        zh: '有不如死掉或用某种方式伤害自己的念头',
      },
    },
  ],
  scoring: {
    kind: 'sum',
    direction: 'higher_is_worse',
    // APA rule published for PHQ-A; applying it to the adult form is [PLATFORM] (catalog §2).
    missing: { treatment: 'prorate', maxMissing: 2 },
    bands: phqSeverityBands(),
    critical: [{ flag: 'phq9_item9', item: 9, minAnswer: 1 }],
  },
  licence: pfizerLicence('Catalog §2 [S1][S2]; © Pfizer Inc.'),
  loinc: { panel: '44249-1', total: '44261-6' },
  translationStatus: {
    zh: 'unverified',
    zhOrigin: 'catalog',
    note:
      'Items and options: circulating wording [S12], to diff against the official phqscreeners.com "Chinese (China)" ' +
      'PDF before release. Stem: platform translation.',
  },
};
