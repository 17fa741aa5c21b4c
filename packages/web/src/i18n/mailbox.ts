import { useTranslation } from 'react-i18next';
import i18n from './index';
import en from './mailbox.en';
import zhCN from './mailbox.zh-CN';

// The mailbox's strings travel with its pages, in a namespace of their own: the student path's first screen
// (a hard bundle budget) does not carry them.
export const MAILBOX_NS = 'mailbox';
i18n.addResourceBundle('zh-CN', MAILBOX_NS, zhCN, true, true);
i18n.addResourceBundle('en', MAILBOX_NS, en, true, true);

/** `t` of the mailbox pages; a key is one of mailbox.zh-CN.ts (checked by mailbox.test.ts). */
export function useMailboxT() {
  return useTranslation(MAILBOX_NS).t;
}
