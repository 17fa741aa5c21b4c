import i18n from './index';
import en from './activities.en';
import zhCN from './activities.zh-CN';

/**
 * The activity ledger's strings are read by school staff only: they load with its page, in a namespace of
 * their own (`activities:…`), so they weigh nothing on the students' path.
 */
export const ACTIVITIES_NS = 'activities';
for (const [locale, strings] of [
  ['zh-CN', zhCN],
  ['en', en],
] as const)
  if (!i18n.hasResourceBundle(locale, ACTIVITIES_NS)) i18n.addResourceBundle(locale, ACTIVITIES_NS, strings);
