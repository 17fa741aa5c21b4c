import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { auditAppendCtes, type AuditEntry } from '../../audit/audit.js';
import type { Database } from '../../db/types.js';
import { announceAlert } from '../../warning/announce.js';
import type { AssignmentRow } from './assignment.js';
import type { Evaluation } from './evaluate.js';
import { MERGE_TIER_SUGGESTION } from './tier-merge.js';

/** The crisis alert is a task with a deadline: someone must talk to the student within the hour. */
export const CRISIS_DUE = '1 hour';

export interface StoreInput {
  assignment: Pick<
    AssignmentRow,
    | 'id'
    | 'campaign_id'
    | 'student_id'
    | 'respondent'
    | 'city_id'
    | 'district_id'
    | 'school_id'
    | 'grade_id'
    | 'class_id'
  >;
  submissionId: string;
  durationMs: number | null;
  submittedBy: string | null;
  /** How the answers reached us: typed by the student, or entered from a paper form. */
  source?: 'online' | 'paper';
  evaluation: Evaluation;
  ruleSetVersion: string;
  /** The audit entry of the act, appended in the same statement as the write; null only for test fixtures. */
  audit: ((facts: { responseIds: string[] }) => AuditEntry) | null;
}

export type StoreOutcome =
  | { kind: 'stored'; submittedAt: Date; responseIds: string[]; tierAssessmentId: string; alertId: string | null }
  /** The assignment was no longer open when the statement locked it (e.g. a concurrent duplicate won). */
  | { kind: 'not-open' };

/** The client reused a submission id that belongs to another assignment's responses. */
export class SubmissionIdTaken extends Error {
  override readonly name = 'SubmissionIdTaken';
}

const UNIQUE_VIOLATION = '23505';

/**
 * Stores one submission. Without a crisis alert it is one statement, committed on its own: a screening
 * window is thousands of these a minute, and every round trip to the database costs more than the work.
 * With an alert, the alert's workflow starts in the same transaction.
 */
export async function storeSubmission(db: Kysely<Database>, input: StoreInput): Promise<StoreOutcome> {
  // Inside a caller's transaction the alert's workflow is already in it.
  if (input.evaluation.alertReasons.length === 0 || db.isTransaction) return storeSubmissionIn(db, input);
  return db.transaction().execute((tx) => storeSubmissionIn(tx, input));
}

/**
 * The store inside a transaction the caller holds, for batches that must commit together (a paper import
 * applies a whole class or nothing). One statement completes the assignment (its row lock serialises
 * duplicates: the loser finds it completed and changes nothing), drops the draft, inserts every response,
 * upserts the suggested tier, raises the crisis alert and appends the audit entry — all or nothing.
 */
