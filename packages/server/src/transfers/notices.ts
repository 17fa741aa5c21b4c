import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { TransferNotificationPayload } from '../warning/channels.js';
import { enqueueNotifications, usersWithRole } from '../warning/notify.js';
import { getWarningSettings } from '../warning/settings.js';
import { tm, type TransferMessageKey } from './messages.js';
import { unitNames, type TransferRow } from './store.js';

/**
 * Who is told about a transfer, through the outbox in the transaction of the step: the receiving school's
 * psychology teachers when a request arrives, the sending ones when an import asks them for a summary,
 * the sending ones and whoever asked when the receiving school declines, the guardians when the move is done. Notices may go out by SMS: schools, never the student's name.
 */
async function notify(
  tx: Kysely<Database>,
  t: TransferRow,
  kind: TransferNotificationPayload['kind'],
  users: readonly string[],
  key: 'incoming' | 'summary' | 'accepted' | 'declined',
) {
  if (users.length === 0) return;
  const { channels } = await getWarningSettings(tx, t.city_id);
  const names = await unitNames(tx, [t.from_school_id, t.to_school_id]);
  const params = { from: names.get(t.from_school_id) ?? '', to: names.get(t.to_school_id) ?? '' };
  const text = (part: 'title' | 'body') => {
    const k = `notice.${key}.${part}` as TransferMessageKey;
    return { 'zh-CN': tm(k, 'zh-CN', params), en: tm(k, 'en', params) };
  };
  await enqueueNotifications(tx, {
    users: [...new Set(users)],
    payload: { kind, transferId: t.id, title: text('title'), body: text('body') },
    channels,
    dedupePrefix: `transfer:${t.id}:${kind}`,
  });
}

export async function noticeIncoming(tx: Kysely<Database>, t: TransferRow) {
  const psych = await usersWithRole(tx, 'psych_teacher', 'school', t.to_school_id);
  await notify(
    tx,
    t,
    'transfer.incoming',
    psych.filter((u) => u !== t.requested_by),
    'incoming',
  );
}

export async function noticeSummaryRequested(tx: Kysely<Database>, t: TransferRow) {
  await notify(
    tx,
    t,
    'transfer.summary_requested',
    await usersWithRole(tx, 'psych_teacher', 'school', t.from_school_id),
    'summary',
  );
}

/**
 * The receiving school declined: the sending school's psychology teachers and whoever raised the request
 * (an administrator, say) are told which school declined, nothing more; they read the rest under Transfers.
 */
export async function noticeDeclined(tx: Kysely<Database>, t: TransferRow) {
  const psych = await usersWithRole(tx, 'psych_teacher', 'school', t.from_school_id);
  await notify(tx, t, 'transfer.declined', [...psych, t.requested_by], 'declined');
}

/** The student's guardians with an account (and enabled) are told the move is done. */
export async function noticeAccepted(tx: Kysely<Database>, t: TransferRow) {
  const rows = await tx
    .selectFrom('user_account as u')
    .innerJoin('student_guardian as sg', 'sg.guardian_id', 'u.guardian_id')
    .select('u.id')
    .where('u.kind', '=', 'guardian')
    .where('u.disabled_at', 'is', null)
    .where('sg.student_id', '=', t.student_id)
    .execute();
  await notify(
    tx,
    t,
    'transfer.accepted',
    rows.map((r) => r.id),
    'accepted',
  );
}
