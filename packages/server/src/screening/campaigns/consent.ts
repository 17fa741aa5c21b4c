import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';

export type ConsentDecision = 'granted' | 'refused' | 'withdrawn';
type AssignmentConsent = 'not_required' | 'pending' | 'granted' | 'refused';

interface StudentPlacement {
  id: string;
  city_id: string;
  district_id: string;
  school_id: string;
}

/**
 * Records a guardian's decision for one student and campaign: a new consent_record row (the history is
 * append-only, so what was decided when stays answerable) and the consent state of every assignment of the
 * student in the campaign. Withdrawn consent counts as refused from then on. A student old enough to
 * decide alone keeps `not_required` on a grant, but a guardian's refusal is still honoured.
 */
export async function recordConsent(
  tx: Kysely<Database>,
  args: {
    campaignId: string;
    student: StudentPlacement;
    decision: ConsentDecision;
    method: 'online' | 'paper';
    guardianId: string | null;
    recordedBy: string;
    note: string | null;
  },
): Promise<{ consentStatus: AssignmentConsent; recordedAt: Date }> {
  const { campaignId, student } = args;
  const record = await tx
    .insertInto('consent_record')
    .values({
      campaign_id: campaignId,
      student_id: student.id,
      city_id: student.city_id,
      district_id: student.district_id,
      school_id: student.school_id,
      kind: 'guardian_consent',
      decision: args.decision,
      guardian_id: args.guardianId,
      method: args.method,
      recorded_by: args.recordedBy,
      note: args.note,
    })
    .returning('recorded_at')
    .executeTakeFirstOrThrow();
  const next =
    args.decision === 'granted'
      ? sql`case when consent_status = 'not_required' then 'not_required' else 'granted' end`
      : sql`'refused'`;
  const rows = await sql<{ consent_status: AssignmentConsent }>`
    update screening_assignment set consent_status = ${next}
     where campaign_id = ${campaignId} and student_id = ${student.id}
    returning consent_status
  `.execute(tx);
  return { consentStatus: rows.rows[0]?.consent_status ?? 'pending', recordedAt: record.recorded_at };
}

/**
 * A student declines their own questionnaire, or takes the decline back (answering is voluntary both ways).
 * Either is kept as a consent_record row of kind `student_decline`; taking it back is recorded as
 * `withdrawn` and restores the state the assignment had before.
 */
export async function recordDecline(
  tx: Kysely<Database>,
  args: {
    assignment: { id: string; campaign_id: string; started_at: Date | null };
    student: StudentPlacement;
    undo: boolean;
    recordedBy: string;
  },
): Promise<'declined' | 'pending' | 'in_progress'> {
  const status = args.undo ? (args.assignment.started_at ? 'in_progress' : 'pending') : 'declined';
  await tx.updateTable('screening_assignment').set({ status }).where('id', '=', args.assignment.id).execute();
  await tx
    .insertInto('consent_record')
    .values({
      campaign_id: args.assignment.campaign_id,
      student_id: args.student.id,
      city_id: args.student.city_id,
      district_id: args.student.district_id,
      school_id: args.student.school_id,
      kind: 'student_decline',
      decision: args.undo ? 'withdrawn' : 'declined',
      guardian_id: null,
      method: 'online',
      recorded_by: args.recordedBy,
      note: null,
    })
    .execute();
  return status;
}
