import { useTranslation } from 'react-i18next';
import i18n from './index';
import en from './archive.en';
import zhCN from './archive.zh-CN';

// The archive's strings are staff-only: they load with its page, in a namespace of their own, so the
// students' path does not carry them and adding them never marks the English main bundle as loaded.
export const ARCHIVE_NS = 'archive';
for (const [locale, strings] of [
  ['zh-CN', zhCN],
  ['en', en],
] as const)
  if (!i18n.hasResourceBundle(locale, ARCHIVE_NS)) i18n.addResourceBundle(locale, ARCHIVE_NS, strings);

/** `t` of the archive page; a key is one of archive.zh-CN.ts (checked by archive.test.ts). */
export function useArchiveT() {
  return useTranslation(ARCHIVE_NS).t;
}
