import type { FastifyBaseLogger } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/**
 * Moves the count changes that writes have committed into the report counts (migration 0011). Reports call
 * it before reading, so they count everything committed before they were asked for; a fold in progress
 * elsewhere is waited for. Returns how many count rows changed.
 */
export async function foldReportCounts(db: Kysely<Database>, opts: { wait?: boolean } = {}): Promise<number> {
  const { rows } = await sql<{
    folded: number;
  }>`select report_fold(${opts.wait ?? true}::boolean)::int as folded`.execute(db);
  return rows[0]?.folded ?? 0;
}

export const DEFAULT_FOLD_INTERVAL_MS = 5_000;

/**
 * Folds in the background, so count changes never pile up between report reads (a screening window writes
 * millions). Every app node runs one; a node that finds another folding skips its turn.
 */
export class ReportFoldLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: { intervalMs?: number; log?: FastifyBaseLogger } = {},
  ) {}

  start() {
    const every = this.opts.intervalMs ?? DEFAULT_FOLD_INTERVAL_MS;
    if (every <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = foldReportCounts(this.db, { wait: false })
        .catch((err: unknown) => this.opts.log?.error({ err }, 'report fold failed'))
        .finally(() => (this.running = null));
    }, every);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
