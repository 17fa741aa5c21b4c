import i18n from './index';
import en from './wellbeing.en';
import zhCN from './wellbeing.zh-CN';

/**
 * The self-screening's and the centres' strings are read by staff only: they load with those pages, in a
 * namespace of their own (`wellbeing:…`), so they weigh nothing on the students' path.
 */
export const WELLBEING_NS = 'wellbeing';
for (const [locale, strings] of [
  ['zh-CN', zhCN],
  ['en', en],
] as const)
  if (!i18n.hasResourceBundle(locale, WELLBEING_NS)) i18n.addResourceBundle(locale, WELLBEING_NS, strings);
