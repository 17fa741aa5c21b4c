import { randomBytes } from 'node:crypto';
import { sha256 } from '../../packages/server/src/audit/audit.js';
import { SESSION_COOKIE } from '../../packages/server/src/auth/sessions.js';

/**
 * Signs a staff member in through the real routes and returns the cookie to send with reads. Staff who read
 * reports owe a second factor: the harness gives the account an authenticator (its secret is never read here)
 * and one fresh recovery code in the database, and spends the code on the verify step, as a person would.
 */
export async function staffCookie(baseUrl: string, username: string, password: string, db: Queryable): Promise<string> {
  const recoveryCode = randomBytes(8).toString('hex').toUpperCase();
  await db.query(
    `with u as (select id from user_account where username = $1),
          t as (insert into staff_two_factor (user_id, secret_enc, confirmed_at)
                select id, 'unused by the bench', now() from u on conflict (user_id) do nothing)
     insert into two_factor_recovery_code (user_id, code_hash) select id, $2 from u`,
    [username, sha256(recoveryCode)],
  );
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${username} failed: ${login.status} ${await login.text()}`);
  const session = (await login.json()) as { csrfToken: string; user: { secondFactor: string | null } };
  let cookie = sessionCookie(login, username);
  if (session.user.secondFactor === 'verify') {
    const verified = await fetch(`${baseUrl}/api/v1/auth/two-factor/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ code: recoveryCode }),
    });
    if (!verified.ok)
      throw new Error(`second factor of ${username} failed: ${verified.status} ${await verified.text()}`);
    cookie = sessionCookie(verified, username);
  } else if (session.user.secondFactor) {
    throw new Error(`sign-in of ${username} still owes "${session.user.secondFactor}"`);
  }
  return cookie;
}

/** What staffCookie needs of a database connection (a pg Pool or Client). */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

function sessionCookie(res: Response, username: string): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`sign-in of ${username} set no session cookie`);
  return cookie.split(';')[0]!;
}

export interface LatencySample {
  n: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** One request at a time, as a person opening a report does; the first (cold) request is left out. */
export async function measureGet(url: string, cookie: string, n: number): Promise<LatencySample> {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i <= n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (!res.ok) errors++;
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { n, p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1]!, errors };
}
