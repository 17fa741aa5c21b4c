import { roleAllows, type RoleBinding } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { RequestAccess } from '../../access/request-access.js';
import { batchedLookup } from '../../db/batched-lookup.js';
import { compiledOnce } from '../../db/compiled-once.js';
import type { Database } from '../../db/types.js';
import { notFound } from '../../http/problem.js';
import { placementOf } from '../../org/placement.js';

export type Respondent = 'self' | 'guardian';

/** Who answers which forms: a student their own self-report, a guardian their child's parent-report. */
const RESPONDENT_OF_ROLE: Partial<Record<RoleBinding['role'], Respondent>> = { student: 'self', guardian: 'guardian' };

export interface RespondentScope {
  studentId: string;
  respondent: Respondent;
  binding: RoleBinding;
}

/**
 * The (student, respondent) pairs the actor may answer. A guardian never reaches their child's self-report,
 * whose answers are the child's own.
 */
export function respondentScopes(access: RequestAccess): RespondentScope[] {
  return access.actor.bindings.flatMap((b) => {
    const respondent = RESPONDENT_OF_ROLE[b.role];
    if (!respondent || b.scope.level !== 'person' || !roleAllows(b.role, 'screening.take')) return [];
    return [{ studentId: b.scope.id, respondent, binding: b }];
  });
}

export function assignmentQuery(db: Kysely<Database>) {
  return db
    .selectFrom('screening_assignment as a')
    .innerJoin('campaign as c', 'c.id', 'a.campaign_id')
    .innerJoin('student as s', 's.id', 'a.student_id')
    .select([
      'a.id',
      'a.campaign_id',
      'a.student_id',
      'a.respondent',
      'a.city_id',
      'a.district_id',
      'a.school_id',
      'a.grade_id',
      'a.class_id',
      'a.instruments',
      'a.consent_status',
      'a.status',
      'a.started_at',
      'a.completed_at',
      'c.name as campaign_name',
      'c.notice_zh',
      'c.notice_en',
      'c.opens_at',
      'c.closes_at',
      'c.status as campaign_status',
      's.name as student_name',
    ]);
}

/**
 * Every questionnaire fetch, autosave and submit reads its assignment first: compiled once, and the reads
 * arriving together answered by one statement (db/batched-lookup.ts); `turn` is the id's place.
 */
const assignmentsById = compiledOnce((db: Kysely<Database>, ids: string[]) =>
  assignmentQuery(db)
    .innerJoin(
      sql<{ id: string; turn: string }>`(select * from unnest(${ids}::uuid[]) with ordinality as u (id, turn))`.as('q'),
      'q.id',
      'a.id',
    )
    .select('q.turn'),
);
const assignmentFinder = batchedLookup((db, ids: readonly string[]) => assignmentsById(db, [...ids]));
/** A malformed id would fail the whole shared statement; it names no assignment, so it is simply not found. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AssignmentRow = Awaited<ReturnType<ReturnType<typeof assignmentQuery>['executeTakeFirstOrThrow']>>;

/**
 * One assignment the caller may answer, with the binding that allows it (the gate has already refused callers
 * who take no questionnaires): 404 for anyone else's, including a guardian asking for the child's self-report.
 */
export async function loadOwnAssignment(
  db: Kysely<Database>,
  access: RequestAccess,
  id: string,
): Promise<{ row: AssignmentRow; binding: RoleBinding }> {
  // A screening-code session reaches its one assignment only (the gate checks this too).
  const only = access.actor.onlyAssignment;
  if (only && only !== id) throw notFound();
  if (!UUID.test(id)) throw notFound();
  const found = db.isTransaction ? (await assignmentsById(db, [id]))[0] : await assignmentFinder(db).load(id);
  if (!found) throw notFound();
  const { turn: _turn, ...row } = found;
  access.require('screening.take', placementOf(row));
  const scope = respondentScopes(access).find((s) => s.studentId === row.student_id && s.respondent === row.respondent);
  if (!scope) throw notFound();
  return { row, binding: scope.binding };
}

export type Blocker =
  'completed' | 'declined' | 'cancelled' | 'consent_refused' | 'consent_pending' | 'not_open' | 'closed';

/** Why the respondent cannot answer now, or null when they can. Completion is reported before the window. */
export function blockerOf(
  row: Pick<AssignmentRow, 'status' | 'consent_status' | 'campaign_status' | 'opens_at' | 'closes_at'>,
  now = new Date(),
): Blocker | null {
  if (row.status === 'completed') return 'completed';
  if (row.status === 'declined') return 'declined';
  if (row.campaign_status === 'cancelled') return 'cancelled';
  if (row.consent_status === 'refused') return 'consent_refused';
  if (row.consent_status === 'pending') return 'consent_pending';
  if (row.campaign_status !== 'published' || now < row.opens_at) return 'not_open';
  if (now >= row.closes_at) return 'closed';
  return null;
}
