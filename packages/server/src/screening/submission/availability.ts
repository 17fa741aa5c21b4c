import { CHINA_TIME } from '@yuxin/core';
import type { Locale } from '../../http/locale.js';
import { blockerOf, type AssignmentRow } from './assignment.js';
import { sm } from './messages.js';

function formatTime(at: Date, locale: Locale): string {
  // Cities served are in China; a student's phone may be set to anything.
  return new Intl.DateTimeFormat(locale, { ...CHINA_TIME, dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** Whether the respondent may answer now and, when not, one neutral sentence saying so. */
export function availabilityOf(
  row: Pick<AssignmentRow, 'status' | 'consent_status' | 'campaign_status' | 'opens_at' | 'closes_at'>,
  locale: Locale,
  now = new Date(),
) {
  const blocker = blockerOf(row, now);
  return {
    blocker,
    canStart: blocker === null,
    message:
      blocker === null ? null : sm(`availability.${blocker}`, locale, { date: formatTime(row.opens_at, locale) }),
  };
}
