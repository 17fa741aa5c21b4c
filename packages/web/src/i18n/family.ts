import { useTranslation } from 'react-i18next';
import i18n from './index';
import en from './family.en';
import zhCN from './family.zh-CN';

// The guardian's family page strings travel with the page, in a namespace of their own: the student path's
// first screen (a hard bundle budget) does not carry them.
export const FAMILY_NS = 'family';
i18n.addResourceBundle('zh-CN', FAMILY_NS, zhCN, true, true);
i18n.addResourceBundle('en', FAMILY_NS, en, true, true);

/** `t` of the family page; a key is one of family.zh-CN.ts (checked by family.test.ts). */
export function useFamilyT() {
  return useTranslation(FAMILY_NS).t;
}
