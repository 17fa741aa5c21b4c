import type { InstrumentDefinition } from '../types.js';
import { FREQUENCY_OPTIONS_0_3, pfizerLicence, phqSeverityBands } from './shared.js';

/**
 * PHQ-A, catalog §3. Item order differs from PHQ-9 (1 = mood, 2 = anhedonia). No official Simplified-Chinese
 * PHQ-A was found: items whose English wording differs from PHQ-9 (1, 3, 4, 6, 7) are platform translations;
 * items worded as in PHQ-9 (2, 5, 8, 9) reuse the PHQ-9 zh wording so both forms read alike.
 */
export const PHQA: InstrumentDefinition = {
  code: 'phqa',
  version: 1,
  name: { en: 'PHQ-9 modified for Adolescents', zh: '青少年版 PHQ-9（PHQ-A）' },
  shortName: 'PHQ-A',
  respondent: 'self',
  audience: {
    minAge: 11,
    maxAge: 17,
    grades: { min: 6, max: 12 },
    note: { en: 'GLAD-PC: ages 12–18; APA: ages 11–17.', zh: 'GLAD-PC：12–18 岁；APA：11–17 岁。' },
  },
  riskScreen: true,
  optional: false,
  stem: {
    en:
      "How often have you been bothered by each of the following symptoms during the past two weeks? For each symptom put an 'X' " +
      'in the box beneath the answer that best describes how you have been feeling.',
    zh: '在过去两周里，你有多少时候受到以下各种症状的困扰？请针对每一种症状，选出最符合你这段时间感受的答案。',
  },
  options: FREQUENCY_OPTIONS_0_3,
  items: [
    {
      id: 'phqa_1',
      number: 1,
      linkId: 'phqa_1',
      text: { en: 'Feeling down, depressed, irritable, or hopeless?', zh: '感到心情低落、沮丧、烦躁易怒或绝望？' },
    },
    {
      id: 'phqa_2',
      number: 2,
      linkId: 'phqa_2',
      text: { en: 'Little interest or pleasure in doing things?', zh: '做事时提不起劲或没有兴趣？' },
    },
    {
      id: 'phqa_3',
      number: 3,
      linkId: 'phqa_3',
      text: {
        en: 'Trouble falling asleep, staying asleep, or sleeping too much?',
        zh: '难以入睡、睡着后容易醒来，或睡得太多？',
      },
    },
    {
      id: 'phqa_4',
      number: 4,
      linkId: 'phqa_4',
      text: { en: 'Poor appetite, weight loss, or overeating?', zh: '食欲不振、体重下降，或吃得太多？' },
    },
    {
      id: 'phqa_5',
      number: 5,
      linkId: 'phqa_5',
      text: { en: 'Feeling tired, or having little energy?', zh: '感觉疲倦或没有活力？' },
    },
    {
      id: 'phqa_6',
      number: 6,
      linkId: 'phqa_6',
      text: {
        en: 'Feeling bad about yourself – or feeling that you are a failure, or that you have let yourself or your family down?',
        zh: '觉得自己很糟糕——或觉得自己很失败，或觉得自己让自己或家人失望了？',
      },
    },
    {
      id: 'phqa_7',
      number: 7,
      linkId: 'phqa_7',
      text: {
        en: 'Trouble concentrating on things like school work, reading, or watching TV?',
        zh: '在做功课、阅读或看电视等事情上难以集中注意力？',
      },
    },
    {
      id: 'phqa_8',
      number: 8,
      linkId: 'phqa_8',
      text: {
        en:
          'Moving or speaking so slowly that other people could have noticed? Or the opposite – being so fidgety or ' +
          'restless that you were moving around a lot more than usual?',
        zh: '动作或说话速度缓慢到别人已经觉察？或正好相反——烦躁或坐立不安、动来动去的情况更胜于平常？',
      },
    },
    {
      // Required: a skipped item 9 cannot raise the crisis flag (catalog gotcha 2).
      id: 'phqa_9',
      number: 9,
      linkId: 'phqa_9',
      required: true,
      critical: true,
      text: {
        en: 'Thoughts that you would be better off dead, or of hurting yourself in some way?',
        zh: '有不如死掉或用某种方式伤害自己的念头？',
      },
    },
  ],
  scoring: {
    kind: 'sum',
    direction: 'higher_is_worse',
    missing: { treatment: 'prorate', maxMissing: 2 },
    bands: phqSeverityBands(),
    critical: [{ flag: 'phqa_item9', item: 9, minAnswer: 1 }],
  },
  licence: pfizerLicence(
    'Catalog §3 [S3]: NIMH, https://www.nimh.nih.gov/research/research-conducted-at-nimh/asq-toolkit-materials/asq-tool/phq-9-modified-for-adolescents-phq-a ; ' +
      'Johnson JG et al., J Adolesc Health 2002;30(3):196-204.',
  ),
  translationStatus: {
    zh: 'unverified',
    zhOrigin: 'platform',
    note:
      'No official Simplified-Chinese PHQ-A found. Items 1, 3, 4, 6, 7 and the stem translated by the platform; ' +
      'items 2, 5, 8, 9 and the options reuse the [UNVERIFIED] PHQ-9 zh wording.',
  },
};
