import type { Actor, Role, RoleBinding, ScopeLevel } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database, UserAccount } from '../db/types.js';

export interface SignedIn {
  actor: Actor;
  account: Pick<UserAccount, 'id' | 'kind' | 'username' | 'display_name' | 'locale' | 'must_change_password' | 'city_id' | 'district_id' | 'school_id' | 'student_id' | 'guardian_id' | 'disabled_at'>;
}

export async function loadActor(db: Kysely<Database>, userId: string): Promise<SignedIn | null> {
  const account = await db
    .selectFrom('user_account')
    .select(['id', 'kind', 'username', 'display_name', 'locale', 'must_change_password', 'city_id', 'district_id', 'school_id', 'student_id', 'guardian_id', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!account || account.disabled_at) return null;
  const rows = await db.selectFrom('role_binding').select(['id', 'role', 'scope_level', 'scope_id']).where('user_id', '=', userId).execute();
  const bindings: RoleBinding[] = rows.map((r) => ({ id: r.id, role: r.role as Role, scope: { level: r.scope_level as ScopeLevel, id: r.scope_id } }));
  return {
    account,
    actor: { userId: account.id, personId: account.student_id, bindings },
  };
}
