import { sql, type Kysely } from 'kysely';
import type { Database } from './types.js';

/** How long a report waits for the replica to replay what the primary has committed. */
export const REPLICA_CATCH_UP_MS = 2_000;

/**
 * The connection a read that must see everything committed so far may use: the replica once it has
 * replayed the primary's WAL up to now, else (replica behind longer than waitMs, or unreachable) the
 * primary itself, so a lagging replica makes reports slower for the primary, never wrong. Without a
 * replica (readDb is db) nothing is asked.
 */
export async function caughtUpReadDb(
  db: Kysely<Database>,
  readDb: Kysely<Database>,
  waitMs = REPLICA_CATCH_UP_MS,
): Promise<Kysely<Database>> {
  if (readDb === db) return db;
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(db);
  const lsn = rows[0]!.lsn;
  const until = Date.now() + waitMs;
  try {
    for (;;) {
      // Null on a server that is not in recovery (a copy that is a primary of its own): nothing to replay.
      const { rows: r } = await sql<{ replayed: boolean | null }>`
        select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as replayed`.execute(readDb);
      if (r[0]?.replayed !== false) return readDb;
      if (Date.now() >= until) return db;
      await new Promise((done) => setTimeout(done, 20));
    }
  } catch {
    // A replica down for maintenance must not take the reports down with it.
    return db;
  }
}
