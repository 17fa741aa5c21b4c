import { DUE_WINDOW_DAYS, followUpStatus } from '@yuxin/core';
import { sql } from 'kysely';
import type { ScopeColumns } from '../access/request-access.js';
import type { ServiceContext } from '../services/context.js';
import { caseScopeColumns } from './store.js';

const FOLLOW_UP_SCOPE: ScopeColumns = {
  city: 'f.city_id',
  district: 'f.district_id',
  school: 'f.school_id',
  class: 'f.class_id',
};
const DAY_MS = 86_400_000;

/**
 * Follow-ups as tasks: the responsible person's own list (head teachers included), where their binding
 * still reaches; or the school's list for the leader and psychology staff. The students named are audited.
 */
export async function listFollowUps(
  ctx: ServiceContext,
  query: { view: 'mine' | 'school'; status: 'open' | 'due' | 'overdue' | 'done'; page: number; pageSize: number },
) {
  const { view, status, page, pageSize } = query;
  const now = ctx.clock();
  let q = ctx.db
    .selectFrom('follow_up as f')
    .innerJoin('care_case as c', 'c.id', 'f.case_id')
    .innerJoin('student as s', 's.id', 'c.student_id')
    .innerJoin('org_unit as cl', 'cl.id', 's.class_id')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .innerJoin('user_account as u', 'u.id', 'f.responsible_user_id')
    .select([
      'f.id',
      'f.case_id',
      'f.due_at',
      'f.done_at',
      'f.responsible_user_id',
      'u.display_name as responsible_name',
      's.id as student_id',
      's.name as student_name',
      's.student_no',
      'cl.name_zh as class_name',
      'g.name_zh as grade_name',
    ]);
  // Mine: what is asked of me, where my binding still reaches. School: the leader's and psychology staff's overview.
  q =
    view === 'school'
      ? q.where(ctx.access.filter('case.read', caseScopeColumns('c')))
      : q.where('f.responsible_user_id', '=', ctx.actorId).where(ctx.access.filter('followup.own', FOLLOW_UP_SCOPE));
  if (status === 'done') q = q.where('f.done_at', 'is not', null);
  else q = q.where('f.done_at', 'is', null);
  if (status === 'overdue') q = q.where('f.due_at', '<', now);
  if (status === 'due') q = q.where('f.due_at', '<', new Date(now.getTime() + DUE_WINDOW_DAYS * DAY_MS));
  const { total } = (await q
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirst()) ?? { total: 0 };
  const rows = await q
    .orderBy('f.due_at')
    .orderBy('f.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    dueAt: r.due_at.toISOString(),
    responsible: { id: r.responsible_user_id, name: r.responsible_name },
    status: followUpStatus({ dueAt: r.due_at, doneAt: r.done_at }, now),
    doneAt: r.done_at?.toISOString() ?? null,
    student: {
      id: r.student_id,
      name: r.student_name,
      studentNo: r.student_no,
      className: r.class_name,
      gradeName: r.grade_name,
    },
  }));
  await ctx.audit(ctx.db, {
    action: 'followup.list',
    targetType: 'follow_ups',
    detail: { view, status, students: [...new Set(items.map((i) => i.student.id))] },
  });
  return { items, total, page, pageSize };
}
