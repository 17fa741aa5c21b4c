import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/** Seconds until this client may try again, or 0, from its throttle row (sign-in reads it with the account). */
export function retryAfterOf(
  row: { failures: number; window_started_at: Date } | null,
  limit: number,
  windowMinutes: number,
): number {
  if (!row) return 0;
  const windowEnds = row.window_started_at.getTime() + windowMinutes * 60_000;
  if (windowEnds <= Date.now() || row.failures < limit) return 0;
  return Math.ceil((windowEnds - Date.now()) / 1000);
}

export async function recordClientFailure(
  db: Kysely<Database>,
  clientKey: string,
  windowMinutes: number,
): Promise<void> {
  await sql`
    insert into signin_throttle (client_key, window_started_at, failures) values (${clientKey}, now(), 1)
    on conflict (client_key) do update set
      failures = case when signin_throttle.window_started_at < now() - make_interval(mins => ${windowMinutes}) then 1 else signin_throttle.failures + 1 end,
      window_started_at = case when signin_throttle.window_started_at < now() - make_interval(mins => ${windowMinutes}) then now() else signin_throttle.window_started_at end
  `.execute(db);
}
