import { decide, type CaseEvent, type CaseFacts, type CaseState, type OrgPlacement } from '@yuxin/core';
import type { FastifyRequest } from 'fastify';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ScopeColumns } from '../access/request-access.js';
import { encryptOptional } from '../crypto/field-crypto.js';
import type { CareCaseTable, Database } from '../db/types.js';
import { requestLocale } from '../http/error-handler.js';
import { notFound, Problem } from '../http/problem.js';
import { cm, caseProblem } from './messages.js';
import { getCaseSettings } from './settings.js';

export type CaseRow = Selectable<CareCaseTable>;
type Db = Kysely<Database>;

export function casePlacement(
  c: Pick<CaseRow, 'city_id' | 'district_id' | 'school_id' | 'grade_id' | 'class_id' | 'student_id'>,
): OrgPlacement {
  return {
    cityId: c.city_id,
    districtId: c.district_id,
    schoolId: c.school_id,
    gradeId: c.grade_id,
    classId: c.class_id,
    personId: c.student_id,
  };
}

export function caseScopeColumns(alias: string): ScopeColumns {
  return {
    city: `${alias}.city_id`,
    district: `${alias}.district_id`,
    school: `${alias}.school_id`,
    grade: `${alias}.grade_id`,
    class: `${alias}.class_id`,
    person: `${alias}.student_id`,
  };
}

export function tenantOf(c: Pick<CaseRow, 'city_id' | 'district_id' | 'school_id'>) {
  return { city_id: c.city_id, district_id: c.district_id, school_id: c.school_id };
}

/** Audit placement of a case: the school's chain. */
export function auditPlacement(c: Pick<CaseRow, 'city_id' | 'district_id' | 'school_id'>) {
  return { cityId: c.city_id, districtId: c.district_id, schoolId: c.school_id };
}

export async function findCase(db: Db, id: string, lock = false): Promise<CaseRow> {
  let q = db.selectFrom('care_case').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Appends one timeline event; free text goes in encrypted. */
export async function appendEvent(
  tx: Db,
  c: Pick<CaseRow, 'id' | 'city_id' | 'district_id' | 'school_id'>,
  actorId: string | null,
  type: string,
  payload: Record<string, unknown> = {},
  note?: string | null,
): Promise<void> {
  await tx
    .insertInto('case_event')
    .values({
      case_id: c.id,
      ...tenantOf(c),
      type,
      payload: JSON.stringify(payload),
      note_enc: encryptOptional(note),
      actor_id: actorId,
    })
    .execute();
}

/** What the state machine needs to know, read inside the transaction that will act on it. */
export async function caseFacts(tx: Db, c: CaseRow, reasonGiven = false): Promise<CaseFacts> {
  const settings = await getCaseSettings(tx, c.city_id);
  const [helpers, follow, review, referral] = await Promise.all([
    tx
      .selectFrom('case_helper')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('follow_up')
      .select([
        sql<number>`count(*)::int`.as('total'),
        sql<number>`count(*) filter (where done_at is null)::int`.as('open'),
      ])
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow(),
    // Reviews before the last reopening belong to the earlier episode.
    tx
      .selectFrom('case_approval')
      .select('outcome')
      .where('case_id', '=', c.id)
      .where('kind', '=', 'leader_review')
      .where(
        'decided_at',
        '>=',
        sql<Date>`coalesce((select max(at) from case_event where case_id = ${c.id} and type = 'reopened'), '-infinity')`,
      )
      .orderBy('decided_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    latestReferral(tx, c.id),
  ]);
  return {
    state: c.state,
    assessmentRecorded: c.assessed_at !== null,
    planRecorded: c.planned_at !== null,
    helperCount: helpers.n,
    leaderReviewRequired: settings.leaderReviewBeforeReferral,
    leaderReview: (review?.outcome as 'refer' | 'no_referral' | undefined) ?? null,
    referral: referral
      ? {
          consentRecorded: referral.consent_recorded_at !== null,
          feedbackRecorded: referral.feedback_at !== null,
          admitted: referral.admitted,
          returnRecorded:
            referral.reassessment_enc !== null &&
            referral.return_plan_enc !== null &&
            (referral.admitted !== true || referral.certificate_ref !== null),
        }
      : null,
    followUpsScheduled: follow.total,
    followUpsOpen: follow.open,
    conclusionRecorded: c.conclusion_enc !== null,
    guardianInformed: c.guardian_informed_at !== null,
    reasonGiven,
  };
}

/** The referral of the current episode: one not yet finished by a return to school. */
export function latestReferral(db: Db, caseId: string) {
  return db
    .selectFrom('referral')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('returned_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Runs one event through the state machine inside the caller's transaction and stores the new state, or
 * throws 409 listing every reason it was refused so the caller's earlier writes roll back with it.
 */
export async function transition(
  tx: Db,
  req: FastifyRequest,
  c: CaseRow,
  event: CaseEvent,
  opts: { reasonGiven?: boolean; payload?: Record<string, unknown>; note?: string | null } = {},
): Promise<CaseState> {
  const facts = await caseFacts(tx, c, opts.reasonGiven ?? false);
  const d = decide(event, facts);
  if (!d.ok) throw guardProblem(req, d.reasons, facts);
  await tx
    .updateTable('care_case')
    .set({
      state: d.to,
      updated_at: new Date(),
      ...(d.to === 'closed' ? { closed_at: new Date() } : {}),
      ...(event === 'reopen' ? { closed_at: null } : {}),
    })
    .where('id', '=', c.id)
    .execute();
  await appendEvent(
    tx,
    c,
    req.signedIn!.account.id,
    'state_changed',
    { event, from: d.from, to: d.to, ...opts.payload },
    opts.note,
  );
  return d.to;
}

export function guardProblem(
  req: FastifyRequest,
  reasons: string[],
  facts: Pick<CaseFacts, 'state' | 'followUpsOpen'>,
): Problem {
  const locale = requestLocale(req);
  const params = { state: cm(`state.${facts.state}`, locale), count: facts.followUpsOpen };
  const errors = reasons.map((r) => ({
    field: `/${r}`,
    key: 'field.invalid' as const,
    message: cm(`guard.${r as 'wrong_state'}`, locale, params),
  }));
  return new Problem('conflict', { detail: errors.map((e) => e.message).join(' '), errors, extra: { reasons } });
}

/** Writes on a case are refused once it is closed, and before the assessment has begun. */
export function requireWorkable(req: FastifyRequest, c: CaseRow): void {
  if (c.state === 'closed') throw caseProblem(req, 'conflict', 'case.closed');
  if (c.state === 'open') throw caseProblem(req, 'conflict', 'case.early');
}

/** A staff account holding a school-level or class-level binding in this school. */
export async function staffInSchool(
  db: Db,
  userId: string,
  schoolId: string,
): Promise<{ id: string; display_name: string } | undefined> {
  return db
    .selectFrom('user_account as u')
    .select(['u.id', 'u.display_name'])
    .where('u.id', '=', userId)
    .where('u.kind', '=', 'staff')
    .where('u.disabled_at', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('role_binding as rb')
          .select('rb.id')
          .whereRef('rb.user_id', '=', 'u.id')
          .where('rb.school_id', '=', schoolId)
          .where('rb.role', 'in', ['psych_teacher', 'head_teacher', 'school_leader']),
      ),
    )
    .executeTakeFirst();
}
