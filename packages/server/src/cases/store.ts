import {
  canHelpOnCase,
  CASE_STAFF_ROLES,
  EPISODE_START,
  returnRecordComplete,
  type CaseEventType,
  type CaseFacts,
  type CaseState,
  type LeaderReviewOutcome,
  type Role,
  type ScopeLevel,
} from '@yuxin/core';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ScopeColumns } from '../access/request-access.js';
import { encryptOptional } from '../crypto/field-crypto.js';
import type { CareCaseTable, Database, ReferralTable } from '../db/types.js';
import { notFound } from '../http/problem.js';
import { getCaseSettings } from './settings.js';
import { placementOf } from '../org/placement.js';

export type CaseRow = Selectable<CareCaseTable>;
export type ReferralRow = Selectable<ReferralTable>;
type Db = Kysely<Database>;

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

export async function findCase(db: Db, id: string, lock = false): Promise<CaseRow> {
  let q = db.selectFrom('care_case').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function findReferral(db: Db, id: string, lock = false): Promise<ReferralRow> {
  let q = db.selectFrom('referral').selectAll().where('id', '=', id);
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
  type: CaseEventType,
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

/** When the case's current episode began: its last reopening, or null for a case never reopened. */
function episodeStart(caseId: string) {
  return sql<Date | null>`(select max(e.at) from case_event e
     where e.case_id = ${caseId} and e.type = ${EPISODE_START.type} and e.payload ->> 'event' = ${EPISODE_START.event})`;
}

/** What the state machine needs to know, read inside the transaction that will act on it. */
export async function caseFacts(tx: Db, c: CaseRow, reasonGiven = false): Promise<CaseFacts> {
  const settings = await getCaseSettings(tx, c.city_id);
  const [helpers, follow, review, referral, otherActive] = await Promise.all([
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
    // Reviews decided before the last reopening belong to the earlier episode and do not count.
    tx
      .selectFrom('case_approval')
      .select('outcome')
      .where('case_id', '=', c.id)
      .where('kind', '=', 'leader_review')
      .where('decided_at', '>', sql<Date>`coalesce(${episodeStart(c.id)}, '-infinity')`)
      .orderBy('decided_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    openReferral(tx, c.id),
    tx
      .selectFrom('care_case')
      .select('id')
      .where('student_id', '=', c.student_id)
      .where('id', '<>', c.id)
      .where('state', '<>', 'closed')
      .executeTakeFirst(),
  ]);
  return {
    state: c.state,
    assessmentRecorded: c.assessed_at !== null,
    planRecorded: c.planned_at !== null,
    helperCount: helpers.n,
    leaderReviewRequired: settings.leaderReviewBeforeReferral,
    leaderReview: (review?.outcome as LeaderReviewOutcome | undefined) ?? null,
    referral: referral
      ? {
          consentRecorded: referral.consent_recorded_at !== null,
          feedbackRecorded: referral.feedback_at !== null,
          admitted: referral.admitted,
          returnRecorded: returnRecordComplete({
            admitted: referral.admitted,
            certificate: referral.certificate_ref !== null,
            reassessment: referral.reassessment_enc !== null,
            returnPlan: referral.return_plan_enc !== null,
          }),
        }
      : null,
    followUpsScheduled: follow.total,
    followUpsOpen: follow.open,
    conclusionRecorded: c.conclusion_enc !== null,
    guardianInformed: c.guardian_informed_at !== null,
    reasonGiven,
    otherActiveCase: otherActive !== undefined,
  };
}

/** The referral of the current episode: one not yet finished by a return to school, a cancellation or a re-route. */
export function openReferral(db: Db, caseId: string) {
  return (
    db
      .selectFrom('referral')
      .selectAll()
      .where('case_id', '=', caseId)
      // Returned, cancelled and re-routed referrals are over; the one that replaced a re-routed one is open.
      .where('status', 'in', ['awaiting_consent', 'sent', 'answered'])
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst()
  );
}

/** Stores a state the machine allowed; a reopened case is no longer closed. */
export async function writeState(tx: Db, c: CaseRow, to: CaseState, at: Date): Promise<void> {
  await tx
    .updateTable('care_case')
    .set({
      state: to,
      updated_at: at,
      closed_at: to === 'closed' ? at : null,
    })
    .where('id', '=', c.id)
    .execute();
}

export interface CaseStaffMember {
  id: string;
  name: string;
  roles: Role[];
}

/**
 * The active staff accounts of the case's school who may help on it or own its follow-ups, as core's rule
 * decides from their bindings; `userId` narrows it to one account.
 */
export async function caseStaff(db: Db, c: CaseRow, userId?: string): Promise<CaseStaffMember[]> {
  let q = db
    .selectFrom('role_binding as rb')
    .innerJoin('user_account as u', 'u.id', 'rb.user_id')
    .select(['u.id', 'u.display_name', 'rb.role', 'rb.scope_level', 'rb.scope_id'])
    .where('rb.school_id', '=', c.school_id)
    .where('rb.role', 'in', CASE_STAFF_ROLES)
    .where('u.kind', '=', 'staff')
    .where('u.disabled_at', 'is', null);
  if (userId) q = q.where('u.id', '=', userId);
  const rows = await q.orderBy('u.display_name').orderBy('u.id').execute();
  const byUser = new Map<
    string,
    { name: string; bindings: { role: Role; scope: { level: ScopeLevel; id: string } }[] }
  >();
  for (const r of rows) {
    const entry = byUser.get(r.id) ?? { name: r.display_name, bindings: [] };
    entry.bindings.push({ role: r.role as Role, scope: { level: r.scope_level as ScopeLevel, id: r.scope_id } });
    byUser.set(r.id, entry);
  }
  const placement = placementOf(c);
  return [...byUser.entries()]
    .filter(([, u]) => canHelpOnCase(u.bindings, placement))
    .map(([id, u]) => ({ id, name: u.name, roles: [...new Set(u.bindings.map((b) => b.role))].sort() }));
}
