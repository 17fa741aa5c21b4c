import { CHINA_TIME } from '@yuxin/core';
import type { EscalationLevel } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { NotificationPayload } from './channels.js';
import { wm } from './messages.js';

export interface AlertFacts {
  id: string;
  urgency: 'crisis' | 'high' | 'attention';
  district_id: string;
  school_id: string;
  due_at: Date;
}

/** Who is told at each level of the ladder: the school's psychology teachers, its leaders, the district centre. */
const AUDIENCE: Record<EscalationLevel, { role: string; scope: 'school' | 'district' }> = {
  school: { role: 'psych_teacher', scope: 'school' },
  leader: { role: 'school_leader', scope: 'school' },
  district: { role: 'district_staff', scope: 'district' },
};

function recipients(db: Kysely<Database>, alert: AlertFacts, level: EscalationLevel): Promise<string[]> {
  const { role, scope } = AUDIENCE[level];
  return usersWithRole(db, role, scope, scope === 'school' ? alert.school_id : alert.district_id);
}

/** The enabled accounts bound to `role` at exactly this class, school, district or hospital. */
export async function usersWithRole(
  db: Kysely<Database>,
  role: string,
  scope: 'class' | 'school' | 'district' | 'hospital',
  scopeId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('role_binding as rb')
    .innerJoin('user_account as u', 'u.id', 'rb.user_id')
    .select('u.id')
    .distinct()
    .where('rb.role', '=', role)
    .where('rb.scope_level', '=', scope)
    .where('rb.scope_id', '=', scopeId)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

export const chinaTime = (d: Date, locale: 'zh-CN' | 'en') =>
  new Intl.DateTimeFormat(locale, {
    ...CHINA_TIME,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);

function payloadFor(alert: AlertFacts, schoolName: string, level: EscalationLevel): NotificationPayload {
  const both = (f: (l: 'zh-CN' | 'en') => string) => ({ 'zh-CN': f('zh-CN'), en: f('en') });
  const urgency = (l: 'zh-CN' | 'en') => wm(`urgency.${alert.urgency}`, l);
  if (level === 'school') {
    return {
      kind: 'alert.raised',
      alertId: alert.id,
      urgency: alert.urgency,
      title: both((l) => wm('notify.raised.title', l, { urgency: urgency(l) })),
      body: both((l) => wm('notify.body', l, { school: schoolName, due: chinaTime(alert.due_at, l) })),
    };
  }
  return {
    kind: 'alert.escalated',
    alertId: alert.id,
    urgency: alert.urgency,
    title: both((l) => wm('notify.escalated.title', l, { urgency: urgency(l), level: wm(`level.${level}`, l) })),
    body: both((l) => wm('notify.escalated.body', l, { school: schoolName })),
  };
}

/**
 * Tells everyone at one level of the ladder about an alert: an in-app notification each, an outbox row
 * per recipient and channel, and a `notified` event. Call inside the transaction that raised or escalated
 * the alert, so the alert never exists without its notifications. Dedupe keys make a repeat a no-op.
 */
export async function notifyAlert(
  tx: Kysely<Database>,
  alert: AlertFacts,
  level: EscalationLevel,
  channels: readonly string[],
): Promise<number> {
  const users = await recipients(tx, alert, level);
  if (users.length === 0) return 0;
  const school = await tx.selectFrom('org_unit').select('name_zh').where('id', '=', alert.school_id).executeTakeFirst();
  const payload = payloadFor(alert, school?.name_zh ?? '', level);
  await enqueueNotifications(tx, {
    users,
    payload,
    alertId: alert.id,
    channels,
    dedupePrefix: `alert:${alert.id}:${level}`,
  });
  await tx
    .insertInto('alert_event')
    .values({ alert_id: alert.id, kind: 'notified', detail: JSON.stringify({ level, recipients: users, channels }) })
    .execute();
  return users.length;
}

/**
 * Writes an in-app notification for each user and an outbox row per user and channel, keyed
 * `<dedupePrefix>:<user>:<channel>` so a repeated enqueue sends nothing twice. Call inside the transaction
 * that records why they are told.
 */
export async function enqueueNotifications(
  tx: Kysely<Database>,
  n: {
    users: readonly string[];
    payload: NotificationPayload;
    alertId?: string;
    channels: readonly string[];
    dedupePrefix: string;
  },
): Promise<void> {
  if (n.users.length === 0) return;
  const json = JSON.stringify(n.payload);
  const notes = await tx
    .insertInto('notification')
    .values(n.users.map((u) => ({ user_id: u, kind: n.payload.kind, alert_id: n.alertId ?? null, payload: json })))
    .returning(['id', 'user_id'])
    .execute();
  const outbox = notes.flatMap((note) =>
    n.channels.map((channel) => ({
      notification_id: note.id,
      channel,
      recipient_id: note.user_id,
      payload: json,
      dedupe_key: `${n.dedupePrefix}:${note.user_id}:${channel}`,
    })),
  );
  if (outbox.length)
    await tx
      .insertInto('notification_outbox')
      .values(outbox)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
}
