import { decideGrant, type Actor, type Role, type ScopeLevel } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { generateInitialPassword, hashPassword } from '../auth/passwords.js';
import { revokeAllSessions } from '../auth/sessions.js';
import { clearSignInDelays } from '../auth/throttle.js';
import type { Database, UserAccount } from '../db/types.js';
import { Problem } from '../http/problem.js';
import { resolveBindingScope } from '../staff/scope-resolver.js';

export type ManagedAccount = Pick<
  UserAccount,
  'id' | 'kind' | 'username' | 'display_name' | 'city_id' | 'district_id' | 'school_id' | 'student_id'
>;

export function loadAccount(db: Kysely<Database>, userId: string): Promise<ManagedAccount | undefined> {
  return db
    .selectFrom('user_account')
    .select(['id', 'kind', 'username', 'display_name', 'city_id', 'district_id', 'school_id', 'student_id'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/**
 * Whoever resets a factor of an account may be able to act as it. Allowed when the actor could have granted
 * every role the account holds at once. A role that needed a second person's approval (psychological data)
 * may still have one factor reset, but only while the other stays unknown to the administrator: a password
 * only while the owner has a confirmed authenticator, the authenticator only once the owner has replaced
 * any password an administrator chose. Otherwise a school administrator could reset both factors of a
 * psychology teacher, or of a teacher who also holds a district role, and step into that role.
 */
export async function requireMayTakeOver(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  factor: 'password' | 'two-factor',
): Promise<void> {
  if (userId === actor.userId) throw new Problem('forbidden', { key: 'grant.self' });
  const bindings = await db
    .selectFrom('role_binding')
    .select(['role', 'scope_level', 'scope_id'])
    .where('user_id', '=', userId)
    .execute();
  let fourEyes = false;
  for (const b of bindings) {
    const resolved = await resolveBindingScope(db, b.scope_level as ScopeLevel, b.scope_id);
    const decision = resolved
      ? decideGrant(actor, {
          granteeUserId: userId,
          role: b.role as Role,
          scope: resolved.scope,
          placement: resolved.placement,
        })
      : null;
    if (!decision || decision.outcome === 'refused') throw new Problem('forbidden', { key: 'grant.not-allowed' });
    if (decision.outcome === 'pending') fourEyes = true;
  }
  if (!fourEyes) return;
  const account = await db
    .selectFrom('user_account as a')
    .leftJoin('staff_two_factor as f', 'f.user_id', 'a.id')
    .select(['a.must_change_password', 'f.confirmed_at'])
    .where('a.id', '=', userId)
    .executeTakeFirstOrThrow();
  const otherFactorKnown = factor === 'password' ? !account.confirmed_at : account.must_change_password;
  if (otherFactorKnown) throw new Problem('forbidden', { key: 'grant.takeover' });
}

/** Clears the sign-in delays of the account's username from every client address. */
export async function unlockAccount(tx: Kysely<Database>, userId: string): Promise<void> {
  const account = await tx
    .updateTable('user_account')
    .set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', userId)
    .returning('username')
    .executeTakeFirstOrThrow();
  await clearSignInDelays(tx, account.username);
}

/**
 * A new one-time password the owner must replace at next sign-in; every session of the account ends,
 * since whoever held them may be the reason for the reset.
 */
export async function resetAccountPassword(tx: Kysely<Database>, userId: string): Promise<string> {
  const temporaryPassword = generateInitialPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await tx
    .updateTable('user_account')
    .set({ password_hash: passwordHash, must_change_password: true, failed_attempts: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
  await revokeAllSessions(tx, userId);
  return temporaryPassword;
}
