import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { bindingsJson, type AccountWithBindings } from './actor.js';

export type SignInAccount = AccountWithBindings & {
  password_hash: string;
  locked_until: Date | null;
  failed_attempts: number;
  activated_at: Date | null;
};

interface Row extends Partial<SignInAccount> {
  throttle_failures: number | null;
  throttle_window_started_at: Date | null;
  backoff_failures: number | null;
  backoff_last_failure_at: Date | null;
}

/**
 * What a sign-in needs before the password check, in one statement: the client's throttle row, the
 * (username, client) delay row and the account by username key (lower-cased) with its role bindings.
 * Any may be missing.
 */
export async function findSignIn(db: Kysely<Database>, usernameKey: string, clientKey: string) {
  const { rows } = await sql<Row>`
    select t.failures as throttle_failures, t.window_started_at as throttle_window_started_at,
           d.failures as backoff_failures, d.last_failure_at as backoff_last_failure_at,
           a.id, a.kind, a.username, a.display_name, a.locale, a.must_change_password, a.city_id, a.district_id, a.school_id,
           a.student_id, a.guardian_id, a.disabled_at, a.password_hash, a.locked_until, a.failed_attempts, a.activated_at,
           ${bindingsJson()} as bindings
      from (select 1) as one
      left join user_account a on lower(a.username) = ${usernameKey}::text
      left join signin_throttle t on t.client_key = ${clientKey}::text
      left join signin_backoff d on d.username_key = ${usernameKey}::text and d.client_key = ${clientKey}::text
  `.execute(db);
  const { throttle_failures, throttle_window_started_at, backoff_failures, backoff_last_failure_at, ...account } =
    rows[0]!;
  return {
    throttle: throttle_window_started_at
      ? { failures: throttle_failures ?? 0, window_started_at: throttle_window_started_at }
      : null,
    backoff: backoff_last_failure_at
      ? { failures: backoff_failures ?? 0, last_failure_at: backoff_last_failure_at }
      : null,
    account: account.id ? (account as SignInAccount) : null,
  };
}
