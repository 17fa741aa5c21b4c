import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { NotificationChannel, NotificationPayload } from './channels.js';

/** A row claimed but not marked within this long belongs to a process that died; it is sent again. */
export const CLAIM_LEASE_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 8;
const BATCH = 50;
const MAX_ROUNDS = 20;

/** Retry after 1, 2, 4 … minutes, at most an hour apart. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

interface Claimed {
  id: string;
  notification_id: string | null;
  channel: string;
  recipient_id: string;
  payload: NotificationPayload;
  attempts: number;
}

/**
 * Delivers due outbox rows, as of `now`. A row is claimed (status `sending`, with a lease) in a short
 * transaction using FOR UPDATE SKIP LOCKED, so concurrent dispatchers never take the same row; then sent
 * with its id as idempotency key; then marked sent. A crash between send and mark leaves the claim to
 * expire and the row is sent again with the same key, which the channel drops as a duplicate.
 */
export async function dispatchOutbox(
  db: Kysely<Database>,
  channels: ReadonlyMap<string, NotificationChannel>,
  now: Date,
): Promise<number> {
  let sent = 0;
  // A burst (a whole school's screening) drains in one tick, but a tick still ends.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const batch = await dispatchBatch(db, channels, now);
    sent += batch.sent;
    if (batch.claimed < BATCH) break;
  }
  return sent;
}

async function dispatchBatch(
  db: Kysely<Database>,
  channels: ReadonlyMap<string, NotificationChannel>,
  now: Date,
): Promise<{ claimed: number; sent: number }> {
  const leaseExpired = new Date(now.getTime() - CLAIM_LEASE_MS);
  const claimed = await db.transaction().execute(async (tx) => {
    const result = await sql<Claimed>`
      update notification_outbox o
         set status = 'sending', claimed_at = ${now}, attempts = o.attempts + 1
       where o.id in (
         select id from notification_outbox
          where (status = 'pending' and next_attempt_at <= ${now}) or (status = 'sending' and claimed_at <= ${leaseExpired})
          order by next_attempt_at, id
          limit ${BATCH}
          for update skip locked)
   returning o.id, o.notification_id, o.channel, o.recipient_id, o.payload, o.attempts
    `.execute(tx);
    return result.rows;
  });
  let sent = 0;
  for (const row of claimed) {
    const channel = channels.get(row.channel);
    try {
      if (!channel) throw new Error(`no adapter for channel ${row.channel}`);
      await channel.send({ idempotencyKey: row.id, recipientId: row.recipient_id, payload: row.payload });
    } catch (err) {
      const failed = row.attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('notification_outbox')
        .set({
          status: failed ? 'failed' : 'pending',
          claimed_at: null,
          next_attempt_at: new Date(now.getTime() + retryDelayMs(row.attempts)),
          last_error: (err instanceof Error ? err.message : String(err)).slice(0, 500),
        })
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .execute();
      continue;
    }
    await db.transaction().execute(async (tx) => {
      const marked = await tx
        .updateTable('notification_outbox')
        .set({ status: 'sent', sent_at: now, last_error: null })
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .returning('id')
        .executeTakeFirst();
      // Follow-up notices have their record on the case timeline, written when they were enqueued.
      if (!marked || !('alertId' in row.payload)) return;
      await tx
        .insertInto('alert_event')
        .values({
          alert_id: row.payload.alertId,
          kind: 'notified',
          at: now,
          detail: JSON.stringify({ delivered: row.id, channel: row.channel, recipient: row.recipient_id }),
        })
        .execute();
    });
    sent++;
  }
  return { claimed: claimed.length, sent };
}
