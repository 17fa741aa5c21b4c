import type { Actor, Role, RoleBinding, ScopeLevel } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { Database, UserAccount } from '../db/types.js';

export interface SignedIn {
  actor: Actor;
  account: Pick<
    UserAccount,
    | 'id'
    | 'kind'
    | 'username'
    | 'display_name'
    | 'locale'
    | 'must_change_password'
    | 'city_id'
    | 'district_id'
    | 'school_id'
    | 'student_id'
    | 'guardian_id'
    | 'disabled_at'
  >;
}

export interface BindingJson {
  id: string;
  role: string;
  level: string;
  scopeId: string;
}

/** The account columns every request needs, from a query that names user_account `a`. */
export const ACCOUNT_COLUMNS = [
  'a.id',
  'a.kind',
  'a.username',
  'a.display_name',
  'a.locale',
  'a.must_change_password',
  'a.city_id',
  'a.district_id',
  'a.school_id',
  'a.student_id',
  'a.guardian_id',
  'a.disabled_at',
] as const;

/**
 * The account's role bindings as a column beside its row: every request needs both, and one statement
 * instead of two is a round trip and a plan saved per request.
 */
export const bindingsJson = () =>
  sql<
    BindingJson[]
  >`coalesce((select json_agg(json_build_object('id', b.id, 'role', b.role, 'level', b.scope_level, 'scopeId', b.scope_id))
                                 from role_binding b where b.user_id = a.id), '[]'::json)`;
export const bindingsColumn = () => bindingsJson().as('bindings');

export type AccountWithBindings = SignedIn['account'] & { bindings: BindingJson[] | string };

/** Null for a disabled account: it holds no permissions even while a session of it still exists. */
export function toSignedIn(row: AccountWithBindings): SignedIn | null {
  if (row.disabled_at) return null;
  // Only the listed columns: a sign-in row also carries the password hash, which must not travel further.
  const account: SignedIn['account'] = {
    id: row.id,
    kind: row.kind,
    username: row.username,
    display_name: row.display_name,
    locale: row.locale,
    must_change_password: row.must_change_password,
    city_id: row.city_id,
    district_id: row.district_id,
    school_id: row.school_id,
    student_id: row.student_id,
    guardian_id: row.guardian_id,
    disabled_at: row.disabled_at,
  };
  const list = typeof row.bindings === 'string' ? (JSON.parse(row.bindings) as BindingJson[]) : row.bindings;
  const bindings: RoleBinding[] = list.map((b) => ({
    id: b.id,
    role: b.role as Role,
    scope: { level: b.level as ScopeLevel, id: b.scopeId },
  }));
  return { account, actor: { userId: account.id, personId: account.student_id, bindings } };
}

export async function loadActor(db: Kysely<Database>, userId: string): Promise<SignedIn | null> {
  const row = await db
    .selectFrom('user_account as a')
    .select(ACCOUNT_COLUMNS)
    .select(bindingsColumn())
    .where('a.id', '=', userId)
    .executeTakeFirst();
  return row ? toSignedIn(row) : null;
}

/**
 * The same person signed in with a screening code: of the account's bindings only the student's own
 * remains, and the actor carries the one assignment it may answer.
 */
export function limitToAssignment(signedIn: SignedIn, assignmentId: string): SignedIn {
  const studentId = signedIn.account.student_id;
  return {
    account: signedIn.account,
    actor: {
      ...signedIn.actor,
      bindings: signedIn.actor.bindings.filter(
        (b) => b.role === 'student' && b.scope.level === 'person' && b.scope.id === studentId,
      ),
      onlyAssignment: assignmentId,
    },
  };
}
