import { generate } from 'otplib';

/** Demo staff's TOTP secrets per running server, from its demo-sign-ins.json (see seed/demo-two-factor.ts). */
const secretsByServer = new Map<string, Record<string, string>>();
const lastStep = new Map<string, number>();

export function rememberSecrets(baseUrl: string, secrets: Record<string, string> | undefined) {
  secretsByServer.set(baseUrl, secrets ?? {});
}

/** An account's authenticator set up during the test (a city built from an empty database has no demo ones). */
export function rememberSecret(baseUrl: string, username: string, secret: string) {
  secretsByServer.set(baseUrl, { ...secretsByServer.get(baseUrl), [username]: secret });
}

export function secretOf(baseUrl: string, username: string): string | undefined {
  return secretsByServer.get(baseUrl)?.[username];
}

/**
 * The next code an authenticator would show for this demo account. The server accepts a code of the time
 * step before, at or after now, each step once: a test signing the same account in several times uses
 * the next unused step, and waits for the clock when it would run ahead of the server's window.
 */
export async function nextCode(baseUrl: string, username: string, secret = secretOf(baseUrl, username)) {
  if (!secret) throw new Error(`${username} has no demo authenticator on ${baseUrl}`);
  const key = `${baseUrl}|${username}`;
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, (lastStep.get(key) ?? -1) + 1);
  const waitMs = (step - 1) * 30_000 - Date.now();
  if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs + 250));
  lastStep.set(key, step);
  return generate({ secret, epoch: step * 30 });
}
