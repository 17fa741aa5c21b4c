import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { completeFollowUp } from '../cases/commands.js';
import { listFollowUps } from '../cases/follow-up-list.js';
import { FollowUpView, StudentRef } from '../cases/views.js';
import type { Api } from '../http/api.js';
import { IdParams, PageQuery, paged } from '../http/schemas.js';
import { requestContext } from '../services/context.js';

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
    async (req) =>
      listFollowUps(requestContext(req, db), {
        view: req.query.view ?? 'mine',
        status: req.query.status ?? 'open',
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
      }),
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