export async function storeSubmissionIn(db: Kysely<Database>, input: StoreInput): Promise<StoreOutcome> {
  const { assignment: a, evaluation } = input;
  // Ids are made here so the audit entry, written by the same statement, can name the responses.
  const responseIds = evaluation.scored.map(() => randomUUID());
  const rows = evaluation.scored.map(({ def, answers, result, careless }, i) => ({
    id: responseIds[i],
    instrument_code: def.code,
    instrument_version: def.version,
    answers,
    total: result.total,
    band: result.band,
    critical_flags: result.criticalFlags,
    valid: result.valid,
    subscales: result.subscales,
    reasons: result.reasons,
    careless,
  }));
  const { suggestion } = evaluation;
  const flagged =
    evaluation.alertReasons.length > 0 ? evaluation.scored.findIndex((s) => s.result.criticalFlags.length > 0) : -1;
  const entry = input.audit?.({ responseIds }) ?? null;
  const claimed = sql<boolean>`exists (select 1 from done)`;

  let result;
  try {
    result = await sql<{ claimed: number; submitted_at: Date | null; tier_id: string | null; alert_id: string | null }>`
      with done as (
        update screening_assignment
           set status = 'completed', completed_at = now(), started_at = coalesce(started_at, now())
         where id = ${a.id}::uuid and status in ('pending', 'in_progress') and consent_status in ('not_required', 'granted')
     returning id
      ), dropped as (
        -- By its key, not by joining done: the plan is kept per connection, and one made while the draft table
        -- was small scanned all of it, on every submit, as a screening morning filled it.
        delete from response_draft where assignment_id = ${a.id}::uuid and exists (select 1 from done)
      ), responses as (
        insert into screening_response (id, submission_id, assignment_id, campaign_id, student_id, city_id, district_id, school_id, grade_id, class_id,
                                        instrument_code, instrument_version, respondent, answers, total, band, critical_flags, valid,
                                        subscales, reasons, careless, duration_ms, source, submitted_by)
        select r.id, ${input.submissionId}::uuid, done.id, ${a.campaign_id}::uuid, ${a.student_id}::uuid, ${a.city_id}::uuid, ${a.district_id}::uuid,
               ${a.school_id}::uuid, ${a.grade_id}::uuid, ${a.class_id}::uuid, r.instrument_code, r.instrument_version, ${a.respondent}::text,
               r.answers, r.total, r.band, r.critical_flags, r.valid, r.subscales, r.reasons, r.careless, ${input.durationMs}::int,
               ${input.source ?? 'online'}::text, ${input.submittedBy}::uuid
          from done
         cross join jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r (id uuid, instrument_code text, instrument_version int, answers jsonb,
               total int, band text, critical_flags text[], valid boolean, subscales jsonb, reasons jsonb, careless jsonb)
     returning submitted_at
      ), tier as (
        -- A student answering both a self-report and a guardian form in one campaign gets one assessment
        -- (core's mergeTierSuggestion).
        insert into tier_assessment as existing (student_id, campaign_id, city_id, district_id, school_id, grade_id, class_id,
                                                 suggested_tier, suggested_reasons, rule_set_version)
        select ${a.student_id}::uuid, ${a.campaign_id}::uuid, ${a.city_id}::uuid, ${a.district_id}::uuid, ${a.school_id}::uuid, ${a.grade_id}::uuid,
               ${a.class_id}::uuid, ${suggestion.tier}::int, ${JSON.stringify(suggestion.reasons)}::jsonb, ${input.ruleSetVersion}::text
          from done
        ${MERGE_TIER_SUGGESTION}
     returning id
      )${
        // Only a submission with a critical answer names the alert table: a statement that names it runs its
        // count trigger even when it inserts nothing, and most submissions raise no alert.
        flagged >= 0
          ? sql`, raised as (
        insert into alert (city_id, district_id, school_id, grade_id, class_id, student_id, source, urgency, reasons, response_id, due_at)
        select ${a.city_id}::uuid, ${a.district_id}::uuid, ${a.school_id}::uuid, ${a.grade_id}::uuid, ${a.class_id}::uuid, ${a.student_id}::uuid,
               'screening', 'crisis', ${JSON.stringify(evaluation.alertReasons)}::jsonb, ${responseIds[flagged]!}::uuid,
               now() + ${CRISIS_DUE}::interval
          from done
     returning id
      )`
          : sql``
      }${entry ? sql`, ${auditAppendCtes(entry, claimed)}` : sql``}
      select (select count(*) from done)::int as claimed, (select min(submitted_at) from responses) as submitted_at,
             (select id from tier) as tier_id, ${flagged >= 0 ? sql`(select id from raised)` : sql`null::uuid`} as alert_id
    `.execute(db);
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code === UNIQUE_VIOLATION && e.constraint === 'response_submission') throw new SubmissionIdTaken();
    throw err;
  }
  const row = result.rows[0]!;
  if (row.claimed === 0) return { kind: 'not-open' } as const;
  if (row.alert_id) await announceAlert(db, row.alert_id);
  return {
    kind: 'stored',
    submittedAt: row.submitted_at!,
    responseIds,
    tierAssessmentId: row.tier_id!,
    alertId: row.alert_id,
  } as const;
}

/** When the submission with this id was stored for this assignment, or null: a retry's receipt. */
export async function findSubmission(
  db: Kysely<Database>,
  assignmentId: string,
  submissionId: string,
): Promise<Date | null> {
  const row = await db
    .selectFrom('screening_response')
    .select('submitted_at')
    .where('submission_id', '=', submissionId)
    .where('assignment_id', '=', assignmentId)
    .limit(1)
    .executeTakeFirst();
  return row?.submitted_at ?? null;
}
