import {
  CALLER_TYPES,
  chinaHourOf,
  endOfChinaDay,
  HOTLINE_RISKS,
  HOTLINE_TOPICS,
  isPrimarySuppressed,
  shiftCoverage,
  startOfChinaDay,
  suppress,
} from '@yuxin/core';
import { sql } from 'kysely';
import type { ServiceContext } from '../services/context.js';
import { notFound } from '../http/problem.js';
import { hotlineFieldError, invalid } from './messages.js';

const MAX_DAYS = 366;
/** A year of gaps could be thousands of rows; the report lists the first ones and counts them all. */
const MAX_GAPS_LISTED = 100;

/** One published distribution: each count, or null where it could point at a caller. */
function distribution<K extends string>(keys: readonly K[], count: (k: K) => number, summed: boolean) {
  const values = keys.map(count);
  const total = values.reduce((a, b) => a + b, 0);
  // Hours, caller types and risks add up to the total, so a hidden cell could be recovered by
  // subtraction and a complement is hidden too; topics overlap (a call has several), so they do not.
  const hidden = summed
    ? suppress([...values, total], [{ total: values.length, parts: values.map((_, i) => i) }])
    : suppress(values, []);
  return keys.map((key, i) => ({ key, count: hidden[i] ? null : values[i]! }));
}

/**
 * The centre's counts for a period (China calendar days, inclusive): calls by hour, topic, caller type and
 * risk, the share that reached a school, and calls from students per 1,000 students of the city. Counts
 * only, small cells suppressed as in the screening reports; never a call, a caller or a student.
 */
export async function hotlineReport(ctx: ServiceContext, from: string, to: string) {
  const start = startOfChinaDay(from);
  const end = endOfChinaDay(to);
  if (end <= start || end.getTime() - start.getTime() > MAX_DAYS * 86_400_000)
    throw invalid([hotlineFieldError(ctx.locale, '/to', 'report.range')]);
  const [scope] = ctx.access.scopes('hotline.report').filter((s) => s.level === 'city');
  if (!scope) throw notFound();
  const binding = ctx.access.require('hotline.report', { cityId: scope.id });
  const db = ctx.readDb;
  const rows = await db
    .selectFrom('hotline_call')
    .select(['started_at', 'caller_type', 'risk', 'topics', 'alert_id'])
    .where('city_id', '=', scope.id)
    .where('started_at', '>=', start)
    .where('started_at', '<', end)
    .execute();
  // Shifts are the centre's own planning, no caller's: hours and gaps need no suppression.
  const shifts = await db
    .selectFrom('hotline_shift')
    .select(['starts_at', 'ends_at'])
    .where('city_id', '=', scope.id)
    .where('starts_at', '<', end)
    .where('ends_at', '>', start)
    .execute();
  const coverage = shiftCoverage(
    shifts.map((s) => ({ start: s.starts_at, end: s.ends_at })),
    start,
    end,
  );
  const [{ students }] = (await db
    .selectFrom('student')
    .select(sql<number>`count(*)::int`.as('students'))
    .where('city_id', '=', scope.id)
    .where('status', '=', 'active')
    .execute()) as [{ students: number }];

  const total = rows.length;
  const hidden = isPrimarySuppressed(total);
  const hours = Array.from({ length: 24 }, (_, h) => String(h));
  const byHour = new Map<string, number>();
  for (const r of rows) {
    const h = String(chinaHourOf(r.started_at));
    byHour.set(h, (byHour.get(h) ?? 0) + 1);
  }
  const count = <K extends string>(pick: (r: (typeof rows)[number]) => K | readonly K[]) => {
    const m = new Map<K, number>();
    for (const r of rows) {
      const v = pick(r);
      for (const k of Array.isArray(v) ? (v as K[]) : [v as K]) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return (k: K) => m.get(k) ?? 0;
  };
  const alerted = rows.filter((r) => r.alert_id).length;
  const fromStudents = rows.filter((r) => r.caller_type === 'student').length;

  await ctx.audit(ctx.db, {
    action: 'hotline.report',
    targetType: 'hotline_report',
    placement: { cityId: scope.id },
    binding,
    detail: { from, to },
  });
  return {
    from,
    to,
    total: hidden ? null : total,
    byHour: distribution(hours, (h) => byHour.get(h) ?? 0, true),
    byTopic: distribution(
      HOTLINE_TOPICS,
      count((r) => r.topics as (typeof HOTLINE_TOPICS)[number][]),
      false,
    ),
    byCallerType: distribution(
      CALLER_TYPES,
      count((r) => r.caller_type),
      true,
    ),
    byRisk: distribution(
      HOTLINE_RISKS,
      count((r) => r.risk),
      true,
    ),
    // A share computed from a hidden count would reveal it.
    schoolAlertShare: hidden || isPrimarySuppressed(alerted) || total === 0 ? null : alerted / total,
    studentCallsPerThousand:
      isPrimarySuppressed(fromStudents) || students === 0 ? null : (fromStudents * 1000) / students,
    coverage: {
      hours: coverage.hours,
      coveredHours: coverage.coveredHours,
      share: coverage.share,
      gapCount: coverage.gaps.length,
      gaps: coverage.gaps
        .slice(0, MAX_GAPS_LISTED)
        .map((g) => ({ startsAt: g.start.toISOString(), endsAt: g.end.toISOString() })),
    },
  };
}
