import { authorize, nextSteps, type CaseState } from '@yuxin/core';
import { sql } from 'kysely';
import type { ServiceContext } from '../services/context.js';
import { scoreTrajectory } from './monitoring.js';
import { caseFacts, caseScopeColumns, caseStaff, findCase } from './store.js';
import { caseDetail, caseListQuery, caseSummary, caseTimeline } from './views.js';
import { placementOf } from '../org/placement.js';

/** Reads of cases for the people working them; every read of a person's record is audited. */

export interface CaseListQuery {
  mine?: boolean;
  state?: CaseState;
  active?: boolean;
  page?: number;
  pageSize?: number;
}

export async function listCases(ctx: ServiceContext, query: CaseListQuery) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const me = ctx.actorId;
  let q = caseListQuery(ctx.db, ctx.clock()).where(ctx.access.filter('case.read', caseScopeColumns('c')));
  if (query.state) q = q.where('c.state', '=', query.state);
  if (query.active) q = q.where('c.state', '<>', 'closed');
  if (query.mine) {
    q = q.where((eb) =>
      eb.or([
        eb('c.opened_by', '=', me),
        eb.exists(
          eb
            .selectFrom('case_helper as h')
            .select('h.id')
            .whereRef('h.case_id', '=', 'c.id')
            .where('h.user_id', '=', me),
        ),
      ]),
    );
  }
  const { total } = (await q
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirst()) ?? { total: 0 };
  const rows = await q
    .orderBy(sql`case c.state when 'closing' then 0 when 'open' then 1 when 'closed' then 9 else 2 end`)
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const items = rows.map(caseSummary);
  await ctx.audit(ctx.db, {
    action: 'case.list',
    targetType: 'cases',
    detail: { state: query.state, mine: query.mine, returned: items.map((i) => i.id) },
  });
  return { items, total, page, pageSize };
}

/** One case with its notes decrypted, and the next steps this reader may take on it. */
export async function readCase(ctx: ServiceContext, id: string) {
  const c = await findCase(ctx.db, id);
  const placement = placementOf(c);
  const binding = ctx.access.require('case.read', placement);
  const [detail, facts] = await Promise.all([caseDetail(ctx.db, c, ctx.clock()), caseFacts(ctx.db, c)]);
  const may = {
    manage: authorize(ctx.access.actor, 'case.manage', placement).allowed,
    approve: authorize(ctx.access.actor, 'case.approve', placement).allowed,
  };
  // The detail carries decrypted notes and hospital feedback: every read is on the record.
  await ctx.audit(ctx.db, {
    action: 'case.read',
    targetType: 'case',
    targetId: c.id,
    placement: placementOf(c),
    binding,
    detail: { studentId: c.student_id, notes: true },
  });
  return { ...detail, nextSteps: nextSteps(facts, may) };
}

export async function readTimeline(ctx: ServiceContext, id: string) {
  const c = await findCase(ctx.db, id);
  const binding = ctx.access.require('case.read', placementOf(c));
  const items = await caseTimeline(ctx.db, c.id);
  await ctx.audit(ctx.db, {
    action: 'case.timeline.read',
    targetType: 'case',
    targetId: c.id,
    placement: placementOf(c),
    binding,
    detail: { studentId: c.student_id, events: items.length },
  });
  return { items };
}

/** Who may be named helper or follow-up owner (core's rule), and the city's partner hospitals for a referral. */
export async function caseCandidates(ctx: ServiceContext, id: string) {
  const c = await findCase(ctx.db, id);
  ctx.access.require('case.manage', placementOf(c));
  const [staff, hospitals, school] = await Promise.all([
    caseStaff(ctx.db, c),
    ctx.db
      .selectFrom('hospital')
      .select(['id', 'name_zh'])
      .where('city_id', '=', c.city_id)
      .where('deactivated_at', 'is', null)
      .orderBy('name_zh')
      .execute(),
    ctx.db.selectFrom('org_unit').select('partner_hospital_id').where('id', '=', c.school_id).executeTakeFirst(),
  ]);
  // The school's partner hospital (绿色通道) is offered first; the others follow by name.
  const partnerId = school?.partner_hospital_id ?? null;
  const ordered = [...hospitals.filter((h) => h.id === partnerId), ...hospitals.filter((h) => h.id !== partnerId)];
  return { staff, hospitals: ordered.map((h) => ({ id: h.id, name: h.name_zh, partner: h.id === partnerId })) };
}

export async function readTrajectory(ctx: ServiceContext, id: string) {
  const c = await findCase(ctx.db, id);
  // Scores are psychology staff's: the case must be in scope for both reading cases and results.
  ctx.access.require('case.read', placementOf(c));
  const binding = ctx.access.require('response.read', placementOf(c));
  const series = await scoreTrajectory(ctx.db, c.student_id);
  await ctx.audit(ctx.db, {
    action: 'response.trajectory',
    targetType: 'student',
    targetId: c.student_id,
    placement: placementOf(c),
    binding,
    detail: { caseId: c.id },
  });
  return { studentId: c.student_id, series };
}
