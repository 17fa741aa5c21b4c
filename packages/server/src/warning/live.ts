import type { LiveNotice } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';

type Listener = (notice: LiveNotice) => void;

/**
 * Pushes new notifications to this node's open streams. The app runs as several stateless nodes on one
 * database, and a notification may be written by any of them, so each node polls the notification table
 * itself: one query per tick for all of its connected accounts, never one per client, and none while no
 * one is connected. Polling (rather than LISTEN/NOTIFY) works the same on PostgreSQL and on the embedded
 * PGlite, and needs no connection held outside the pool.
 *
 * created_at is the writing transaction's start, so a notice can commit after a later-stamped one: each
 * tick therefore looks back a window (LOOKBACK_MS) and remembers what it already sent, instead of
 * following a strict cursor that would skip a slow transaction's rows.
 */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly sent = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  static readonly LOOKBACK_MS = 15_000;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: { intervalMs?: number; onError?: (err: unknown) => void } = {},
  ) {}

  /** Starts delivering the account's new notifications to `listener`; returns the unsubscribe. */
  subscribe(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    this.schedule();
    return () => {
      const s = this.listeners.get(userId);
      if (!s) return;
      s.delete(listener);
      if (s.size === 0) this.listeners.delete(userId);
    };
  }

  get connected(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.listeners.clear();
  }

  private schedule() {
    if (this.timer || this.stopped || this.listeners.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .catch((err: unknown) => this.opts.onError?.(err))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.opts.intervalMs ?? 500);
    this.timer.unref();
  }

  /** One poll: every new notification of a connected account, with that account's unread count. */
  async tick(): Promise<void> {
    const users = [...this.listeners.keys()];
    if (users.length === 0) return;
    const rows = await this.db
      .selectFrom('notification as n')
      .select(['n.id', 'n.user_id', 'n.kind', 'n.alert_id', 'n.created_at'])
      .select((eb) =>
        eb
          .selectFrom('notification as u')
          .select(sql<number>`count(*)::int`.as('c'))
          .whereRef('u.user_id', '=', 'n.user_id')
          .where('u.read_at', 'is', null)
          .as('unread'),
      )
      .where('n.user_id', 'in', users)
      .where(
        'n.created_at',
        '>',
        sql<Date>`now() - ${sql.lit(`${NotificationHub.LOOKBACK_MS} milliseconds`)}::interval`,
      )
      .orderBy('n.created_at')
      .execute();
    const now = Date.now();
    for (const [id, at] of this.sent) if (at < now - 2 * NotificationHub.LOOKBACK_MS) this.sent.delete(id);
    for (const r of rows) {
      if (this.sent.has(r.id)) continue;
      this.sent.set(r.id, now);
      const notice: LiveNotice = {
        id: r.id,
        kind: r.kind,
        alertId: r.alert_id,
        createdAt: r.created_at.toISOString(),
        unread: Number(r.unread ?? 0),
      };
      for (const listener of this.listeners.get(r.user_id) ?? []) listener(notice);
    }
  }
}

/** Whether a session still carries its person, without touching it (a stream must not keep a session alive). */
export async function sessionStillLive(db: Kysely<Database>, tokenHash: string, idleMinutes: number): Promise<boolean> {
  const row = await db
    .selectFrom('user_session')
    .select(['revoked_at', 'expires_at', 'last_seen_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at) return false;
  const now = Date.now();
  return row.expires_at.getTime() > now && row.last_seen_at.getTime() + idleMinutes * 60_000 > now;
}
