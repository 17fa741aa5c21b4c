import { PSC17 } from './definitions/psc17.js';
import { PFIZER_FOOTER } from './definitions/shared.js';
import { WHO5 } from './definitions/who5.js';
import type { BilingualText, InstrumentDefinition, InstrumentLocale } from './types.js';

/**
 * Instructions written for paper ("put an 'X' in the box", "mark under the heading") read wrong on a form
 * answered by tapping. The stored definitions keep the published wording, which paper forms print; the
 * screen says the same thing in tap words. Keyed by instrument code: every version shares the wording.
 */
const TAP_INSTRUCTIONS: Record<string, BilingualText> = {
  phqa: {
    en:
      'How often have you been bothered by each of the following symptoms during the past two weeks? For each ' +
      'symptom, choose the answer that best describes how you have been feeling.',
    zh: '在过去两周里，你有多少时候受到以下各种症状的困扰？请针对每一种症状，选出最符合你这段时间感受的答案。',
  },
  psc17: {
    en: 'Please choose the answer that best describes your child.',
    zh: '请选择最符合您孩子情况的选项。',
  },
};

/**
 * Licence statements in Chinese, for the footer of a Chinese form; the English statement stays the
 * authoritative one (and is shown to English readers).
 */
const FOOTER_ZH: Record<string, string> = {
  [PFIZER_FOOTER]:
    '本量表由 Robert L. Spitzer、Janet B.W. Williams、Kurt Kroenke 博士等编制，辉瑞公司提供教育资助。' +
    '复制、翻译、展示或分发均无需许可。',
  [WHO5.licence.text]: '© 世界卫生组织，1998。WHO-5 可免费使用。',
  [PSC17.licence.text]:
    'PSC-17 可自由复制。© 1998 M. Jellinek、J.M. Murphy，美国麻省总医院；17 题版本由 W. Gardner、K. Kelleher 编制（Ambulatory Child Health 1999）。',
};

/** The instructions a respondent reads above a tap form, in their language. */
export function onScreenInstructions(def: InstrumentDefinition, locale: InstrumentLocale): string {
  const text = TAP_INSTRUCTIONS[def.code] ?? def.stem;
  return locale === 'zh-CN' ? text.zh : text.en;
}

/** The licence footer under a form, in the reader's language where a translation exists; null if none is due. */
export function onScreenFooter(def: InstrumentDefinition, locale: InstrumentLocale): string | null {
  if (!def.licence.displayFooter) return null;
  return locale === 'zh-CN' ? (FOOTER_ZH[def.licence.text] ?? def.licence.text) : def.licence.text;
}
