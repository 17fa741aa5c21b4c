import type { ReportMeasure } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';

export type ReportLevel = 'city' | 'district' | 'school';
/** How a count is broken down: by the unit's children, or across them by grade, gender, stage, care tag. */
export type Dimension = 'all' | 'unit' | 'grade' | 'gender' | 'stage' | 'care_tag';
/** The measures are named in core, where the triggers that count them are held to the same names. */
export type Measure = ReportMeasure;

export interface DimCount {
  dim: Dimension;
  dimKey: string;
  measure: Measure;
  key: string;
  n: number;
}

export type ReportUnit = Pick<OrgUnit, 'id' | 'kind' | 'city_id' | 'district_id' | 'school_id'>;

/** The narrowest key prefix of report_cell that holds a unit's rows. */
function unitFilter(unit: ReportUnit) {
  switch (unit.kind) {
    case 'school':
      return sql`c.district_id = ${unit.district_id} and c.school_id = ${unit.id}`;
    case 'district':
      return sql`c.district_id = ${unit.id}`;
    default:
      return sql`c.city_id = ${unit.id}`;
  }
}

const CHILD = {
  city: sql.raw('c.district_id::text'),
  district: sql.raw('c.school_id::text'),
  school: sql.raw('c.grade_level::text'),
} as const;

/**
 * A campaign's counts inside one unit, summed in the database by every dimension at once (grouping sets),
 * so even a city report returns a few hundred rows. Care-tag rows overlap, so they are read apart.
 */
export async function unitCounts(
  db: Kysely<Database>,
  campaignId: string,
  unit: ReportUnit & { kind: ReportLevel },
  measures?: readonly Measure[],
): Promise<DimCount[]> {
  const measureFilter = measures ? sql`and c.measure in (${sql.join(measures)})` : sql``;
  const main = await sql<{ dim: Dimension; dim_key: string; measure: Measure; key: string; n: number }>`
    select case when grouping(x.unit_key) = 0 then 'unit'
                when grouping(x.grade_level) = 0 then 'grade'
                when grouping(x.gender) = 0 then 'gender'
                when grouping(x.stage) = 0 then 'stage'
                else 'all' end as dim,
           coalesce(x.unit_key, x.grade_level::text, x.gender, x.stage, '') as dim_key,
           x.measure, x.key, sum(x.n)::float8 as n
      from (select ${CHILD[unit.kind]} as unit_key, c.grade_level, c.gender, coalesce(s.stage, 'unknown') as stage, c.measure, c.key, c.n
              from report_cell c join org_unit s on s.id = c.school_id
             where c.campaign_id = ${campaignId} and c.care_tag = '' and ${unitFilter(unit)} ${measureFilter}) x
     group by grouping sets ((x.measure, x.key), (x.measure, x.key, x.unit_key), (x.measure, x.key, x.grade_level), (x.measure, x.key, x.gender), (x.measure, x.key, x.stage))
  `.execute(db);
  const tags = await sql<{ care_tag: string; measure: Measure; key: string; n: number }>`
    select c.care_tag, c.measure, c.key, sum(c.n)::float8 as n
      from report_cell c
     where c.campaign_id = ${campaignId} and c.care_tag <> '' and ${unitFilter(unit)} ${measureFilter}
     group by c.care_tag, c.measure, c.key
  `.execute(db);
  return [
    ...main.rows.map((r) => ({ dim: r.dim, dimKey: r.dim_key, measure: r.measure, key: r.key, n: Number(r.n) })),
    ...tags.rows.map((r) => ({
      dim: 'care_tag' as const,
      dimKey: r.care_tag,
      measure: r.measure,
      key: r.key,
      n: Number(r.n),
    })),
  ];
}

/** Totals only (no breakdown) of several campaigns in one unit: the trend over earlier campaigns. */
export async function campaignTotals(
  db: Kysely<Database>,
  campaignIds: readonly string[],
  unit: ReportUnit,
  measures: readonly Measure[],
) {
  if (campaignIds.length === 0) return [];
  const rows = await sql<{ campaign_id: string; measure: Measure; key: string; n: number }>`
    select c.campaign_id, c.measure, c.key, sum(c.n)::float8 as n
      from report_cell c
     where c.campaign_id in (${sql.join(campaignIds)}) and c.care_tag = '' and c.measure in (${sql.join(measures)}) and ${unitFilter(unit)}
     group by c.campaign_id, c.measure, c.key
  `.execute(db);
  return rows.rows.map((r) => ({ campaignId: r.campaign_id, measure: r.measure, key: r.key, n: Number(r.n) }));
}

/** Earlier published campaigns of the same city with counts in this unit, newest first. */
export async function earlierCampaigns(
  db: Kysely<Database>,
  campaign: { id: string; city_id: string; opens_at: Date },
  unit: ReportUnit,
  limit = 4,
) {
  return db
    .selectFrom('campaign as p')
    .select(['p.id', 'p.name', 'p.school_year', 'p.term', 'p.opens_at'])
    .where('p.city_id', '=', campaign.city_id)
    .where('p.id', '<>', campaign.id)
    .where('p.status', '=', 'published')
    .where('p.opens_at', '<', campaign.opens_at)
    .where(
      sql<boolean>`exists (select 1 from report_cell c where c.campaign_id = p.id and c.care_tag = '' and c.measure = 'participation' and ${unitFilter(unit)})`,
    )
    .orderBy('p.opens_at', 'desc')
    .limit(limit)
    .execute();
}
