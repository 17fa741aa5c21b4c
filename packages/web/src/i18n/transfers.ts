import { useTranslation } from 'react-i18next';
import i18n from './index';
import en from './transfers.en';
import zhCN from './transfers.zh-CN';

// The transfer page's strings load with it, in a namespace of their own, away from the student path's budget.
export const TRANSFERS_NS = 'transfers';
i18n.addResourceBundle('zh-CN', TRANSFERS_NS, zhCN, true, true);
i18n.addResourceBundle('en', TRANSFERS_NS, en, true, true);

/** `t` of the transfer page; a key is one of transfers.zh-CN.ts (checked by transfers.test.ts). */
export function useTransfersT() {
  return useTranslation(TRANSFERS_NS).t;
}
