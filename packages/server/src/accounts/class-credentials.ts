import { sql, type Kysely } from 'kysely';
import { generateInitialPassword, hashPassword } from '../auth/passwords.js';
import type { Database, OrgUnit } from '../db/types.js';
import { Problem } from '../http/problem.js';
import { mapLimit } from './map-limit.js';
import type { CredentialSlip } from './slips.js';
import { grantedBindingId, studentAccountId } from './stable-ids.js';

export type CredentialScope = 'new' | 'all';

export interface IssuedCredentials {
  slips: CredentialSlip[];
  created: number;
  reset: number;
  /** Accounts left alone: disabled, or holding a role outside this class (see `resettableHere`). */
  skipped: number;
}

// argon2id costs tens of milliseconds of one core per hash (a class of 47 takes ~1.4 s on two cores).
// Four at a time matches libuv's thread pool, so a printout never queues sign-ins behind a whole class.
const HASH_CONCURRENCY = 4;

/**
 * Gives every active student of the class a fresh one-time password (creating accounts that do not
 * exist yet) and forces a change at first sign-in. `new` limits this to accounts never signed into.
 * Run inside a transaction: the class row is locked so two printouts of one class cannot interleave.
 */
export async function issueClassCredentials(
  tx: Kysely<Database>,
  klass: Pick<OrgUnit, 'id'>,
  scope: CredentialScope,
  grantedBy: string,
): Promise<IssuedCredentials> {
  await sql`select id from org_unit where id = ${klass.id} for update`.execute(tx);
  const students = await tx
    .selectFrom('student as s')
    .leftJoin('user_account as ua', 'ua.student_id', 's.id')
    .select([
      's.id',
      's.student_no',
      's.name',
      's.city_id',
      's.district_id',
      's.school_id',
      'ua.id as account_id',
      'ua.username',
      'ua.activated_at',
      'ua.disabled_at',
    ])
    .where('s.class_id', '=', klass.id)
    .where('s.status', '=', 'active')
    .orderBy('s.student_no')
    .execute();

  const wanted = students.filter((s) => scope === 'all' || !s.account_id || !s.activated_at);
  const existingIds = wanted.filter((s) => s.account_id && !s.disabled_at).map((s) => s.account_id!);
  const resettable = await resettableHere(tx, existingIds, klass.id);
  const chosen = wanted.filter((s) => !s.account_id || (!s.disabled_at && resettable.has(s.account_id)));
  const skipped = wanted.length - chosen.length;

  const toCreate = chosen.filter((s) => !s.account_id);
  await refuseTakenUsernames(
    tx,
    toCreate.map((s) => s.student_no),
  );

  const passwords = chosen.map(() => generateInitialPassword());
  const hashes = await mapLimit(passwords, HASH_CONCURRENCY, (p) => hashPassword(p));
  const accountIds = chosen.map((s) => s.account_id ?? studentAccountId(s.id));
  const toReset = chosen.flatMap((s, i) =>
    s.account_id ? [{ id: s.account_id, hash: hashes[i]!, name: s.name }] : [],
  );
  if (toReset.length) {
    // One statement for the class: a row-by-row update costs a round trip per student.
    const values = sql.join(toReset.map((r) => sql`(${r.id}::uuid, ${r.hash}, ${r.name})`));
    await sql`
      update user_account as ua
         set password_hash = v.hash, display_name = v.name, must_change_password = true, failed_attempts = 0, locked_until = null
        from (values ${values}) as v (id, hash, name)
       where ua.id = v.id`.execute(tx);
  }
  if (toCreate.length) {
    await tx
      .insertInto('user_account')
      .values(
        chosen.flatMap((s, i) =>
          s.account_id
            ? []
            : [
                {
                  id: accountIds[i]!,
                  kind: 'student' as const,
                  username: s.student_no,
                  display_name: s.name,
                  password_hash: hashes[i]!,
                  student_id: s.id,
                  guardian_id: null,
                  city_id: s.city_id,
                  district_id: s.district_id,
                  school_id: s.school_id,
                  full_time: null,
                  must_change_password: true,
                  activated_at: null,
                  disabled_at: null,
                  locked_until: null,
                  password_changed_at: null,
                },
              ],
        ),
      )
      .execute();
  }
  if (chosen.length) {
    // Existing accounts get their own-person binding back if it was ever lost.
    await tx
      .insertInto('role_binding')
      .values(
        chosen.map((s, i) => ({
          id: grantedBindingId(accountIds[i]!, 'student', 'person', s.id),
          user_id: accountIds[i]!,
          role: 'student',
          scope_level: 'person',
          scope_id: s.id,
          city_id: s.city_id,
          district_id: s.district_id,
          school_id: s.school_id,
          granted_by: grantedBy,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const resetIds = toReset.map((r) => r.id);
  if (resetIds.length) {
    await tx
      .updateTable('user_session')
      .set({ revoked_at: new Date() })
      .where('user_id', 'in', resetIds)
      .where('revoked_at', 'is', null)
      .execute();
  }

  return {
    slips: chosen.map((s, i) => ({
      studentName: s.name,
      username: s.username ?? s.student_no,
      password: passwords[i]!,
    })),
    created: toCreate.length,
    reset: resetIds.length,
    skipped,
  };
}

/**
 * Printing a class's slips hands its printer the new passwords, so it may only reset accounts whose
 * every role lies inside this class (the student themself, or the class's peer supporter). An account
 * holding a role elsewhere is reset by an administrator who holds that reach (DHIS2: no one may gain
 * rights they do not hold).
 */
async function resettableHere(tx: Kysely<Database>, accountIds: string[], classId: string): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const bindings = await tx
    .selectFrom('role_binding as rb')
    .innerJoin('user_account as ua', 'ua.id', 'rb.user_id')
    .select(['rb.user_id', 'rb.scope_level', 'rb.scope_id', 'ua.student_id'])
    .where('rb.user_id', 'in', accountIds)
    .execute();
  const outside = new Set(
    bindings
      .filter(
        (b) =>
          !(
            (b.scope_level === 'person' && b.scope_id === b.student_id) ||
            (b.scope_level === 'class' && b.scope_id === classId)
          ),
      )
      .map((b) => b.user_id),
  );
  return new Set(accountIds.filter((id) => !outside.has(id)));
}

/** A 学籍号 already used as another account's username (a staff login, say) would fail the insert. */
async function refuseTakenUsernames(tx: Kysely<Database>, usernames: string[]) {
  if (usernames.length === 0) return;
  const taken = await tx
    .selectFrom('user_account')
    .select('username')
    .where((eb) =>
      eb(
        eb.fn('lower', ['username']),
        'in',
        usernames.map((u) => u.toLowerCase()),
      ),
    )
    .executeTakeFirst();
  if (taken) throw new Problem('conflict', { key: 'username.taken', params: { username: taken.username } });
}
