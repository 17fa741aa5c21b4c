import type { Kysely } from 'kysely';
import type { AlertTable, Database } from '../db/types.js';
import type { AlertReason } from '../screening/submission/evaluate.js';
import { announceAlert } from './announce.js';

export interface AlertStudent {
  id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
}

/**
 * Raises an alert about a student from something a person saw or heard (an observation, a hotline call, a
 * mailbox letter) inside the caller's transaction: the alert with the city's deadline and the school's
 * notices (announceAlert), and its 复核, since no score suggests a tier: the school's teacher decides one
 * after a talk. Returns the alert's id.
 */
export async function raiseStudentAlert(
  tx: Kysely<Database>,
  a: {
    student: AlertStudent;
    source: AlertTable['source'];
    urgency: AlertTable['urgency'];
    reasons?: AlertReason[];
    observationId?: string;
    now: Date;
  },
): Promise<string> {
  const s = a.student;
  const place = {
    city_id: s.city_id,
    district_id: s.district_id,
    school_id: s.school_id,
    grade_id: s.grade_id,
    class_id: s.class_id,
  };
  const alert = await tx
    .insertInto('alert')
    .values({
      ...place,
      student_id: s.id,
      source: a.source,
      urgency: a.urgency,
      ...(a.reasons ? { reasons: JSON.stringify(a.reasons) } : {}),
      ...(a.observationId ? { observation_id: a.observationId } : {}),
      // announceAlert sets the city's deadline for this urgency.
      due_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await announceAlert(tx, alert.id);
  await tx
    .insertInto('tier_assessment')
    .values({ ...place, student_id: s.id, campaign_id: null, suggested_tier: null, alert_id: alert.id })
    .execute();
  return alert.id;
}
