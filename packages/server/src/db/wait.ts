import { sql, type Kysely } from 'kysely';
import { isDatabaseUnavailable } from './unavailable.js';

/**
 * Waits for the database at start instead of exiting: app nodes and their database are often started
 * together (a reboot, a compose file), and a node that exits leaves the restarting to someone else. One
 * line per failed attempt says what is wrong; delays grow to maxDelayMs. Errors that waiting does not fix
 * (a wrong password, a missing database) are thrown at once.
 */
export async function waitForDatabase<DB>(
  db: Kysely<DB>,
  log: (line: string) => void,
  opts: { firstDelayMs?: number; maxDelayMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let delay = opts.firstDelayMs ?? 1_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`select 1`.execute(db);
      if (attempt > 1) log(`database: reachable after ${attempt} attempts`);
      return;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      const e = err as Error & { code?: string };
      log(
        `database: not reachable (attempt ${attempt}: ${e.code ? `${e.code} ` : ''}${e.message}); ` +
          `retrying in ${Math.round(delay / 1000)} s`,
      );
      await sleep(delay);
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 10_000);
    }
  }
}
