import { useTranslation } from 'react-i18next';
import i18n from './index';
import en from './counseling.en';
import zhCN from './counseling.zh-CN';

// The counseling room's strings travel with its pages, in a namespace of their own: the student path's
// first screen (a hard bundle budget) does not carry them, and adding them never marks the main English
// strings as loaded.
export const COUNSELING_NS = 'counseling';
i18n.addResourceBundle('zh-CN', COUNSELING_NS, zhCN, true, true);
i18n.addResourceBundle('en', COUNSELING_NS, en, true, true);

/** `t` of the counseling pages; a key is one of counseling.zh-CN.ts (checked by counseling.test.ts). */
export function useCounselingT() {
  return useTranslation(COUNSELING_NS).t;
}
