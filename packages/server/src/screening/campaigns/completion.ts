import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database, OrgUnit } from '../../db/types.js';

export const COMPLETION_LEVELS = ['district', 'school', 'grade', 'class'] as const;
export type CompletionLevel = (typeof COMPLETION_LEVELS)[number];

const ASSIGNMENT_COLUMN = {
  city: 'city_id',
  district: 'district_id',
  school: 'school_id',
  grade: 'grade_id',
  class: 'class_id',
} as const;
const RANK = { city: 0, district: 1, school: 2, grade: 3, class: 4 } as const;

/** The rows a unit's completion view shows by default: its children (a class shows itself). */
export function defaultLevel(kind: OrgUnit['kind'] | undefined): CompletionLevel {
  switch (kind) {
    case undefined:
    case 'city':
      return 'district';
    case 'district':
      return 'school';
    default:
      return 'class';
  }
}

export function levelFits(level: CompletionLevel, unit: Pick<OrgUnit, 'kind'>): boolean {
  return RANK[level] >= RANK[unit.kind];
}

/**
 * Counts are of assignments — one per student and respondent — split so that they add up to `invited`:
 * completed, declined, consentRefused (not finished and the guardian said no), inProgress and notStarted.
 * consentPending is the part of the unfinished ones still waiting for a guardian.
 */
export interface CompletionCounts {
  invited: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  declined: number;
  consentPending: number;
  consentRefused: number;
  /** completed / invited, 0–1 with three decimals; 0 when nobody is invited. */
  completionRate: number;
}

export interface CompletionRow extends CompletionCounts {
  unitId: string;
  kind: string;
  name: string;
  nameEn: string | null;
}

const rate = (completed: number, invited: number) => (invited ? Math.round((completed / invited) * 1000) / 1000 : 0);

/**
 * Completion per unit of `level`, inside `within` when given, limited by `inScope` — a predicate over the
 * row's org unit aliased `u` — so a row is shown only when the whole unit is the actor's to see.
 */
export async function completionRows(
  db: Kysely<Database>,
  campaignId: string,
  level: CompletionLevel,
  within: Pick<OrgUnit, 'id' | 'kind'> | null,
  inScope: Expression<SqlBool>,
): Promise<CompletionRow[]> {
  let query = db
    .selectFrom('screening_assignment as a')
    .innerJoin('org_unit as u', (j) => j.onRef('u.id', '=', `a.${ASSIGNMENT_COLUMN[level]}` as 'a.class_id'))
    .leftJoin('org_unit as gu', (j) => j.onRef('gu.id', '=', 'u.grade_id').on('u.kind', '=', 'class'))
    .select([
      'u.id',
      'u.kind',
      sql<string>`coalesce(gu.name_zh, '') || u.name_zh`.as('name'),
      sql<
        string | null
      >`case when gu.id is null then u.name_en else coalesce(gu.name_en, gu.name_zh) || ' ' || coalesce(u.name_en, u.name_zh) end`.as(
        'name_en',
      ),
      sql<number>`count(*)::int`.as('invited'),
      sql<number>`(count(*) filter (where a.status = 'completed'))::int`.as('completed'),
      sql<number>`(count(*) filter (where a.status = 'declined'))::int`.as('declined'),
      sql<number>`(count(*) filter (where a.status in ('pending', 'in_progress') and a.consent_status = 'refused'))::int`.as(
        'consent_refused',
      ),
      sql<number>`(count(*) filter (where a.status = 'in_progress' and a.consent_status <> 'refused'))::int`.as(
        'in_progress',
      ),
      sql<number>`(count(*) filter (where a.status = 'pending' and a.consent_status <> 'refused'))::int`.as(
        'not_started',
      ),
      sql<number>`(count(*) filter (where a.status in ('pending', 'in_progress') and a.consent_status = 'pending'))::int`.as(
        'consent_pending',
      ),
    ])
    .where('a.campaign_id', '=', campaignId)
    .where(inScope)
    .groupBy(['u.id', 'gu.id']);
  if (within) query = query.where(`a.${ASSIGNMENT_COLUMN[within.kind]}` as 'a.class_id', '=', within.id);
  const rows = await query
    .orderBy(sql`u.grade_level nulls first`)
    .orderBy('u.sort')
    .orderBy('u.name_zh')
    .execute();
  return rows.map((r) => ({
    unitId: r.id,
    kind: r.kind,
    name: r.name,
    nameEn: r.name_en,
    invited: r.invited,
    completed: r.completed,
    inProgress: r.in_progress,
    notStarted: r.not_started,
    declined: r.declined,
    consentPending: r.consent_pending,
    consentRefused: r.consent_refused,
    completionRate: rate(r.completed, r.invited),
  }));
}

export function sumCounts(rows: readonly CompletionCounts[]): CompletionCounts {
  const keys = [
    'invited',
    'completed',
    'inProgress',
    'notStarted',
    'declined',
    'consentPending',
    'consentRefused',
  ] as const;
  const total = Object.fromEntries(keys.map((k) => [k, rows.reduce((n, r) => n + r[k], 0)])) as Record<
    (typeof keys)[number],
    number
  >;
  return { ...total, completionRate: rate(total.completed, total.invited) };
}

export interface UnfinishedStudent {
  studentId: string;
  name: string;
  studentNo: string;
  respondent: 'self' | 'guardian';
  status: 'pending' | 'in_progress';
  consentStatus: 'not_required' | 'pending' | 'granted' | 'refused';
  lastRemindedAt: string | null;
  reminderCount: number;
}

/**
 * Who in a class has not finished. A student's own decline is left out on purpose: it is counted, but a
 * list of names would invite pressure on a choice that is theirs to make.
 */
export async function unfinishedStudents(
  db: Kysely<Database>,
  campaignId: string,
  classId: string,
): Promise<UnfinishedStudent[]> {
  const rows = await db
    .selectFrom('screening_assignment as a')
    .innerJoin('student as s', 's.id', 'a.student_id')
    .select([
      's.id',
      's.name',
      's.student_no',
      'a.respondent',
      'a.status',
      'a.consent_status',
      'a.last_reminded_at',
      'a.reminder_count',
    ])
    .where('a.campaign_id', '=', campaignId)
    .where('a.class_id', '=', classId)
    .where('a.status', 'in', ['pending', 'in_progress'])
    .orderBy('s.student_no')
    .orderBy('a.respondent')
    .execute();
  return rows.map((r) => ({
    studentId: r.id,
    name: r.name,
    studentNo: r.student_no,
    respondent: r.respondent,
    status: r.status as 'pending' | 'in_progress',
    consentStatus: r.consent_status,
    lastRemindedAt: r.last_reminded_at ? r.last_reminded_at.toISOString() : null,
    reminderCount: r.reminder_count,
  }));
}
