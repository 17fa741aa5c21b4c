import { bandsOf, getInstrument, shareOf, tabulate, type CountCell, type PublishedTable } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { CampaignRow } from '../screening/campaigns/visibility.js';
import type { Database, OrgUnit } from '../db/types.js';
import { caughtUpReadDb } from '../db/replica.js';
import { foldReportCounts } from './fold.js';
import {
  campaignTotals,
  earlierCampaigns,
  unitCounts,
  type DimCount,
  type Dimension,
  type ReportLevel,
  type ReportUnit,
} from './cells.js';

export const BREAKDOWNS = ['unit', 'grade', 'gender', 'stage', 'care_tag'] as const satisfies readonly Dimension[];
export type Breakdown = (typeof BREAKDOWNS)[number];
export const PARTICIPATION_COLUMNS = ['valid', 'invalid', 'not_completed'] as const;
export const TIER_COLUMNS = ['1', '2', '3'] as const;
export const ALERT_COLUMNS = ['on_time', 'late', 'open'] as const;
const STAGES = ['primary', 'junior', 'senior', 'nine_year', 'complete_secondary', 'vocational', 'unknown'];
const GENDERS = ['male', 'female'];

export interface UnitLabel {
  key: string;
  name: string;
  nameEn: string | null;
}

export interface ScreeningReport {
  campaign: { id: string; name: string; schoolYear: string; term: number | null };
  level: ReportLevel;
  unit: UnitLabel & { kind: ReportLevel };
  parent: (UnitLabel & { kind: ReportLevel }) | null;
  /** The rows of the "unit" breakdown: districts of a city, schools of a district, grades of a school. */
  children: (UnitLabel & { drillable: boolean })[];
  /** Rows: children; every assignment is valid, invalid or not completed, so the row total is "invited". */
  participation: PublishedTable;
  tiers: Record<Breakdown, PublishedTable>;
  bands: {
    instrument: string;
    columns: string[];
    byUnit: PublishedTable;
    byGrade: PublishedTable;
    byGender: PublishedTable;
    byStage: PublishedTable;
    byCareTag: PublishedTable;
  }[];
  comparison: { unit: Shares; parent: Shares | null };
  trend: {
    campaignId: string;
    name: string;
    schoolYear: string;
    term: number | null;
    participation: PublishedTable;
    tiers: PublishedTable;
  }[];
  /** Responses with each critical flag, by child unit. */
  critical: PublishedTable;
  /** Alerts raised for the campaign by child unit: acknowledged on time, late, or not yet. */
  alerts: PublishedTable;
  casesOpened: PublishedTable;
  /** Mean minutes from raising to acknowledging, per child; null where fewer than five were acknowledged. */
  meanAckMinutes: (number | null)[];
}

export interface Shares {
  completionRate: number | null;
  /** Share of each confirmed tier among the confirmed. */
  tiers: (number | null)[];
}

const cells = (
  counts: readonly DimCount[],
  dim: Dimension,
  measure: DimCount['measure'],
  key: (k: string) => string | null = (k) => k,
): CountCell[] =>
  counts.flatMap((c) => {
    if (c.dim !== dim || c.measure !== measure) return [];
    const column = key(c.key);
    return column == null ? [] : [{ row: c.dimKey, column, n: c.n }];
  });

/** invited/completed/invalid become a partition: valid + invalid + not completed = invited. */
function participationCells(counts: readonly DimCount[], dim: Dimension): CountCell[] {
  const by = new Map<string, { invited: number; completed: number; invalid: number }>();
  for (const c of counts) {
    if (c.dim !== dim || c.measure !== 'participation') continue;
    const row = by.get(c.dimKey) ?? { invited: 0, completed: 0, invalid: 0 };
    if (c.key === 'invited' || c.key === 'completed' || c.key === 'invalid') row[c.key] += c.n;
    by.set(c.dimKey, row);
  }
  return [...by].flatMap(([row, v]) => [
    { row, column: 'valid', n: v.completed - v.invalid },
    { row, column: 'invalid', n: v.invalid },
    { row, column: 'not_completed', n: v.invited - v.completed },
  ]);
}

