import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { LogChannel, type NotificationChannel } from './channels.js';
import { dispatchOutbox } from './dispatch.js';
import { sweepFollowUpNotices } from '../cases/follow-up-notices.js';
import { sweepCounselingReminders } from '../counseling/reminders.js';
import { sweepEscalations } from './escalate.js';

export interface WarningOptions {
  /** The time the loop acts at; tests pass a fake clock instead of sleeping. */
  clock?: () => Date;
  /** Adapters by channel name (SMS, WeChat, e-mail); the log channel is always there unless replaced. */
  channels?: NotificationChannel[];
  /** How often to sweep and dispatch; 0 leaves the loop to be ticked by hand. */
  intervalMs?: number;
}

export const DEFAULT_WARNING_INTERVAL_MS = 30_000;

/**
 * The app's background duty for early warning: escalate overdue alerts, tell people about overdue case
 * follow-ups, remind people of counseling appointments, then deliver the outbox. Started when the app is
 * ready, stopped when it closes; a tick never overlaps the previous one.
 */
export class WarningLoop {
  readonly clock: () => Date;
  readonly channels: ReadonlyMap<string, NotificationChannel>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: WarningOptions & { log?: FastifyBaseLogger } = {},
  ) {
    this.clock = opts.clock ?? (() => new Date());
    const all = [new LogChannel(db, opts.log), ...(opts.channels ?? [])];
    this.channels = new Map(all.map((c) => [c.name, c]));
  }

  start() {
    const every = this.opts.intervalMs ?? DEFAULT_WARNING_INTERVAL_MS;
    if (every <= 0 || this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.tick().catch((err: unknown) => this.opts.log?.error({ err }, 'warning loop tick failed'));
    }, every);
    this.timer.unref();
  }

  /** One sweep and one dispatch at the clock's time; resolves with what was done. */
  async tick(): Promise<{ escalated: number; followUpNotices: number; counselingReminders: number; sent: number }> {
    if (this.stopped) return { escalated: 0, followUpNotices: 0, counselingReminders: 0, sent: 0 };
    const work = (async () => {
      const escalated = await sweepEscalations(this.db, this.clock());
      const followUpNotices = await sweepFollowUpNotices(this.db, this.clock());
      const counselingReminders = await sweepCounselingReminders(this.db, this.clock());
      const sent = await dispatchOutbox(this.db, this.channels, this.clock());
      return { escalated, followUpNotices, counselingReminders, sent };
    })();
    this.running = work;
    try {
      return await work;
    } finally {
      this.running = null;
    }
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
