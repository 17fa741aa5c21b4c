import { canGrant, type Actor, type OrgPlacement, type Role, type ScopeLevel } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { generateInitialPassword, hashPassword } from '../auth/passwords.js';
import { revokeAllSessions } from '../auth/sessions.js';
import type { Database, UserAccount } from '../db/types.js';
import { Problem } from '../http/problem.js';
import { resolveBindingScope } from '../staff/scope-resolver.js';

export type ManagedAccount = Pick<
  UserAccount,
  'id' | 'kind' | 'username' | 'display_name' | 'city_id' | 'district_id' | 'school_id' | 'student_id'
>;

/** Where an account sits for account.manage: its own city/district/school, and its student for person scopes. */
export function placementOfAccount(
  a: Pick<UserAccount, 'city_id' | 'district_id' | 'school_id' | 'student_id'>,
): OrgPlacement {
  return { cityId: a.city_id, districtId: a.district_id, schoolId: a.school_id, personId: a.student_id };
}

export function loadAccount(db: Kysely<Database>, userId: string): Promise<ManagedAccount | undefined> {
  return db
    .selectFrom('user_account')
    .select(['id', 'kind', 'username', 'display_name', 'city_id', 'district_id', 'school_id', 'student_id'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/**
 * Whoever resets a password learns it, and so can act as that account: allowed only when the actor could
 * have granted every role the account holds. Otherwise a school administrator could reset the password
 * of a teacher who also holds a district role and step into that district.
 */
export async function requireMayTakeOver(db: Kysely<Database>, actor: Actor, userId: string): Promise<void> {
  const bindings = await db
    .selectFrom('role_binding')
    .select(['role', 'scope_level', 'scope_id'])
    .where('user_id', '=', userId)
    .execute();
  for (const b of bindings) {
    const resolved = await resolveBindingScope(db, b.scope_level as ScopeLevel, b.scope_id);
    if (!resolved || !canGrant(actor, b.role as Role, resolved.scope, resolved.placement)) {
      throw new Problem('forbidden', { key: 'grant.not-allowed' });
    }
  }
}

export async function unlockAccount(tx: Kysely<Database>, userId: string): Promise<void> {
  await tx
    .updateTable('user_account')
    .set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
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
