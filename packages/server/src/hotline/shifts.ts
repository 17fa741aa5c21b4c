import { coverageGaps, MAX_SHIFT_HOURS, startOfChinaDay, type OrgPlacement } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { notFound, type FieldError } from '../http/problem.js';
import type { ServiceContext } from '../services/context.js';
import { hotlineFieldError, invalid } from './messages.js';

const cityPlacement = (cityId: string): OrgPlacement => ({ cityId });

/** The city the actor's hotline binding covers: the centre is a city's service. */
function centreCity(ctx: ServiceContext): string {
  const [scope] = ctx.access.scopes('hotline.shift').filter((s) => s.level === 'city');
  if (!scope) throw notFound();
  return scope.id;
}

/** The city's hotline counselors, whom a shift may be given to. */
function counselors(db: Kysely<Database>, cityId: string) {
  return db
    .selectFrom('role_binding as rb')
    .innerJoin('user_account as u', 'u.id', 'rb.user_id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('rb.role', '=', 'hotline_counselor')
    .where('rb.scope_level', '=', 'city')
    .where('rb.scope_id', '=', cityId)
    .orderBy('u.display_name')
    .execute();
}

/**
 * The shift board of some days (China calendar): who is on when, and the hours nobody covers, so the
 * centre sees at a glance whether the line is answered around the clock.
 */
export async function shiftBoard(ctx: ServiceContext, from: string, days: number) {
  const cityId = centreCity(ctx);
  ctx.access.require('hotline.shift', cityPlacement(cityId));
  const start = startOfChinaDay(from);
  const end = new Date(start.getTime() + days * 86_400_000);
  const rows = await ctx.db
    .selectFrom('hotline_shift as sh')
    .innerJoin('user_account as u', 'u.id', 'sh.counselor_id')
    .select(['sh.id', 'sh.counselor_id', 'u.display_name', 'sh.starts_at', 'sh.ends_at'])
    .where('sh.city_id', '=', cityId)
    .where('sh.starts_at', '<', end)
    .where('sh.ends_at', '>', start)
    .orderBy('sh.starts_at')
    .orderBy('sh.id')
    .execute();
  const gaps = coverageGaps(
    rows.map((r) => ({ start: r.starts_at, end: r.ends_at })),
    start,
    end,
  );
  return {
    from: start.toISOString(),
    to: end.toISOString(),
    shifts: rows.map((r) => ({
      id: r.id,
      counselor: { id: r.counselor_id, name: r.display_name },
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
    })),
    gaps: gaps.map((g) => ({ startsAt: g.start.toISOString(), endsAt: g.end.toISOString() })),
    counselors: (await counselors(ctx.db, cityId)).map((c) => ({ id: c.id, name: c.display_name })),
  };
}

export async function addShift(ctx: ServiceContext, body: { counselorId: string; startsAt: string; endsAt: string }) {
  const cityId = centreCity(ctx);
  const binding = ctx.access.require('hotline.shift', cityPlacement(cityId));
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  const errors: FieldError[] = [];
  if (endsAt <= startsAt) errors.push(hotlineFieldError(ctx.locale, '/endsAt', 'shift.order'));
  else if (endsAt.getTime() - startsAt.getTime() > MAX_SHIFT_HOURS * 3_600_000)
    errors.push(hotlineFieldError(ctx.locale, '/endsAt', 'shift.too-long', { hours: MAX_SHIFT_HOURS }));
  const known = await counselors(ctx.db, cityId);
  if (!known.some((c) => c.id === body.counselorId))
    errors.push(hotlineFieldError(ctx.locale, '/counselorId', 'shift.counselor'));
  if (errors.length) throw invalid(errors);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('hotline_shift')
      .values({
        city_id: cityId,
        counselor_id: body.counselorId,
        starts_at: startsAt,
        ends_at: endsAt,
        created_by: ctx.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.audit(tx, {
      action: 'hotline.shift.add',
      targetType: 'hotline_shift',
      targetId: row.id,
      placement: cityPlacement(cityId),
      binding,
      detail: { counselorId: body.counselorId, startsAt: body.startsAt, endsAt: body.endsAt },
    });
    return { id: row.id };
  });
}

export async function removeShift(ctx: ServiceContext, id: string) {
  const row = await ctx.db.selectFrom('hotline_shift').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const binding = ctx.access.require('hotline.shift', cityPlacement(row.city_id));
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('hotline_shift').where('id', '=', id).execute();
    await ctx.audit(tx, {
      action: 'hotline.shift.remove',
      targetType: 'hotline_shift',
      targetId: id,
      placement: cityPlacement(row.city_id),
      binding,
      detail: {
        counselorId: row.counselor_id,
        startsAt: row.starts_at.toISOString(),
        endsAt: row.ends_at.toISOString(),
      },
    });
  });
}
