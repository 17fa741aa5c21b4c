import type { Role } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { grantedBindingId } from '../accounts/stable-ids.js';
import type { Database } from '../db/types.js';
import { Problem } from '../http/problem.js';
import type { ResolvedScope } from './scope-resolver.js';

export interface NewStaff {
  username: string;
  name: string;
  passwordHash: string;
  fullTime?: boolean | null;
  certificateLevel?: 'A' | 'B' | 'C' | 'D' | null;
  qualification?: string | null;
}

/**
 * A staff account lives where its first role does. Its initial password was chosen by an administrator,
 * so the owner must replace it at first sign-in.
 */
export async function insertStaffAccount(tx: Kysely<Database>, staff: NewStaff, home: ResolvedScope): Promise<string> {
  const taken = await tx
    .selectFrom('user_account')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', staff.username.toLowerCase()))
    .executeTakeFirst();
  if (taken) throw usernameTaken(staff.username);
  try {
    const row = await tx
      .insertInto('user_account')
      .values({
        kind: 'staff',
        username: staff.username,
        display_name: staff.name,
        password_hash: staff.passwordHash,
        student_id: null,
        guardian_id: null,
        city_id: home.placement.cityId,
        district_id: home.placement.districtId ?? null,
        school_id: home.placement.schoolId ?? null,
        full_time: staff.fullTime ?? null,
        certificate_level: staff.certificateLevel ?? null,
        qualification: staff.qualification?.trim() || null,
        must_change_password: true,
        activated_at: null,
        disabled_at: null,
        locked_until: null,
        password_changed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (err) {
    // Two administrators creating the same username at once: the unique index decides.
    if ((err as { code?: string }).code === '23505') throw usernameTaken(staff.username);
    throw err;
  }
}

function usernameTaken(username: string) {
  return new Problem('conflict', { key: 'username.taken', params: { username } });
}

/** Adds the binding unless the account already holds it; either way answers the binding's id. */
export async function grantBinding(
  tx: Kysely<Database>,
  userId: string,
  role: Role,
  target: ResolvedScope,
  grantedBy: string,
): Promise<{ id: string; created: boolean }> {
  const existing = await tx
    .selectFrom('role_binding')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('scope_level', '=', target.scope.level)
    .where('scope_id', '=', target.scope.id)
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const id = grantedBindingId(userId, role, target.scope.level, target.scope.id);
  const inserted = await tx
    .insertInto('role_binding')
    .values({
      id,
      user_id: userId,
      role,
      scope_level: target.scope.level,
      scope_id: target.scope.id,
      city_id: target.placement.cityId,
      district_id: target.placement.districtId ?? null,
      school_id: target.placement.schoolId ?? null,
      granted_by: grantedBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return { id, created: !!inserted };
}

export type BindingRow = Awaited<ReturnType<typeof findBinding>>;

/** A live binding, or the latest revoked record of it, so a repeated revocation can be answered. */
export async function findBinding(db: Kysely<Database>, id: string) {
  const live = await db
    .selectFrom('role_binding')
    .select([
      'id',
      'user_id',
      'role',
      'scope_level',
      'scope_id',
      'city_id',
      'district_id',
      'school_id',
      'granted_by',
      'created_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (live) return { ...live, revoked: false as const };
  const gone = await db
    .selectFrom('role_binding_revoked')
    .select([
      'binding_id as id',
      'user_id',
      'role',
      'scope_level',
      'scope_id',
      'city_id',
      'district_id',
      'school_id',
      'granted_by',
      'granted_at as created_at',
    ])
    .where('binding_id', '=', id)
    .orderBy('revoked_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return gone ? { ...gone, revoked: true as const } : undefined;
}

/** Moves a live binding into the revocation history. */
export async function revokeBinding(
  tx: Kysely<Database>,
  binding: NonNullable<BindingRow>,
  revokedBy: string,
): Promise<void> {
  await tx
    .insertInto('role_binding_revoked')
    .values({
      binding_id: binding.id,
      user_id: binding.user_id,
      role: binding.role,
      scope_level: binding.scope_level,
      scope_id: binding.scope_id,
      city_id: binding.city_id,
      district_id: binding.district_id,
      school_id: binding.school_id,
      granted_by: binding.granted_by,
      granted_at: binding.created_at,
      revoked_by: revokedBy,
    })
    .execute();
  await tx.deleteFrom('role_binding').where('id', '=', binding.id).execute();
}

/** The live binding of exactly that role at exactly that scope, if the account holds it. */
export async function heldBindingId(
  db: Kysely<Database>,
  userId: string,
  role: Role,
  scope: ResolvedScope['scope'],
): Promise<string | undefined> {
  const row = await db
    .selectFrom('role_binding')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('scope_level', '=', scope.level)
    .where('scope_id', '=', scope.id)
    .executeTakeFirst();
  return row?.id;
}
