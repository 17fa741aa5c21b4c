import type { InstrumentDefinition } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Locale } from '../../http/locale.js';
import type { AnswerMap } from './answers.js';
import type { AssignmentRow } from './assignment.js';
import { availabilityOf } from './availability.js';
import { loadPinned } from './pinned.js';
import { alwaysAskedCount, answeredCount } from './questionnaire-view.js';

/** What the respondent's list shows of one assignment: the campaign, whether they can start, how far they got. */
export async function summarizeAssignment(
  db: Kysely<Database>,
  row: AssignmentRow,
  draftAnswers: AnswerMap | null,
  locale: Locale,
): Promise<{ defs: InstrumentDefinition[]; summary: AssignmentSummary }> {
  const defs = await loadPinned(db, row.instruments);
  const total = alwaysAskedCount(defs);
  const { canStart, message } = availabilityOf(row, locale);
  return {
    defs,
    summary: {
      id: row.id,
      campaignId: row.campaign_id,
      campaignName: row.campaign_name,
      notice: locale === 'en' && row.notice_en ? row.notice_en : row.notice_zh,
      opensAt: row.opens_at.toISOString(),
      closesAt: row.closes_at.toISOString(),
      respondent: row.respondent,
      student: { id: row.student_id, name: row.student_name },
      status: row.status,
      consent: row.consent_status,
      canStart,
      message,
      progress: { answered: row.status === 'completed' ? total : answeredCount(defs, draftAnswers), total },
    },
  };
}

export interface AssignmentSummary {
  id: string;
  campaignId: string;
  campaignName: string;
  notice: string;
  opensAt: string;
  closesAt: string;
  respondent: 'self' | 'guardian';
  student: { id: string; name: string };
  status: AssignmentRow['status'];
  consent: AssignmentRow['consent_status'];
  canStart: boolean;
  message: string | null;
  progress: { answered: number; total: number };
}
