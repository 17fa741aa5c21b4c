/**
 * Errors that mean "the database cannot be reached right now" rather than "this request is wrong": the
 * server restarting or failing over, a connection cut, a connect that timed out. Requests that meet one are
 * answered 503 with Retry-After (error-handler.ts) and the process lives on; the pool opens fresh
 * connections once the database is back.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up, shutting down,
    // in recovery); class 08 is every connection exception.
    if (code === '57P01' || code === '57P02' || code === '57P03' || code.startsWith('08')) return true;
    if (NETWORK_CODES.has(code)) return true;
  }
  // node-postgres reports a socket that closed under it, and a connect or query that timed out, as plain
  // Errors with these messages and no code.
  if (
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout/i.test(
      err.message,
    )
  )
    return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isDatabaseUnavailable(cause);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Seconds a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