function alertCells(counts: readonly DimCount[], dim: Dimension): CountCell[] {
  const by = new Map<string, Record<string, number>>();
  for (const c of counts) {
    if (c.dim !== dim || c.measure !== 'alert') continue;
    const row = by.get(c.dimKey) ?? {};
    row[c.key] = (row[c.key] ?? 0) + c.n;
    by.set(c.dimKey, row);
  }
  return [...by].flatMap(([row, v]) => [
    { row, column: 'on_time', n: v.on_time ?? 0 },
    { row, column: 'late', n: (v.acknowledged ?? 0) - (v.on_time ?? 0) },
    { row, column: 'open', n: (v.raised ?? 0) - (v.acknowledged ?? 0) },
  ]);
}

/** The rows a breakdown shows: every key that has invited students, in a stable order. */
function rowKeys(counts: readonly DimCount[], dim: Breakdown, children: readonly UnitLabel[]): string[] {
  const present = new Set(
    counts.filter((c) => c.dim === dim && c.measure === 'participation' && c.key === 'invited').map((c) => c.dimKey),
  );
  switch (dim) {
    case 'unit':
      return children.map((c) => c.key).filter((k) => present.has(k));
    case 'grade':
      return [...present].sort((a, b) => Number(a) - Number(b));
    case 'gender':
      return GENDERS.filter((g) => present.has(g));
    case 'stage':
      return STAGES.filter((s) => present.has(s));
    case 'care_tag':
      return [...present].sort();
  }
}

function instrumentColumns(code: string, seen: readonly string[]): string[] {
  const def = getInstrument(code);
  const known = def ? bandsOf(def.scoring).map((b) => b.id) : [];
  return [...known, ...seen.filter((b) => !known.includes(b)).sort()];
}

function sharesOf(counts: readonly DimCount[]): Shares {
  const participation = tabulate(participationCells(counts, 'all'), [''], [...PARTICIPATION_COLUMNS]);
  const tiers = tabulate(cells(counts, 'all', 'tier'), [''], [...TIER_COLUMNS]);
  const completed =
    participation.cells[0]![0] != null && participation.cells[0]![1] != null
      ? participation.cells[0]![0] + participation.cells[0]![1]
      : null;
  return {
    completionRate: shareOf(completed, participation.total),
    tiers: tiers.columnTotals.map((n) => shareOf(n, tiers.total)),
  };
}

async function childUnits(
  db: Kysely<Database>,
  unit: ReportUnit & { kind: ReportLevel },
): Promise<(UnitLabel & { drillable: boolean })[]> {
  if (unit.kind === 'school') {
    const grades = await db
      .selectFrom('org_unit')
      .select(['grade_level', 'name_zh', 'name_en'])
      .where('school_id', '=', unit.id)
      .where('kind', '=', 'grade')
      .orderBy('grade_level')
      .execute();
    return grades.map((g) => ({
      key: String(g.grade_level ?? 0),
      name: g.name_zh,
      nameEn: g.name_en,
      drillable: false,
    }));
  }
  const kind = unit.kind === 'city' ? 'district' : 'school';
  const column = unit.kind === 'city' ? 'city_id' : 'district_id';
  const rows = await db
    .selectFrom('org_unit')
    .select(['id', 'name_zh', 'name_en'])
    .where(column, '=', unit.id)
    .where('kind', '=', kind)
    .orderBy('sort')
    .orderBy('name_zh')
    .execute();
  return rows.map((r) => ({ key: r.id, name: r.name_zh, nameEn: r.name_en, drillable: true }));
}

const label = (u: Pick<OrgUnit, 'id' | 'name_zh' | 'name_en'>) => ({ key: u.id, name: u.name_zh, nameEn: u.name_en });

/**
 * One campaign's report for a city, district or school, from the pre-aggregated counts. Every table is
 * suppressed before it leaves this function; nothing below five students reaches a client or a file.
 * The fold writes, so it runs on the primary (primary); the counts are then read from readDb, the replica
 * when one is configured, once it has replayed the fold (db/replica.ts).
 */
