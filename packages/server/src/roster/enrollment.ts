import type { Kysely } from 'kysely';
import type { Database, Student } from '../db/types.js';
import { currentSchoolYear } from '../org/school-year.js';
import { assignOpenCampaigns } from '../screening/campaigns/publish.js';

export interface EnrollmentMove {
  student: Pick<Student, 'id' | 'city_id' | 'district_id' | 'school_id'>;
  classId: string;
  gradeId: string;
}

/**
 * Closes the open enrollment and opens one in the new class, so the student's history is kept; an open
 * campaign's questionnaire follows the student or, if the new class is covered and the old was not, starts.
 */
export async function moveEnrollment(
  tx: Kysely<Database>,
  s: Pick<Student, 'id' | 'city_id' | 'district_id' | 'school_id'>,
  to: { classId: string; gradeId: string },
) {
  await moveEnrollments(tx, [{ student: s, ...to }]);
}

/**
 * The same for many students in two statements per batch: a start-of-year promotion moves every student of
 * a school, and a query per student would keep the import's transaction open for minutes.
 */
export async function moveEnrollments(tx: Kysely<Database>, moves: readonly EnrollmentMove[], batchSize = 1000) {
  if (moves.length === 0) return;
  const now = new Date();
  const years = new Map<string, string>();
  for (const cityId of new Set(moves.map((m) => m.student.city_id)))
    years.set(cityId, await currentSchoolYear(tx, cityId));
  for (let i = 0; i < moves.length; i += batchSize) {
    const batch = moves.slice(i, i + batchSize);
    await tx
      .updateTable('enrollment')
      .set({ ended_at: now })
      .where(
        'student_id',
        'in',
        batch.map((m) => m.student.id),
      )
      .where('ended_at', 'is', null)
      .execute();
    await tx
      .insertInto('enrollment')
      .values(
        batch.map((m) => ({
          student_id: m.student.id,
          city_id: m.student.city_id,
          district_id: m.student.district_id,
          school_id: m.student.school_id,
          grade_id: m.gradeId,
          class_id: m.classId,
          school_year: years.get(m.student.city_id)!,
          started_at: now,
        })),
      )
      .execute();
  }
  await assignOpenCampaigns(
    tx,
    moves.map((m) => m.student.id),
    now,
  );
}
