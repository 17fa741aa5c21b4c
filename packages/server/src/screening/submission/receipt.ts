import { Type } from 'typebox';
import type { Locale } from '../../http/locale.js';
import type { ScreeningSettings } from '../settings.js';
import { sm } from './messages.js';

/**
 * What the respondent gets back: proof of submission, a thank-you and where to find help. The response
 * schema is the guard: even a careless change upstream cannot add a score, band or tier to it.
 */
export const ReceiptSchema = Type.Object(
  {
    receiptId: Type.String(),
    submittedAt: Type.String(),
    thankYou: Type.Object({ title: Type.String(), body: Type.String() }, { additionalProperties: false }),
    helpLines: Type.Array(Type.Object({ name: Type.String(), number: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export function buildReceipt(opts: {
  submissionId: string;
  submittedAt: Date;
  respondent: 'self' | 'guardian';
  locale: Locale;
  hotlines: ScreeningSettings['hotline'];
}) {
  const { locale, respondent } = opts;
  return {
    receiptId: opts.submissionId,
    submittedAt: opts.submittedAt.toISOString(),
    thankYou: { title: sm(`receipt.title.${respondent}`, locale), body: sm(`receipt.body.${respondent}`, locale) },
    helpLines: opts.hotlines.map((h) => ({ name: locale === 'zh-CN' ? h.nameZh : h.nameEn, number: h.number })),
  };
}
