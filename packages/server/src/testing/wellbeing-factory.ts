import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';

type Unit = { id: string; city_id: string; district_id: string | null };

/**
 * Self-screening results and call-backs of staff who are not in the demo cast, made on first use: home is a
 * teacher of the home school, other one of another district's school, city a centre worker with no school.
 */
export function wellbeingMatrixFixtures(db: Kysely<Database>, cast: { home: Unit; other: Unit }) {
  const made = new Map<string, Promise<string>>();
  const once = (key: string, make: () => Promise<string>) => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key)!;
  };
  const person = (side: 'home' | 'other' | 'city') =>
    once(`person:${side}`, async () => {
      const school = side === 'city' ? null : side === 'home' ? cast.home : cast.other;
      const row = await db
        .insertInto('user_account')
        .values({
          kind: 'staff',
          username: `wellbeing-${side}-${randomUUID().slice(0, 8)}`,
          display_name: side === 'city' ? '吴老师' : side === 'home' ? '陈老师' : '赵老师',
          password_hash: 'not-a-hash',
          student_id: null,
          guardian_id: null,
          city_id: cast.home.city_id,
          district_id: school?.district_id ?? null,
          school_id: school?.id ?? null,
          full_time: null,
          activated_at: null,
          disabled_at: null,
          locked_until: null,
          password_changed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  return {
    /** A PHQ-9 result of someone else (home or another district's school); `key` makes a fresh one. */
    result: (side: 'home' | 'other', key = 'default') =>
      once(`result:${side}:${key}`, async () => {
        const school = side === 'home' ? cast.home : cast.other;
        const row = await db
          .insertInto('staff_wellbeing_result')
          .values({
            user_id: await person(side),
            city_id: school.city_id,
            district_id: school.district_id,
            school_id: school.id,
            instrument_code: 'phq9',
            instrument_version: 1,
            total: 12,
            band: 'moderate',
            client_id: randomUUID(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      }),
    /** An open call-back for the home district's centre, another district's, or the city's. */
    callback: (side: 'home' | 'other' | 'city', key = 'default') =>
      once(`callback:${side}:${key}`, async () => {
        const school = side === 'city' ? null : side === 'home' ? cast.home : cast.other;
        const row = await db
          .insertInto('staff_wellbeing_callback')
          .values({
            user_id: await person(side),
            city_id: cast.home.city_id,
            district_id: school?.district_id ?? null,
            phone_enc: encryptText('13800000000'),
            client_id: randomUUID(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      }),
  };
}
