import { bandLabel, INSTRUMENTS, instrumentShortName } from '@yuxin/core';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { RequestAccess } from '../../access/request-access.js';
import type { Database } from '../../db/types.js';
import type { Locale } from '../../http/locale.js';
import { carelessText, flagText } from './explain.js';
import { loadVersions } from './pinned.js';
import { screeningScopeColumns } from './scope-columns.js';

export interface ResultFilters {
  campaignId?: string;
  classId?: string;
  band?: string;
  /** true: only students with a critical flag; false: only those without. */
  flagged?: boolean;
}

const CATALOG_ORDER = new Map(INSTRUMENTS.map((d, i) => [d.code, i]));
const keyOf = (studentId: string, campaignId: string | null) => `${studentId}|${campaignId ?? ''}`;

/**
 * Screening results per student and campaign for psychology staff, paged by student: flagged students
 * first, then the most recent. Scope is applied in every query, not only the first.
 */
export async function listResults(
  db: Kysely<Database>,
  access: RequestAccess,
  filters: ResultFilters,
  page: number,
  pageSize: number,
  locale: Locale,
) {
  const scope = access.filter('response.read', screeningScopeColumns('r'));
  const flaggedExpr = sql<SqlBool>`bool_or(cardinality(r.critical_flags) > 0)`;
  let groups = db
    .selectFrom('screening_response as r')
    .where(scope)
    .select(['r.student_id', 'r.campaign_id'])
    .select([sql<Date>`max(r.submitted_at)`.as('submitted_at'), flaggedExpr.as('flagged')])
    .groupBy(['r.student_id', 'r.campaign_id']);
  if (filters.campaignId) groups = groups.where('r.campaign_id', '=', filters.campaignId);
  if (filters.classId) groups = groups.where('r.class_id', '=', filters.classId);
  if (filters.band) groups = groups.having(sql<SqlBool>`bool_or(r.band = ${filters.band})`);
  if (filters.flagged === true) groups = groups.having(flaggedExpr);
  if (filters.flagged === false) groups = groups.having(sql<SqlBool>`not ${flaggedExpr}`);

  const [{ total }] = (await db
    .selectFrom(groups.as('g'))
    .select(sql<number>`count(*)::int`.as('total'))
    .execute()) as [{ total: number }];
  const pageRows = await groups
    .orderBy(sql`bool_or(cardinality(r.critical_flags) > 0)`, 'desc')
    .orderBy(sql`max(r.submitted_at)`, 'desc')
    .orderBy('r.student_id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  if (pageRows.length === 0) return { items: [], total, page, pageSize, studentIds: [] as string[] };

  const studentIds = [...new Set(pageRows.map((g) => g.student_id))];
  const [responses, assessments] = await Promise.all([
    db
      .selectFrom('screening_response as r')
      .innerJoin('student as s', 's.id', 'r.student_id')
      .innerJoin('org_unit as c', 'c.id', 's.class_id')
      .innerJoin('org_unit as g', 'g.id', 's.grade_id')
      .leftJoin('campaign as cp', 'cp.id', 'r.campaign_id')
      .where(scope)
      .where('r.student_id', 'in', studentIds)
      .select([
        'r.id',
        'r.student_id',
        'r.campaign_id',
        'r.instrument_code',
        'r.instrument_version',
        'r.respondent',
        'r.total',
        'r.band',
        'r.critical_flags',
        'r.valid',
        'r.careless',
        'r.submitted_at',
        's.name as student_name',
        's.student_no',
        's.class_id',
        'c.name_zh as class_name',
        'g.name_zh as grade_name',
        'cp.name as campaign_name',
      ])
      .execute(),
    db
      .selectFrom('tier_assessment as t')
      .where(access.filter('response.read', screeningScopeColumns('t')))
      .where('t.student_id', 'in', studentIds)
      .select(['t.id', 't.student_id', 't.campaign_id', 't.suggested_tier', 't.status', 't.confirmed_tier'])
      .execute(),
  ]);
  const tierBy = new Map(assessments.map((t) => [keyOf(t.student_id, t.campaign_id), t]));
  // Labels from the version each response was answered on, which may be an edited one.
  const defOf = await loadVersions(
    db,
    responses.map((r) => ({ code: r.instrument_code, version: r.instrument_version })),
  );

  const items = pageRows.map((g) => {
    const key = keyOf(g.student_id, g.campaign_id);
    const mine = responses
      .filter((r) => keyOf(r.student_id, r.campaign_id) === key)
      .sort((a, b) => (CATALOG_ORDER.get(a.instrument_code) ?? 99) - (CATALOG_ORDER.get(b.instrument_code) ?? 99));
    const first = mine[0]!;
    const tier = tierBy.get(key);
    return {
      studentId: g.student_id,
      studentName: first.student_name,
      studentNo: first.student_no,
      classId: first.class_id,
      className: first.class_name,
      gradeName: first.grade_name,
      campaignId: g.campaign_id,
      campaignName: first.campaign_name,
      submittedAt: new Date(g.submitted_at).toISOString(),
      flagged: Boolean(g.flagged),
      instruments: mine.map((r) => {
        const def = defOf(r.instrument_code, r.instrument_version);
        return {
          responseId: r.id,
          code: r.instrument_code,
          version: r.instrument_version,
          shortName: instrumentShortName(r.instrument_code, def),
          respondent: r.respondent,
          total: r.total,
          band: r.band,
          bandLabel: r.band ? bandLabel(r.instrument_code, r.band, locale, def) : null,
          criticalFlags: r.critical_flags.map((id) => ({ id, label: flagText(id, locale) })),
          valid: r.valid,
          careless: r.careless.map((id) => ({ id, label: carelessText(id, locale) })),
        };
      }),
      tierAssessmentId: tier?.id ?? null,
      suggestedTier: tier?.suggested_tier ?? null,
      reviewStatus: tier?.status ?? null,
      confirmedTier: tier?.confirmed_tier ?? null,
    };
  });
  return { items, total, page, pageSize, studentIds };
}
