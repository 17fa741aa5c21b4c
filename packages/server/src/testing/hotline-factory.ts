import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

type StudentRef = { id: string; city_id: string };

/** Hotline records made on first use, for matrix rows that need a call or a shift of the city centre. */
export function hotlineMatrixFixtures(
  db: Kysely<Database>,
  cast: { demoStudent: StudentRef; otherStudent: StudentRef },
) {
  const made = new Map<string, Promise<string>>();
  const once = (key: string, make: () => Promise<string>) => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key)!;
  };
  const account = (username: string) =>
    db
      .selectFrom('user_account')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
      .then((u) => u.id);
  const counselor = () => account('hotline');
  return {
    /**
     * A high-risk call about the demo student (home) or a student of another district's school (other), not
     * yet passed to the school; `key` makes a fresh one. A `colleague`'s call was recorded by another
     * account (the city administrator stands in for a second counselor the demo city does not have).
     */
    call: (key = 'default', side: 'home' | 'other' = 'home', by: 'counselor' | 'colleague' = 'counselor') =>
      once(`call:${side}:${key}:${by}`, async () => {
        const student = side === 'home' ? cast.demoStudent : cast.otherStudent;
        const row = await db
          .insertInto('hotline_call')
          .values({
            city_id: student.city_id,
            started_at: new Date(Date.now() - 3_600_000),
            duration_minutes: 20,
            caller_type: 'student',
            anonymous: false,
            student_id: student.id,
            topics: ['study_pressure'],
            risk: 'high',
            outcome: 'referred',
            recorded_by: by === 'counselor' ? await counselor() : await account('admin'),
            client_id: randomUUID(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      }),
    /** A shift of the demo counselor tomorrow; `key` makes a fresh one. */
    shift: (key = 'default') =>
      once(`shift:${key}`, async () => {
        const start = new Date(Date.now() + 86_400_000);
        const row = await db
          .insertInto('hotline_shift')
          .values({
            city_id: cast.demoStudent.city_id,
            counselor_id: await counselor(),
            starts_at: start,
            ends_at: new Date(start.getTime() + 8 * 3_600_000),
            created_by: await counselor(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      }),
    counselorId: () => once('counselor', counselor),
  };
}
