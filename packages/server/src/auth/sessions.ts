import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

export const SESSION_COOKIE = 'yx_sid';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  opts: { absoluteHours: number; ip?: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db
    .insertInto('user_session')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      last_seen_at: new Date(),
      expires_at: new Date(Date.now() + opts.absoluteHours * 3600_000),
      ip: opts.ip ?? null,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

export interface LiveSession {
  tokenHash: string;
  userId: string;
  csrfToken: string;
}

/** A session is live until revoked, past its absolute expiry, or idle longer than allowed. */
export async function findLiveSession(db: Kysely<Database>, token: string, idleMinutes: number): Promise<LiveSession | null> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('user_session')
    .select(['user_id', 'csrf_token', 'last_seen_at', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const now = Date.now();
  if (row.expires_at.getTime() <= now) return null;
  if (row.last_seen_at.getTime() + idleMinutes * 60_000 <= now) return null;
  // Touch at most once a minute: a write per request would cost more than the request.
  if (now - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('user_session').set({ last_seen_at: new Date(now) }).where('token_hash', '=', tokenHash).execute();
  }
  return { tokenHash, userId: row.user_id, csrfToken: row.csrf_token };
}

export async function revokeSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.updateTable('user_session').set({ revoked_at: new Date() }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeAllSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
