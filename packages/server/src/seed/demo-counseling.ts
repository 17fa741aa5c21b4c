import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/** Lunch break and after classes: two hours a day, what Changzhou §12 asks of a secondary school. */
const SHIFTS = [
  { startMin: 12 * 60, endMin: 13 * 60 },
  { startMin: 16 * 60, endMin: 17 * 60 },
];
const SLOT_MINUTES = 30;

/**
 * Every demo school gets a counseling room and a weekday duty roster: its first psychology teacher at
 * lunch, its second (or the first again) after classes, so a student can book from the first start.
 */
export async function seedDemoCounseling(db: Kysely<Database>, args: { cityId: string }): Promise<number> {
  const schools = await db
    .selectFrom('org_unit')
    .select(['id', 'district_id'])
    .where('kind', '=', 'school')
    .where('city_id', '=', args.cityId)
    .orderBy('sort')
    .orderBy('name_zh')
    .execute();
  const psychs = await db
    .selectFrom('role_binding as rb')
    .innerJoin('user_account as u', 'u.id', 'rb.user_id')
    .select(['rb.scope_id as school_id', 'u.id', 'u.username'])
    .where('rb.role', '=', 'psych_teacher')
    .where('rb.scope_level', '=', 'school')
    .where('rb.city_id', '=', args.cityId)
    .orderBy('u.username')
    .execute();
  for (const school of schools) {
    const teachers = psychs.filter((p) => p.school_id === school.id);
    if (!teachers.length) continue;
    const room = await db
      .insertInto('counseling_room')
      .values({
        city_id: args.cityId,
        district_id: school.district_id!,
        school_id: school.id,
        name: '心理辅导室',
        location: '行政楼三楼',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = [1, 2, 3, 4, 5].flatMap((weekday) =>
      SHIFTS.map((s, i) => ({
        room_id: room.id,
        city_id: args.cityId,
        district_id: school.district_id!,
        school_id: school.id,
        weekday,
        start_min: s.startMin,
        end_min: s.endMin,
        slot_minutes: SLOT_MINUTES,
        teacher_id: (teachers[i] ?? teachers[0]!).id,
      })),
    );
    await db.insertInto('duty_shift').values(rows).execute();
  }
  return schools.length;
}
