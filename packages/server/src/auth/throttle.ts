import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { Problem } from '../http/problem.js';

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

/** How the growing delays grow: free failures first (typos), then 1 s, 2 s, 4 s … up to a cap. */
export interface BackoffPolicy {
  freeFailures: number;
  maxDelaySeconds: number;
}

/** A day without failures forgets the earlier ones. */
const FORGET_AFTER_MS = 24 * 3600_000;

/** The submitted username as sign-in compares it, whether or not such an account exists. */
export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

export function delayAfter(failures: number, policy: BackoffPolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxDelaySeconds, 2 ** Math.min(30, failures - policy.freeFailures));
}

/** Seconds this (username, client) pair must still wait, or 0. */
export function backoffRetryAfter(
  row: { failures: number; last_failure_at: Date } | null,
  policy: BackoffPolicy,
  now = Date.now(),
): number {
  if (!row || now - row.last_failure_at.getTime() > FORGET_AFTER_MS) return 0;
  const until = row.last_failure_at.getTime() + delayAfter(row.failures, policy) * 1000;
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/**
 * One more failure for this username from this client, in one statement whether or not the account
 * exists (the same work either way, so neither the answer nor its timing tells). An existing account
 * also shows the delay on itself, so administrators see it in the locked-accounts list.
 */
export async function recordBackoffFailure(
  db: Kysely<Database>,
  key: string,
  clientKey: string,
  policy: BackoffPolicy,
): Promise<void> {
  const forgetMs = FORGET_AFTER_MS;
  await sql`
    with bumped as (
      insert into signin_backoff (username_key, client_key, failures, last_failure_at) values (${key}, ${clientKey}, 1, now())
      on conflict (username_key, client_key) do update set
        failures = case when signin_backoff.last_failure_at < now() - make_interval(secs => ${forgetMs / 1000}) then 1 else signin_backoff.failures + 1 end,
        last_failure_at = now()
      returning failures, last_failure_at
    )
    update user_account a set
      failed_attempts = b.failures,
      locked_until = case when b.failures >= ${policy.freeFailures}::int
        then b.last_failure_at + make_interval(secs => least(${policy.maxDelaySeconds}::int, power(2, least(30, b.failures - ${policy.freeFailures}::int)))::double precision)
        else a.locked_until end
      from bumped b
     where lower(a.username) = ${key}::text
  `.execute(db);
}

/** The client address's failures in its current window, if any. */
export async function findThrottle(
  db: Kysely<Database>,
  clientKey: string,
): Promise<{ failures: number; window_started_at: Date } | null> {
  const row = await db
    .selectFrom('signin_throttle')
    .select(['failures', 'window_started_at'])
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
  return row ?? null;
}

/** The failures recorded for this (key, client) pair, if any. */
export async function findBackoff(
  db: Kysely<Database>,
  key: string,
  clientKey: string,
): Promise<{ failures: number; last_failure_at: Date } | null> {
  const row = await db
    .selectFrom('signin_backoff')
    .select(['failures', 'last_failure_at'])
    .where('username_key', '=', key)
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
  return row ?? null;
}

/** A good sign-in from this client forgets this client's failures for the username. */
export async function clearBackoff(db: Kysely<Database>, key: string, clientKey: string): Promise<void> {
  await db.deleteFrom('signin_backoff').where('username_key', '=', key).where('client_key', '=', clientKey).execute();
}

/** An administrator's unlock: the username's delays from every client address end. */
export async function clearSignInDelays(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('signin_backoff').where('username_key', '=', usernameKey(username)).execute();
}

/** 429 with Retry-After: the same answer for every username, existing or not. */
export function delayedProblem(seconds: number): Problem {
  return new Problem('signin-delayed', {
    params: { seconds },
    extra: { retryAfter: seconds },
    headers: { 'retry-after': String(seconds) },
  });
}
