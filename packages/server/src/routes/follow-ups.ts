import { DUE_WINDOW_DAYS, followUpStatus } from '@yuxin/core';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { ScopeColumns } from '../access/request-access.js';
import { auditRequest } from '../audit/request-audit.js';
import { completeFollowUp } from '../cases/commands.js';
import { caseScopeColumns } from '../cases/store.js';
import { FollowUpView, StudentRef } from '../cases/views.js';
import type { Api } from '../http/api.js';
import { IdParams, PageQuery, paged } from '../http/schemas.js';
import { requestContext } from '../services/context.js';

const FOLLOW_UP_SCOPE: ScopeColumns = {
  city: 'f.city_id',
  district: 'f.district_id',
  school: 'f.school_id',
  class: 'f.class_id',
};
const DAY_MS = 86_400_000;

const FollowUpItem = Type.Object({ ...FollowUpView.properties, student: StudentRef });

/**
 * Follow-ups as tasks: the responsible person's own list (head teachers included), and the school's
 * overdue list for the leader and psychology staff, where escalated items come first.
 */
export async function followUpsRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/follow-ups',
    {
      config: { policy: 'followup.own' },
      schema: {
        tags: ['cases'],
        querystring: Type.Object(
          {
            view: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('school')], { default: 'mine' })),
            status: Type.Optional(
              Type.Union([Type.Literal('open'), Type.Literal('due'), Type.Literal('overdue'), Type.Literal('done')]),
            ),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(FollowUpItem) },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      const now = new Date();
      let q = db
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
        req.query.view === 'school'
          ? q.where(req.access.filter('case.read', caseScopeColumns('c')))
          : q
              .where('f.responsible_user_id', '=', req.signedIn!.account.id)
              .where(req.access.filter('followup.own', FOLLOW_UP_SCOPE));
      const status = req.query.status ?? 'open';
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
      await auditRequest(db, req, {
        action: 'followup.list',
        targetType: 'follow_ups',
        detail: { view: req.query.view ?? 'mine', status, students: [...new Set(items.map((i) => i.student.id))] },
      });
      return { items, total, page, pageSize };
    },
  );

  api.post(
    '/v1/follow-ups/:id/complete',
    {
      config: { policy: 'followup.own' },
      schema: {
        tags: ['cases'],
        params: IdParams,
        body: Type.Object({ outcome: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), doneAt: Type.String() }) },
      },
    },
    (req) => completeFollowUp(requestContext(req, db), req.params.id, req.body.outcome),
  );
}
