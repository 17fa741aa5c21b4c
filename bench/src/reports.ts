import { SESSION_COOKIE } from '../../packages/server/src/auth/sessions.js';

/** Signs a staff member in through the real route and returns the cookie to send with reads. */
export async function staffCookie(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
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
