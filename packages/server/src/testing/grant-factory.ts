import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/**
 * Pending four-eyes grant requests made on first use, for matrix rows of the approval routes: one per
 * name, so a row whose allowed actor decides it leaves the others theirs.
 */
const GRANTEE = { approve: 1, reject: 2 } as const;

export function grantMatrixFixtures(db: Kysely<Database>) {
  const made = new Map<string, Promise<string>>();
  const userId = async (username: string) =>
    (await db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const schoolOf = (name: string) =>
    db.selectFrom('org_unit').selectAll().where('name_zh', '=', name).executeTakeFirstOrThrow();

  async function pending(grantee: string, requester: string, schoolName: string): Promise<string> {
    const school = await schoolOf(schoolName);
    const row = await db
      .insertInto('role_grant_request')
      .values({
        user_id: await userId(grantee),
        role: 'psych_teacher',
        scope_level: 'school',
        scope_id: school.id,
        city_id: school.city_id,
        district_id: school.district_id,
        school_id: school.id,
        requested_by: await userId(requester),
        decided_by: null,
        decided_at: null,
        binding_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const once = (name: string, make: () => Promise<string>) => {
    if (!made.has(name)) made.set(name, make());
    return made.get(name)!;
  };
  return {
    /** A demo account's id by username, for rows that act on an account (e.g. the staff registry). */
    accountId: userId,
    /**
     * The school administrator asked for a head teacher of the home school (not one of the matrix cast) to
     * become a psychology teacher; each name gets its own grantee, so open requests never collide.
     */
    homeRequest: (name: 'approve' | 'reject') =>
      once(`home:${name}`, () => pending(`head03-7-${GRANTEE[name]}`, 'sadmin03', '东城第一初级中学')),
    /** The city administrator asked the same for a head teacher of the other district's school. */
    otherRequest: (name: 'approve' | 'reject') =>
      once(`other:${name}`, () => pending(`head07-7-${GRANTEE[name]}`, 'admin', '西城第二初级中学')),
  };
}
