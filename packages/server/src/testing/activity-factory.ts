import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

type Db = Kysely<Database>;
interface ClassRef {
  id: string;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  grade_id: string | null;
}

/**
 * Activity ledger entries made on first use, one per key, so a matrix row that voids one does not leave
 * another row's entry voided.
 */
export function activityMatrixFixtures(db: Db, cast: { home: ClassRef; otherClassInHome: ClassRef; other: ClassRef }) {
  const made = new Map<string, Promise<string>>();
  const activity = (
    where: 'home' | 'otherClassInHome' | 'other',
    kind: 'class_meeting' | 'lecture',
    key = 'default',
  ): Promise<string> => {
    const k = `${where}:${kind}:${key}`;
    if (!made.has(k))
      made.set(
        k,
        (async () => {
          const c = cast[where];
          const by = await db
            .selectFrom('user_account')
            .select('id')
            .where('username', '=', where === 'other' ? 'psych07' : 'psych03')
            .executeTakeFirstOrThrow();
          const heldOn = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
          const row = await db
            .insertInto('activity')
            .values({
              city_id: c.city_id,
              district_id: c.district_id!,
              school_id: c.school_id!,
              grade_id: kind === 'class_meeting' ? c.grade_id : null,
              class_id: kind === 'class_meeting' ? c.id : null,
              kind,
              title: `活动 ${key}`,
              held_on: heldOn,
              school_year: '2026-2027',
              term: 1,
              participants: 40,
              hours: 1,
              notes_enc: null,
              recorded_by: by.id,
              client_id: randomUUID(),
              voided_at: null,
              voided_by: null,
              void_reason: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          return row.id;
        })(),
      );
    return made.get(k)!;
  };
  return { activity };
}
