import i18n from './index';
import en from './hotline.en';
import zhCN from './hotline.zh-CN';

/**
 * The hotline's strings are read by the city centre's counselors only: they load with its pages, in a
 * namespace of their own (`hotline:…`), so they weigh nothing on the students' path and adding them never
 * marks the lazily fetched English bundle as loaded.
 */
export const HOTLINE_NS = 'hotline';
for (const [locale, strings] of [
  ['zh-CN', zhCN],
  ['en', en],
] as const)
  if (!i18n.hasResourceBundle(locale, HOTLINE_NS)) i18n.addResourceBundle(locale, HOTLINE_NS, strings);
