import { followUpStatus } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { FollowUpNotificationPayload } from '../warning/channels.js';
import { chinaTime, enqueueNotifications, usersWithRole } from '../warning/notify.js';
import { getWarningSettings } from '../warning/settings.js';
import { cm } from './messages.js';
import { appendEvent, tenantOf } from './store.js';

const BATCH = 200;

type Step = 'overdue' | 'escalated';

type Candidate = {
  id: string;
  case_id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  due_at: Date;
  responsible_user_id: string;
  overdue_notified_at: Date | null;
  escalated_notified_at: Date | null;
};

/** Short enough to read out on the phone, and no one's name. */
export const caseRef = (caseId: string) => caseId.slice(0, 8).toUpperCase();

/**
 * Tells people about follow-ups past their date, as of `now`: the responsible person once when one is
 * overdue, the school's leaders once when it is escalated (the rule is core's followUpStatus). Each notice
 * is its own transaction opened by a conditional update of the follow-up, so two sweepers or a restart
 * never tell anyone twice. Returns how many notices went out.
 */
export async function sweepFollowUpNotices(db: Kysely<Database>, now: Date): Promise<number> {
  const channelsOf = new Map<string, readonly string[]>();
  let sent = 0;
  let after: { dueAt: Date; id: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('follow_up as f')
      .innerJoin('care_case as c', 'c.id', 'f.case_id')
      .select([
        'f.id',
        'f.case_id',
        'f.city_id',
        'f.district_id',
        'f.school_id',
        'f.due_at',
        'f.responsible_user_id',
        'f.overdue_notified_at',
        'f.escalated_notified_at',
      ])
      .where('f.done_at', 'is', null)
      .where('f.escalated_notified_at', 'is', null)
      .where('f.due_at', '<', now)
      .where('c.state', '!=', 'closed');
    if (after) {
      const { dueAt, id } = after;
      query = query.where((eb) =>
        eb.or([eb('f.due_at', '>', dueAt), eb.and([eb('f.due_at', '=', dueAt), eb('f.id', '>', id)])]),
      );
    }
    const candidates: Candidate[] = await query.orderBy('f.due_at').orderBy('f.id').limit(BATCH).execute();
    for (const f of candidates) {
      const status = followUpStatus({ dueAt: f.due_at, doneAt: null }, now);
      if (status !== 'overdue' && status !== 'escalated') continue;
      let channels = channelsOf.get(f.city_id);
      if (!channels) channelsOf.set(f.city_id, (channels = (await getWarningSettings(db, f.city_id)).channels));
      // A follow-up first seen already escalated (the app was down) still tells the responsible person.
      if (!f.overdue_notified_at && (await notifyOnce(db, f, 'overdue', now, channels))) sent++;
      if (status === 'escalated' && (await notifyOnce(db, f, 'escalated', now, channels))) sent++;
    }
    if (candidates.length < BATCH) return sent;
    const last = candidates[candidates.length - 1]!;
    after = { dueAt: last.due_at, id: last.id };
  }
}

async function notifyOnce(
  db: Kysely<Database>,
  f: Candidate,
  step: Step,
  now: Date,
  channels: readonly string[],
): Promise<boolean> {
  const column = step === 'overdue' ? 'overdue_notified_at' : 'escalated_notified_at';
  return db.transaction().execute(async (tx) => {
    // The row lock taken here makes a concurrent sweeper wait, then find the column set and do nothing.
    const claimed = await tx
      .updateTable('follow_up')
      .set(step === 'overdue' ? { overdue_notified_at: now } : { escalated_notified_at: now })
      .where('id', '=', f.id)
      .where('done_at', 'is', null)
      .where(column, 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!claimed) return false;
    const users =
      step === 'overdue' ? [f.responsible_user_id] : await usersWithRole(tx, 'school_leader', 'school', f.school_id);
    const school = await tx.selectFrom('org_unit').select('name_zh').where('id', '=', f.school_id).executeTakeFirst();
    await enqueueNotifications(tx, {
      users,
      payload: payloadFor(f, step, school?.name_zh ?? ''),
      channels,
      dedupePrefix: `followup:${f.id}:${step}`,
    });
    const type = step === 'overdue' ? 'followup_overdue_notified' : 'followup_escalated';
    await appendEvent(tx, { ...tenantOf(f), id: f.case_id }, null, type, {
      followUpId: f.id,
      dueAt: f.due_at.toISOString(),
      recipients: users.length,
    });
    return true;
  });
}

function payloadFor(f: Candidate, step: Step, schoolName: string): FollowUpNotificationPayload {
  const both = (text: (l: 'zh-CN' | 'en') => string) => ({ 'zh-CN': text('zh-CN'), en: text('en') });
  const params = (l: 'zh-CN' | 'en') => ({ school: schoolName, ref: caseRef(f.case_id), due: chinaTime(f.due_at, l) });
  return {
    kind: step === 'overdue' ? 'followup.overdue' : 'followup.escalated',
    caseId: f.case_id,
    followUpId: f.id,
    dueAt: f.due_at.toISOString(),
    title: both((l) => cm(`notice.${step}.title`, l)),
    body: both((l) => cm(`notice.${step}.body`, l, params(l))),
  };
}
