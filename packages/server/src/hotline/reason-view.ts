import type { HotlineAlertReason } from '@yuxin/core';
import { decryptText } from '../crypto/field-crypto.js';
import type { Locale } from '../http/locale.js';
import { hm, riskLabel, topicLabel } from './messages.js';

/** What the school reads about a call: the assessed risk, the topics and the counselor's reason, no more. */
export function hotlineReasonText(r: HotlineAlertReason, locale: Locale): string {
  const topics = r.topics.map((t) => topicLabel(t, locale)).join(locale === 'zh-CN' ? '、' : ', ');
  return hm('reason.text', locale, {
    risk: riskLabel(r.risk, locale),
    topics: topics ? hm('reason.topics', locale, { topics }) : '',
    reason: decryptText(r.reasonEnc),
  });
}