export async function buildScreeningReport(
  primary: Kysely<Database>,
  campaign: CampaignRow,
  unit: OrgUnit & { kind: ReportLevel },
  readDb: Kysely<Database> = primary,
): Promise<ScreeningReport> {
  const parentId = unit.kind === 'school' ? unit.district_id : unit.kind === 'district' ? unit.city_id : null;
  // Everything committed before the report was asked for is counted.
  await foldReportCounts(primary);
  const db = await caughtUpReadDb(primary, readDb);
  const [counts, children, parent, earlier] = await Promise.all([
    unitCounts(db, campaign.id, unit),
    childUnits(db, unit),
    parentId ? db.selectFrom('org_unit').selectAll().where('id', '=', parentId).executeTakeFirst() : undefined,
    earlierCampaigns(db, campaign, unit),
  ]);
  // The parent's totals only: a district report should not pay for the city's breakdowns.
  const parentCounts = parent
    ? (await campaignTotals(db, [campaign.id], parent, ['participation', 'tier'])).map((t) => ({
        dim: 'all' as const,
        dimKey: '',
        measure: t.measure,
        key: t.key,
        n: t.n,
      }))
    : null;
  const trendCounts = await campaignTotals(
    db,
    earlier.map((c) => c.id),
    unit,
    ['participation', 'tier'],
  );

  const rows = Object.fromEntries(BREAKDOWNS.map((d) => [d, rowKeys(counts, d, children)])) as Record<
    Breakdown,
    string[]
  >;
  const tiers = Object.fromEntries(
    BREAKDOWNS.map((d) => [d, tabulate(cells(counts, d, 'tier'), rows[d], [...TIER_COLUMNS])]),
  ) as Record<Breakdown, PublishedTable>;

  const bandKeys = counts.filter((c) => c.measure === 'band' && c.dim === 'all').map((c) => c.key);
  const instruments = [...new Set(bandKeys.map((k) => k.split(':')[0]!))].sort();
  const bands = instruments.map((code) => {
    const columns = instrumentColumns(
      code,
      bandKeys.filter((k) => k.startsWith(`${code}:`)).map((k) => k.slice(code.length + 1)),
    );
    const of = (dim: Breakdown) =>
      tabulate(
        cells(counts, dim, 'band', (k) => (k.startsWith(`${code}:`) ? k.slice(code.length + 1) : null)),
        rows[dim],
        columns,
      );
    return {
      instrument: code,
      columns,
      byUnit: of('unit'),
      byGrade: of('grade'),
      byGender: of('gender'),
      byStage: of('stage'),
      byCareTag: of('care_tag'),
    };
  });

  const flags = [
    ...new Set(counts.filter((c) => c.measure === 'critical' && c.dim === 'all').map((c) => c.key)),
  ].sort();
  const alerts = tabulate(alertCells(counts, 'unit'), rows.unit, [...ALERT_COLUMNS]);
  const ackMinutes = new Map(
    counts
      .filter((c) => c.dim === 'unit' && c.measure === 'alert' && c.key === 'ack_minutes')
      .map((c) => [c.dimKey, c.n]),
  );
  const meanAckMinutes = rows.unit.map((key, i) => {
    const on = alerts.cells[i]![0];
    const late = alerts.cells[i]![1];
    const acknowledged = on != null && late != null ? on + late : null;
    return acknowledged != null && acknowledged >= 5 ? Math.round((ackMinutes.get(key) ?? 0) / acknowledged) : null;
  });

  return {
    campaign: { id: campaign.id, name: campaign.name, schoolYear: campaign.school_year, term: campaign.term },
    level: unit.kind,
    unit: { ...label(unit), kind: unit.kind },
    parent: parent ? { ...label(parent), kind: parent.kind as ReportLevel } : null,
    children,
    participation: tabulate(participationCells(counts, 'unit'), rows.unit, [...PARTICIPATION_COLUMNS]),
    tiers,
    bands,
    comparison: { unit: sharesOf(counts), parent: parentCounts ? sharesOf(parentCounts) : null },
    trend: earlier.map((c) => {
      const own = trendCounts
        .filter((t) => t.campaignId === c.id)
        .map((t) => ({ dim: 'all' as const, dimKey: '', measure: t.measure, key: t.key, n: t.n }));
      return {
        campaignId: c.id,
        name: c.name,
        schoolYear: c.school_year,
        term: c.term,
        participation: tabulate(participationCells(own, 'all'), [''], [...PARTICIPATION_COLUMNS]),
        tiers: tabulate(cells(own, 'all', 'tier'), [''], [...TIER_COLUMNS]),
      };
    }),
    critical: tabulate(cells(counts, 'unit', 'critical'), rows.unit, flags),
    alerts,
    casesOpened: tabulate(
      cells(counts, 'unit', 'alert', (k) => (k === 'case_opened' ? k : null)),
      rows.unit,
      ['case_opened'],
    ),
    meanAckMinutes,
  };
}
