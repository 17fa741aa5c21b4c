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

async function recipients(db: Kysely<Database>, alert: AlertFacts, level: EscalationLevel): Promise<string[]> {
  const { role, scope } = AUDIENCE[level];
  const rows = await db
    .selectFrom('role_binding as rb')
    .innerJoin('user_account as u', 'u.id', 'rb.user_id')
    .select('u.id')
    .distinct()
    .where('rb.role', '=', role)
    .where('rb.scope_level', '=', scope)
    .where('rb.scope_id', '=', scope === 'school' ? alert.school_id : alert.district_id)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

const chinaTime = (d: Date, locale: 'zh-CN' | 'en') =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);

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
export async function notifyAlert(tx: Kysely<Database>, alert: AlertFacts, level: EscalationLevel, channels: readonly string[]): Promise<number> {
  const users = await recipients(tx, alert, level);
  if (users.length === 0) return 0;
  const school = await tx.selectFrom('org_unit').select('name_zh').where('id', '=', alert.school_id).executeTakeFirst();
  const payload = payloadFor(alert, school?.name_zh ?? '', level);
  const json = JSON.stringify(payload);
  const notes = await tx
    .insertInto('notification')
    .values(users.map((u) => ({ user_id: u, kind: payload.kind, alert_id: alert.id, payload: json })))
    .returning(['id', 'user_id'])
    .execute();
  const outbox = notes.flatMap((n) =>
    channels.map((channel) => ({ notification_id: n.id, channel, recipient_id: n.user_id, payload: json, dedupe_key: `alert:${alert.id}:${level}:${n.user_id}:${channel}` })),
  );
  if (outbox.length) await tx.insertInto('notification_outbox').values(outbox).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute();
  await tx
    .insertInto('alert_event')
    .values({ alert_id: alert.id, kind: 'notified', detail: JSON.stringify({ level, recipients: users, channels }) })
    .execute();
  return users.length;
}
