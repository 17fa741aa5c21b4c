import type { Kysely } from 'kysely';
import { encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';

/**
 * Transfer requests for the role × route matrix and the transfer tests, written straight to the
 * database. Every builder takes a student no transfer has touched yet, with no open case and no tier
 * above 1, so an acceptance goes through, and leaves the demo cast's classes alone.
 */
type Db = Kysely<Database>;
export type TransferSide = 'home' | 'other' | 'third';

export function transferMatrixFixtures(db: Db, cast: { home: string; other: string; excludedClasses: string[] }) {
  const schoolOf = async (side: TransferSide) => {
    if (side === 'home') return cast.home;
    if (side === 'other') return cast.other;
    // A school of a third district: neither the home nor the other school's.
    const known = await db
      .selectFrom('org_unit')
      .select('district_id')
      .where('id', 'in', [cast.home, cast.other])
      .execute();
    const third = await db
      .selectFrom('org_unit')
      .select('id')
      .where('kind', '=', 'school')
      .where(
        'district_id',
        'not in',
        known.map((k) => k.district_id!),
      )
      .orderBy('name_zh')
      .limit(1)
      .executeTakeFirstOrThrow();
    return third.id;
  };

  /** A student of the school nobody has moved, with nothing a hand-over would have to wait for. */
  const student = async (side: TransferSide) => {
    const schoolId = await schoolOf(side);
    return db
      .selectFrom('student as s')
      .selectAll('s')
      .where('s.school_id', '=', schoolId)
      .where('s.status', '=', 'active')
      .where('s.class_id', 'not in', cast.excludedClasses)
      .where((eb) =>
        eb.and([
          eb.not(eb.exists(eb.selectFrom('transfer as t').select('t.id').whereRef('t.student_id', '=', 's.id'))),
          eb.not(
            eb.exists(
              eb
                .selectFrom('care_case as c')
                .select('c.id')
                .whereRef('c.student_id', '=', 's.id')
                .where('c.state', '<>', 'closed'),
            ),
          ),
          eb.not(
            eb.exists(
              eb
                .selectFrom('student_tier as st')
                .select('st.student_id')
                .whereRef('st.student_id', '=', 's.id')
                .where('st.tier', '>=', 2),
            ),
          ),
        ]),
      )
      .orderBy('s.student_no', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  };

  const userId = async (username: string) =>
    (await db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  /** A transfer of a fresh student of `from` to `to`, waiting or already decided, with a signed summary if asked. */
  const transfer = async (
    from: TransferSide,
    to: TransferSide,
    opts: { status?: 'requested' | 'accepted'; summary?: boolean; signer?: string } = {},
  ) => {
    const s = await student(from);
    const toSchool = await db
      .selectFrom('org_unit')
      .select(['id', 'district_id'])
      .where('id', '=', await schoolOf(to))
      .executeTakeFirstOrThrow();
    const signer = opts.summary ? await userId(opts.signer ?? (from === 'home' ? 'psych03' : 'psych07')) : null;
    const now = new Date();
    const row = await db
      .insertInto('transfer')
      .values({
        city_id: s.city_id,
        student_id: s.id,
        kind: 'transfer',
        status: opts.status ?? 'requested',
        via: 'request',
        case_disposition: null,
        from_district_id: s.district_id,
        from_school_id: s.school_id,
        from_grade_id: s.grade_id,
        from_class_id: s.class_id,
        to_district_id: toSchool.district_id!,
        to_school_id: toSchool.id,
        requested_by: await userId('admin'),
        ...(signer
          ? {
              summary_tier: 1,
              summary_case_open: false,
              summary_follow_up_enc: encryptText(''),
              summary_attention_enc: encryptText('适应新环境，关注同伴关系'),
              summary_written_by: signer,
              summary_written_at: now,
              summary_signed_by: signer,
              summary_signed_at: now,
            }
          : {}),
        ...(opts.status === 'accepted' ? { decided_at: now } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  /** A class of the side's school the matrix may place students in. */
  const classOf = async (side: TransferSide) =>
    (
      await db
        .selectFrom('org_unit')
        .select('id')
        .where('school_id', '=', await schoolOf(side))
        .where('kind', '=', 'class')
        .where('id', 'not in', cast.excludedClasses)
        .orderBy('name_zh')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;

  return { schoolOf, student, transfer, classOf };
}
