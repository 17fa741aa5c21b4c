import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

type Db = Kysely<Database>;
type StudentRef = { id: string; city_id: string; district_id: string; school_id: string; grade_id: string };

/** Parent-school lectures for the matrix: held yesterday, for the grade of the side's student. */
export function parentSchoolMatrixFixtures(db: Db, cast: { home: StudentRef; other: StudentRef }) {
  const made = new Map<string, Promise<string>>();
  const lecture = (side: 'home' | 'other', key = 'default') => {
    const k = `${side}:${key}`;
    if (!made.has(k))
      made.set(
        k,
        (async () => {
          const s = side === 'home' ? cast.home : cast.other;
          const by = await db
            .selectFrom('user_account')
            .select('id')
            .where('username', '=', side === 'home' ? 'psych03' : 'psych07')
            .executeTakeFirstOrThrow();
          const l = await db
            .insertInto('parent_lecture')
            .values({
              city_id: s.city_id,
              district_id: s.district_id,
              school_id: s.school_id,
              title: `家长学校 ${key}`,
              held_at: new Date(Date.now() - 86_400_000),
              hours: 1.5,
              created_by: by.id,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await db.insertInto('parent_lecture_grade').values({ lecture_id: l.id, grade_id: s.grade_id }).execute();
          return l.id;
        })(),
      );
    return made.get(k)!;
  };
  /** A guardian of the side's student (one exists for every demo student). */
  const guardianOf = async (side: 'home' | 'other') => {
    const s = side === 'home' ? cast.home : cast.other;
    const row = await db
      .selectFrom('student_guardian')
      .select('guardian_id')
      .where('student_id', '=', s.id)
      .orderBy('guardian_id')
      .executeTakeFirstOrThrow();
    return row.guardian_id;
  };
  return { lecture, guardianOf };
}
