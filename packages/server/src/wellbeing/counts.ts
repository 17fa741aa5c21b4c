import {
  chinaDateOf,
  endOfChinaDay,
  levelRank,
  startOfChinaDay,
  suppressGrid,
  wellbeingLevel,
  WELLBEING_LEVELS,
  type StaffWellbeingInstrument,
} from '@yuxin/core';
import { notFound } from '../http/problem.js';
import type { ServiceContext } from '../services/context.js';
import { invalid, wellbeingFieldError, wm } from './messages.js';

const MAX_DAYS = 366;

/**
 * How many staff took a self-screening in a period and at which neutral level, per school (for a district
 * or a school) or per district (for the city): each person's latest result counts once. Counts only, with
 * the screening reports' small-cell suppression (core suppressGrid), so no cell or margin points at a person.
 */
export async function wellbeingCounts(
  ctx: ServiceContext,
  query: { instrument: StaffWellbeingInstrument; from?: string; to?: string },
) {
  const now = ctx.clock();
  const to = query.to ?? chinaDateOf(now);
  const from = query.from ?? chinaDateOf(new Date(now.getTime() - 365 * 86_400_000));
  const start = startOfChinaDay(from);
  const end = endOfChinaDay(to);
  if (end <= start || end.getTime() - start.getTime() > MAX_DAYS * 86_400_000)
    throw invalid([wellbeingFieldError(ctx.locale, '/to', 'range.invalid')]);
  // The widest scope the actor holds decides the table: the city by district, a district or school by school.
  const [scope] = ctx.access.scopes('wellbeing.counts').sort((a, b) => levelRank(a.level) - levelRank(b.level));
  if (!scope || (scope.level !== 'city' && scope.level !== 'district' && scope.level !== 'school')) throw notFound();
  const byDistrict = scope.level === 'city';
  const unitColumn = byDistrict ? 'district_id' : 'school_id';

  let units = ctx.readDb
    .selectFrom('org_unit')
    .select(['id', 'name_zh', 'name_en'])
    .where('kind', '=', byDistrict ? 'district' : 'school')
    .where('deactivated_at', 'is', null);
  units =
    scope.level === 'city'
      ? units.where('city_id', '=', scope.id)
      : scope.level === 'district'
        ? units.where('district_id', '=', scope.id)
        : units.where('id', '=', scope.id);
  const unitRows = await units.orderBy('sort').orderBy('name_zh').execute();

  let results = ctx.readDb
    .selectFrom('staff_wellbeing_result')
    .distinctOn('user_id')
    .select(['user_id', 'district_id', 'school_id', 'band'])
    .where('instrument_code', '=', query.instrument)
    .where('taken_at', '>=', start)
    .where('taken_at', '<', end);
  results =
    scope.level === 'city'
      ? results.where('city_id', '=', scope.id)
      : scope.level === 'district'
        ? results.where('district_id', '=', scope.id)
        : results.where('school_id', '=', scope.id);
  const latest = await results.orderBy('user_id').orderBy('taken_at', 'desc').execute();

  // Staff above a school (a district's own centre, the city's) are counted in one row of their own, so the
  // margins still add up; a school leader's table has only their school.
  const keys: (string | null)[] = [...unitRows.map((u) => u.id), ...(scope.level === 'school' ? [] : [null])];
  const grid = keys.map(() => WELLBEING_LEVELS.map(() => 0));
  for (const r of latest) {
    const level = wellbeingLevel(query.instrument, r.band);
    if (!level) continue; // an incomplete form has no level and is not counted
    const row = keys.indexOf(r[unitColumn]);
    if (row === -1) continue;
    grid[row]![WELLBEING_LEVELS.indexOf(level)]!++;
  }
  const published = suppressGrid(grid);
  const binding = ctx.access.actor.bindings.find((b) => b.scope.level === scope.level && b.scope.id === scope.id);
  await ctx.audit(ctx.db, {
    action: 'wellbeing.counts.read',
    targetType: 'staff_wellbeing_counts',
    placement:
      scope.level === 'city'
        ? { cityId: scope.id }
        : scope.level === 'district'
          ? { districtId: scope.id }
          : { schoolId: scope.id },
    binding: binding ?? null,
    detail: { instrument: query.instrument, from, to },
  });
  return {
    instrument: query.instrument,
    from,
    to,
    levels: [...WELLBEING_LEVELS],
    rows: keys.map((id, i) => {
      const unit = unitRows.find((u) => u.id === id);
      return {
        unitId: id,
        name: unit
          ? ctx.locale === 'en' && unit.name_en
            ? unit.name_en
            : unit.name_zh
          : wm('unit.above-school', ctx.locale),
        counts: published.cells[i]!,
        total: published.rowTotals[i]!,
      };
    }),
    totals: published.columnTotals,
    total: published.total,
  };
}
