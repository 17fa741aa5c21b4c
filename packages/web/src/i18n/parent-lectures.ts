import { useTranslation } from 'react-i18next';
import i18n from './index';
import en from './parent-lectures.en';
import zhCN from './parent-lectures.zh-CN';

// The staff's parent school page strings travel with the page, in a namespace of their own, so the
// students' path does not carry them.
export const PARENT_LECTURES_NS = 'parentLectures';
i18n.addResourceBundle('zh-CN', PARENT_LECTURES_NS, zhCN, true, true);
i18n.addResourceBundle('en', PARENT_LECTURES_NS, en, true, true);

/** `t` of the parent school page; a key is one of parent-lectures.zh-CN.ts (checked by parent-lectures.test.ts). */
export function useParentLecturesT() {
  return useTranslation(PARENT_LECTURES_NS).t;
}
