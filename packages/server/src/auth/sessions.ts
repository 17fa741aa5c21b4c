import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { auditAppendCtes, type AuditEntry } from '../audit/audit.js';
import { batchedLookup } from '../db/batched-lookup.js';
import { compiledOnce } from '../db/compiled-once.js';
import { SessionBatcher, type SessionToOpen } from './session-batch.js';
import type { Database } from '../db/types.js';
import { ACCOUNT_COLUMNS, bindingsColumn, toSignedIn, type SignedIn } from './actor.js';

export const SESSION_COOKIE = 'yx_sid';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const batchers = new WeakMap<Kysely<Database>, SessionBatcher>();

/**
 * A new session with its audit entry, committed together before this returns: a session never exists without
 * its entry. Sign-ins at the same moment share one commit (session-batch.ts); inside a caller's transaction
 * the session is written by that transaction instead, so it commits or rolls back with the rest.
 */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  opts: {
    absoluteHours: number;
    ip?: string;
    userAgent?: string;
    secondFactor?: 'verify' | 'enrol' | null;
    /** A screening-code session: it reaches only this assignment, and ends the code's earlier session. */
    screeningCode?: { id: string; assignmentId: string };
    /**
     * Clears the account's failed attempts and lock and records its first sign-in, in the session's own write:
     * on a screening morning most sign-ins are a student's first, and a statement and commit of their own cost
     * PostgreSQL as much as the rest of the sign-in.
     */
    resetAccount?: boolean;
  },
  audit: AuditEntry,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const code = opts.screeningCode;
  const session = {
    tokenHash: hashToken(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + opts.absoluteHours * 3600_000),
    ip: opts.ip ?? null,
    userAgent: opts.userAgent?.slice(0, 300) ?? null,
    secondFactor: opts.secondFactor ?? null,
    onlyAssignmentId: code?.assignmentId ?? null,
    screeningCodeId: code?.id ?? null,
    resetAccount: opts.resetAccount ?? false,
    audit,
  };
  if (db.isTransaction) {
    await createSessionIn(db, session);
  } else {
    let batcher = batchers.get(db);
    if (!batcher) batchers.set(db, (batcher = new SessionBatcher(db)));
    await batcher.open(session);
  }
  return { token, csrfToken };
}

/** One session and its audit entry by one statement of the caller's transaction. */
async function createSessionIn(db: Kysely<Database>, s: SessionToOpen): Promise<void> {
  // One device at a time per code: the session opened with it before ends in the same statement.
  const endEarlier = s.screeningCodeId
    ? sql`ended as (
        update user_session set revoked_at = now()
         where screening_code_id = ${s.screeningCodeId}::uuid and revoked_at is null
      ),`
    : sql``;
  const reset = s.resetAccount
    ? sql`reset as (
        update user_account set failed_attempts = 0, locked_until = null, activated_at = coalesce(activated_at, now())
         where id = ${s.userId}::uuid
      ),`
    : sql``;
  await sql`
    with ${reset} ${endEarlier} opened as (
      insert into user_session (token_hash, user_id, csrf_token, last_seen_at, expires_at, ip, user_agent, second_factor,
                                only_assignment_id, screening_code_id)
      values (${s.tokenHash}, ${s.userId}::uuid, ${s.csrfToken}, ${new Date()}::timestamptz, ${s.expiresAt}::timestamptz,
              ${s.ip}::text, ${s.userAgent}::text, ${s.secondFactor}::text, ${s.onlyAssignmentId}::uuid, ${s.screeningCodeId}::uuid)
    ), ${auditAppendCtes(s.audit)}
    select 1
  `.execute(db);
}

/**
 * The sessions' rows with their accounts and bindings: run before every signed-in request, so compiled once,
 * and the requests arriving together read by one statement (db/batched-lookup.ts); `turn` is the token's place.
 */
const liveSessionRows = compiledOnce((db: Kysely<Database>, tokenHashes: string[]) =>
  db
    .selectFrom(
      sql<{
        token_hash: string;
        turn: string;
      }>`(select * from unnest(${tokenHashes}::text[]) with ordinality as u (token_hash, turn))`.as('q'),
    )
    .innerJoin('user_session as s', 's.token_hash', 'q.token_hash')
    .innerJoin('user_account as a', 'a.id', 's.user_id')
    .select([
      'q.turn',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      's.second_factor',
      's.only_assignment_id',
    ])
    .select(ACCOUNT_COLUMNS)
    .select(bindingsColumn()),
);
const sessionFinder = batchedLookup((db, tokenHashes: readonly string[]) => liveSessionRows(db, [...tokenHashes]));

export interface LiveSession {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  /** A password-only session still owing its second factor; it reaches only the routes that settle it. */
  secondFactor: 'verify' | 'enrol' | null;
  /** Set for a session opened with a screening code: the one assignment it may reach. */
  onlyAssignment: string | null;
}

/**
 * The live session of this token with its account and role bindings, in one statement: it runs before every
 * signed-in request. A session is live until revoked, past its absolute expiry, or idle longer than allowed;
 * a disabled account's sessions carry no one.
 */
export async function findSignedInSession(
  db: Kysely<Database>,
  token: string,
  idleMinutes: number,
): Promise<{ session: LiveSession; signedIn: SignedIn } | null> {
  const tokenHash = hashToken(token);
  // Inside a transaction the read is the transaction's own; otherwise it may share a statement with others.
  const row = db.isTransaction ? (await liveSessionRows(db, [tokenHash]))[0] : await sessionFinder(db).load(tokenHash);
  if (!row || row.revoked_at) return null;
  const now = Date.now();
  if (row.expires_at.getTime() <= now) return null;
  if (row.last_seen_at.getTime() + idleMinutes * 60_000 <= now) return null;
  const {
    turn: _turn,
    csrf_token,
    last_seen_at,
    expires_at: _expires,
    revoked_at: _revoked,
    second_factor,
    only_assignment_id,
    ...account
  } = row;
  const signedIn = toSignedIn(account);
  if (!signedIn) return null;
  // Touch at most once a minute: a write per request would cost more than the request.
  if (now - last_seen_at.getTime() > 60_000) {
    await db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(now) })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  return {
    session: {
      tokenHash,
      userId: account.id,
      csrfToken: csrf_token,
      secondFactor: second_factor,
      onlyAssignment: only_assignment_id,
    },
    signedIn,
  };
}

export async function revokeSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.updateTable('user_session').set({ revoked_at: new Date() }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeAllSessions(db: Kysely<Database>, userId: string, keepTokenHash?: string): Promise<void> {
  let q = db
    .updateTable('user_session')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepTokenHash) q = q.where('token_hash', '!=', keepTokenHash);
  await q.execute();
}
