import type { Scope } from '@yuxin/core';
import { sql, type Expression, type SqlBool } from 'kysely';
import { decryptText } from '../crypto/field-crypto.js';
import { notFound, Problem } from '../http/problem.js';
import type { ServiceContext } from '../services/context.js';
import { wm } from './messages.js';

/**
 * The guidance centres' call-back queue. A district centre calls back its schools' staff; the city centre
 * those without a school. The queue holds a name, a phone number and a time: never which instrument, score
 * or answer led the teacher to ask, and nothing here joins a result.
 */

type Row = { district_id: string | null; city_id: string };

function reaches(scope: Scope, row: Row): boolean {
  if (scope.level === 'district') return row.district_id === scope.id;
  // A city binding is the city centre's: it calls back those with no district centre to call them.
  if (scope.level === 'city') return row.district_id === null && row.city_id === scope.id;
  return false;
}

function queueFilter(scopes: Scope[]): Expression<SqlBool> {
  const parts = scopes.flatMap((s) => {
    if (s.level === 'district') return [sql<SqlBool>`cb.district_id = ${s.id}`];
    if (s.level === 'city') return [sql<SqlBool>`(cb.city_id = ${s.id} and cb.district_id is null)`];
    return [];
  });
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`false`;
}

export async function listCallbacks(ctx: ServiceContext, status: 'open' | 'done') {
  const scopes = ctx.access.scopes('wellbeing.callback');
  let query = ctx.db
    .selectFrom('staff_wellbeing_callback as cb')
    .innerJoin('user_account as u', 'u.id', 'cb.user_id')
    .select(['cb.id', 'u.display_name', 'cb.phone_enc', 'cb.requested_at', 'cb.done_at'])
    .where(queueFilter(scopes));
  query =
    status === 'open'
      ? query.where('cb.done_at', 'is', null).orderBy('cb.requested_at', 'asc')
      : query.where('cb.done_at', 'is not', null).orderBy('cb.done_at', 'desc');
  const rows = await query.orderBy('cb.id').limit(200).execute();
  // The phone numbers are personal data shown to the centre: every read of the queue is audited.
  await ctx.audit(ctx.db, {
    action: 'wellbeing.callback.list',
    targetType: 'staff_wellbeing_callbacks',
    detail: { status, returned: rows.map((r) => r.id) },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.display_name,
      phone: decryptText(r.phone_enc),
      requestedAt: r.requested_at.toISOString(),
      doneAt: r.done_at?.toISOString() ?? null,
    })),
  };
}

/** The centre called back. A call-back outside the caller's centre answers exactly like one that does not exist. */
export async function markCallbackDone(ctx: ServiceContext, id: string) {
  const row = await ctx.db
    .selectFrom('staff_wellbeing_callback')
    .select(['id', 'city_id', 'district_id', 'done_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  const scope = row && ctx.access.scopes('wellbeing.callback').find((s) => reaches(s, row));
  if (!row || !scope) throw notFound();
  if (row.done_at) throw new Problem('conflict', { detail: wm('callback.done', ctx.locale) });
  const binding =
    ctx.access.actor.bindings.find((b) => b.scope.level === scope.level && b.scope.id === scope.id) ?? null;
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('staff_wellbeing_callback')
      .set({ done_at: ctx.clock(), done_by: ctx.actorId })
      .where('id', '=', id)
      .where('done_at', 'is', null)
      .execute();
    await ctx.audit(tx, {
      action: 'wellbeing.callback.done',
      targetType: 'staff_wellbeing_callback',
      targetId: id,
      placement: { cityId: row.city_id, districtId: row.district_id },
      exactPlacement: true,
      binding,
    });
  });
  return { id, doneAt: ctx.clock().toISOString() };
}
