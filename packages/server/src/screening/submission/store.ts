import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { announceAlert } from '../../warning/announce.js';
import type { AssignmentRow } from './assignment.js';
import type { Evaluation } from './evaluate.js';

/** The crisis alert is a task with a deadline: someone must talk to the student within the hour. */
export const CRISIS_DUE = '1 hour';

export interface StoreInput {
  assignment: Pick<AssignmentRow, 'id' | 'campaign_id' | 'student_id' | 'respondent' | 'city_id' | 'district_id' | 'school_id' | 'grade_id' | 'class_id'>;
  submissionId: string;
  durationMs: number | null;
  submittedBy: string | null;
  /** How the answers reached us: typed by the student, or entered from a paper form. */
  source?: 'online' | 'paper';
  evaluation: Evaluation;
  ruleSetVersion: string;
  /** Runs last inside the transaction: the audit chain's head row stays locked only until the commit. */
  audit: (tx: Kysely<Database>, facts: { responseIds: string[] }) => Promise<void>;
}

export type StoreOutcome =
  | { kind: 'stored'; submittedAt: Date; responseIds: string[]; tierAssessmentId: string; alertId: string | null }
  /** The assignment was no longer open when the transaction locked it (e.g. a concurrent duplicate won). */
  | { kind: 'not-open' };

/** The client reused a submission id that belongs to another assignment's responses. */
export class SubmissionIdTaken extends Error {
  override readonly name = 'SubmissionIdTaken';
}

/**
 * Stores one submission in one transaction: completes the assignment (its row lock serialises duplicates),
 * drops the draft, inserts every response in one statement, upserts the suggested tier, raises the crisis
 * alert, audits. A duplicate that loses the race finds the assignment completed and changes nothing.
 */
export async function storeSubmission(db: Kysely<Database>, input: StoreInput): Promise<StoreOutcome> {
  return db.transaction().execute((tx) => storeSubmissionIn(tx, input));
}

/**
 * The same store inside a transaction the caller holds, for batches that must commit together (a paper
 * import applies a whole class or nothing).
 */
export async function storeSubmissionIn(tx: Kysely<Database>, input: StoreInput): Promise<StoreOutcome> {
  const { assignment: a, evaluation } = input;
  const ancestry = { city_id: a.city_id, district_id: a.district_id, school_id: a.school_id, grade_id: a.grade_id, class_id: a.class_id };
  const claimed = await sql<{ id: string }>`
    with done as (
      update screening_assignment
         set status = 'completed', completed_at = now(), started_at = coalesce(started_at, now())
       where id = ${a.id} and status in ('pending', 'in_progress') and consent_status in ('not_required', 'granted')
   returning id
    ), dropped as (
      delete from response_draft where assignment_id in (select id from done)
    )
    select id from done
  `.execute(tx);
  if (claimed.rows.length === 0) return { kind: 'not-open' } as const;

  const inserted = await tx
    .insertInto('screening_response')
    .values(
      evaluation.scored.map(({ def, answers, result, careless }) => ({
        submission_id: input.submissionId,
        assignment_id: a.id,
        campaign_id: a.campaign_id,
        student_id: a.student_id,
        ...ancestry,
        instrument_code: def.code,
        instrument_version: def.version,
        respondent: a.respondent,
        answers: JSON.stringify(answers),
        total: result.total,
        band: result.band,
        critical_flags: result.criticalFlags,
        valid: result.valid,
        subscales: JSON.stringify(result.subscales),
        reasons: JSON.stringify(result.reasons),
        careless: JSON.stringify(careless),
        duration_ms: input.durationMs,
        source: input.source ?? 'online',
        submitted_by: input.submittedBy,
      })),
    )
    .onConflict((oc) => oc.columns(['submission_id', 'instrument_code']).doNothing())
    .returning(['id', 'instrument_code', 'submitted_at'])
    .execute();
  if (inserted.length !== evaluation.scored.length) throw new SubmissionIdTaken();

  const { suggestion } = evaluation;
  // A student answering both a self-report and a guardian form in one campaign gets one assessment:
  // the higher suggestion wins, and one above an already confirmed tier goes back for review.
  const assessment = await sql<{ id: string }>`
    insert into tier_assessment (student_id, campaign_id, city_id, district_id, school_id, grade_id, class_id,
                                 suggested_tier, suggested_reasons, rule_set_version)
    values (${a.student_id}, ${a.campaign_id}, ${a.city_id}, ${a.district_id}, ${a.school_id}, ${a.grade_id}, ${a.class_id},
            ${suggestion.tier}, ${JSON.stringify(suggestion.reasons)}::jsonb, ${input.ruleSetVersion})
    on conflict (student_id, campaign_id) do update
       set suggested_tier = greatest(tier_assessment.suggested_tier, excluded.suggested_tier),
           suggested_reasons = tier_assessment.suggested_reasons || excluded.suggested_reasons,
           status = case when excluded.suggested_tier > coalesce(tier_assessment.confirmed_tier, tier_assessment.suggested_tier)
                         then 'suggested' else tier_assessment.status end
    returning id
  `.execute(tx);

  let alertId: string | null = null;
  if (evaluation.alertReasons.length > 0) {
    const flagged = evaluation.scored.find((s) => s.result.criticalFlags.length > 0)!;
    const responseId = inserted.find((r) => r.instrument_code === flagged.def.code)!.id;
    const alert = await tx
      .insertInto('alert')
      .values({
        ...ancestry,
        student_id: a.student_id,
        source: 'screening',
        urgency: 'crisis',
        reasons: JSON.stringify(evaluation.alertReasons),
        response_id: responseId,
        due_at: sql<Date>`now() + ${CRISIS_DUE}::interval`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    alertId = alert.id;
    await announceAlert(tx, alert.id);
  }

  const responseIds = evaluation.scored.map((s) => inserted.find((r) => r.instrument_code === s.def.code)!.id);
  await input.audit(tx, { responseIds });
  return { kind: 'stored', submittedAt: inserted[0]!.submitted_at, responseIds, tierAssessmentId: assessment.rows[0]!.id, alertId } as const;
}

/** When the submission with this id was stored for this assignment, or null: a retry's receipt. */
export async function findSubmission(db: Kysely<Database>, assignmentId: string, submissionId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('screening_response')
    .select('submitted_at')
    .where('submission_id', '=', submissionId)
    .where('assignment_id', '=', assignmentId)
    .limit(1)
    .executeTakeFirst();
  return row?.submitted_at ?? null;
}
