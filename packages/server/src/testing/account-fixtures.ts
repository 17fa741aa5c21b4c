import type { Kysely } from 'kysely';
import { grantedBindingId, studentAccountId } from '../accounts/stable-ids.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/types.js';

/**
 * Gives a fixture student a signed-in-able account with a known password, as the credentials route
 * would (same derived ids) but without printing: the demo seed gives accounts only to the demo cast.
 */
export async function ensureStudentAccount(
  db: Kysely<Database>,
  studentId: string,
  password: string,
  opts: { mustChangePassword?: boolean } = {},
): Promise<{ userId: string; username: string }> {
  const s = await db.selectFrom('student').selectAll().where('id', '=', studentId).executeTakeFirstOrThrow();
  const existing = await db
    .selectFrom('user_account')
    .select(['id', 'username'])
    .where('student_id', '=', studentId)
    .executeTakeFirst();
  const passwordHash = await hashPassword(password);
  if (existing) {
    await db
      .updateTable('user_account')
      .set({
        password_hash: passwordHash,
        must_change_password: opts.mustChangePassword ?? false,
        failed_attempts: 0,
        locked_until: null,
      })
      .where('id', '=', existing.id)
      .execute();
    return { userId: existing.id, username: existing.username };
  }
  const userId = studentAccountId(studentId);
  await db
    .insertInto('user_account')
    .values({
      id: userId,
      kind: 'student',
      username: s.student_no,
      display_name: s.name,
      password_hash: passwordHash,
      student_id: s.id,
      guardian_id: null,
      city_id: s.city_id,
      district_id: s.district_id,
      school_id: s.school_id,
      full_time: null,
      must_change_password: opts.mustChangePassword ?? false,
      activated_at: null,
      disabled_at: null,
      locked_until: null,
      password_changed_at: null,
    })
    .execute();
  await db
    .insertInto('role_binding')
    .values({
      id: grantedBindingId(userId, 'student', 'person', s.id),
      user_id: userId,
      role: 'student',
      scope_level: 'person',
      scope_id: s.id,
      city_id: s.city_id,
      district_id: s.district_id,
      school_id: s.school_id,
      granted_by: null,
    })
    .execute();
  return { userId, username: s.student_no };
}

/** The id of a demo account by username. */
export async function accountIdOf(db: Kysely<Database>, username: string): Promise<string> {
  const row = await db
    .selectFrom('user_account')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}
