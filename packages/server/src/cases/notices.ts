import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { CaseNotificationPayload } from '../warning/channels.js';
import { enqueueNotifications, usersWithRole } from '../warning/notify.js';
import { getWarningSettings } from '../warning/settings.js';
import { caseRef } from './follow-up-notices.js';
import { cm } from './messages.js';
import type { CaseRow } from './store.js';

/**
 * Tells people what waits for them on a case (issue 17.15): the school's leaders when a 研判 or a closure
 * awaits their decision, a staff helper named on the plan, the person given follow-ups. Through the outbox,
 * in the transaction of the step that makes the work; the actor is never told of their own step. Notices may
 * go out by SMS: the school and the case number, never the student's name.
 */
export type CaseNoticeKind = CaseNotificationPayload['kind'];

const KEY: Record<CaseNoticeKind, 'review' | 'closure' | 'helper' | 'followups' | 'guardian-refused'> = {
  'case.review_awaiting': 'review',
  'case.closure_awaiting': 'closure',
  'case.helper_assigned': 'helper',
  'followup.assigned': 'followups',
  'referral.consent_refused': 'guardian-refused',
};

export async function noticeOnCase(
  tx: Kysely<Database>,
  c: Pick<CaseRow, 'id' | 'city_id' | 'school_id'>,
  kind: CaseNoticeKind,
  recipients: readonly string[] | 'school_leaders',
  actorId: string,
  dedupe: string,
): Promise<number> {
  const all =
    recipients === 'school_leaders' ? await usersWithRole(tx, 'school_leader', 'school', c.school_id) : recipients;
  const users = [...new Set(all)].filter((u) => u !== actorId);
  if (users.length === 0) return 0;
  const { channels } = await getWarningSettings(tx, c.city_id);
  const school = await tx.selectFrom('org_unit').select('name_zh').where('id', '=', c.school_id).executeTakeFirst();
  const key = KEY[kind];
  const both = (text: (l: 'zh-CN' | 'en') => string) => ({ 'zh-CN': text('zh-CN'), en: text('en') });
  const params = { school: school?.name_zh ?? '', ref: caseRef(c.id) };
  await enqueueNotifications(tx, {
    users,
    payload: {
      kind,
      caseId: c.id,
      title: both((l) => cm(`notice.${key}.title`, l)),
      body: both((l) => cm(`notice.${key}.body`, l, params)),
    },
    channels,
    dedupePrefix: `case:${c.id}:${kind}:${dedupe}`,
  });
  return users.length;
}
