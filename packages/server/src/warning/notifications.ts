import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import type { ServiceContext } from '../services/context.js';
import type { NotificationPayload } from './channels.js';

/** The signed-in person's own notifications, newest first, in their language. */
export async function listNotifications(
  db: Kysely<Database>,
  userId: string,
  locale: Locale,
  opts: { unread?: boolean; page: number; pageSize: number },
) {
  let q = db.selectFrom('notification').where('user_id', '=', userId);
  if (opts.unread) q = q.where('read_at', 'is', null);
  const [{ total }] = (await q.select(sql<number>`count(*)::int`.as('total')).execute()) as [{ total: number }];
  const { unread } = await db
    .selectFrom('notification')
    .select(sql<number>`count(*)::int`.as('unread'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  const items = rows.map((r) => {
    const p = r.payload as NotificationPayload;
    return {
      id: r.id,
      kind: r.kind,
      alertId: r.alert_id,
      caseId: 'caseId' in p ? p.caseId : null,
      urgency: 'urgency' in p ? p.urgency : null,
      title: p.title?.[locale] ?? '',
      body: p.body?.[locale] ?? '',
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    };
  });
  return { items, total, unread, page: opts.page, pageSize: opts.pageSize };
}

/** Marks one of the person's own notifications read; null when it is not theirs (or does not exist). */
export async function markNotificationRead(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<{ id: string; readAt: string } | null> {
  const row = await db
    .updateTable('notification')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning(['id', 'read_at'])
    .executeTakeFirst();
  return row ? { id: row.id, readAt: row.read_at!.toISOString() } : null;
}

/** Marks one of the actor's own notifications read, audited; someone else's is not found (null). */
export async function markOwnNotificationRead(
  ctx: ServiceContext,
  id: string,
): Promise<{ id: string; readAt: string } | null> {
  return ctx.db.transaction().execute(async (tx) => {
    const marked = await markNotificationRead(tx, ctx.actorId, id);
    if (marked) await ctx.audit(tx, { action: 'notification.read', targetType: 'notification', targetId: marked.id });
    return marked;
  });
}

/**
 * Once an alert is taken on, its "new alert" and "escalated" notices wait for no one any more: everyone's
 * unread notices about it read as read, so the bell counts only what still needs someone. Call in the
 * transaction that acknowledges the alert.
 */
export async function settleAlertNotifications(tx: Kysely<Database>, alertId: string): Promise<void> {
  await tx
    .updateTable('notification')
    .set({ read_at: sql<Date>`now()` })
    .where('alert_id', '=', alertId)
    .where('read_at', 'is', null)
    .execute();
}

/** How many of the person's notifications are unread: the bell's number. */
export async function unreadCount(db: Kysely<Database>, userId: string): Promise<number> {
  const { unread } = await db
    .selectFrom('notification')
    .select(sql<number>`count(*)::int`.as('unread'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return unread;
}
