import { ESCALATION_LEVELS, URGENCIES } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { IdParams, Nullable, PageQuery, paged } from '../http/schemas.js';
import { acknowledgeAlert, listAlerts, loadAlert } from '../screening/submission/alerts.js';
import { requestContext } from '../services/context.js';

const AlertView = Type.Object({
  id: Type.String(),
  studentId: Type.String(),
  studentName: Type.String(),
  studentNo: Type.String(),
  classId: Type.String(),
  className: Type.String(),
  gradeName: Type.String(),
  careTags: Type.Array(Type.String()),
  cared: Type.Boolean(),
  source: Type.String({ description: 'screening | observation | hotline | counseling | tier_change | mailbox' }),
  urgency: Type.Enum([...URGENCIES]),
  status: Type.Enum(['open', 'acknowledged', 'closed']),
  createdAt: Type.String(),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  acknowledgedAt: Nullable(Type.String()),
  acknowledgedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  responseId: Nullable(Type.String()),
  activeCaseId: Nullable(Type.String({ description: 'The running case that holds this alert, if any' })),
  tierAssessmentId: Nullable(Type.String({ description: "An observation alert's own tier review (复核)" })),
  reasons: Type.Array(
    Type.Object({
      kind: Type.String({ description: 'screening | tier_change | hotline | mailbox | counseling' }),
      instrument: Nullable(Type.String()),
      item: Nullable(Type.Integer()),
      answer: Nullable(Type.Integer()),
      itemText: Nullable(Type.String()),
      text: Type.String(),
    }),
  ),
  escalationLevel: Type.Enum([...ESCALATION_LEVELS], {
    description: 'Who holds the alert while nobody acknowledges it',
  }),
  escalatedAt: Nullable(Type.String()),
  nextEscalationAt: Nullable(Type.String({ description: 'When it moves up the ladder if still unacknowledged' })),
  observation: Nullable(
    Type.Object({
      level: Nullable(Type.String({ description: "The city's warning-network level the filer reported from" })),
      signs: Type.Array(Type.String()),
      seenAt: Type.String(),
      filedRole: Type.String(),
      text: Nullable(Type.String()),
    }),
  ),
});

/** Alerts are tasks with deadlines for the school's psychology staff (leaders may read them). */
export async function alertsRoutes(api: Api, { db, warning }: AppDeps) {
  // Overdue is judged on the same clock the escalation loop uses.
  const clock = warning?.clock ?? (() => new Date());
  api.get(
    '/v1/alerts',
    {
      config: { policy: 'alert.read' },
      schema: {
        tags: ['alerts'],
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('open'), Type.Literal('acknowledged'), Type.Literal('closed')]),
            ),
            urgency: Type.Optional(
              Type.Union([Type.Literal('crisis'), Type.Literal('high'), Type.Literal('attention')]),
            ),
            inActiveCase: Type.Optional(
              Type.Boolean({ description: 'false: only alerts that no running case holds (what a new case may take)' }),
            ),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(AlertView) },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      const result = await listAlerts(
        db,
        req.access,
        { status: req.query.status, urgency: req.query.urgency, inActiveCase: req.query.inActiveCase },
        page,
        pageSize,
        requestLocale(req),
        clock(),
      );
      await auditRequest(db, req, {
        action: 'alert.list',
        targetType: 'alerts',
        detail: { status: req.query.status, urgency: req.query.urgency, page, returned: result.items.map((a) => a.id) },
      });
      return result;
    },
  );

  api.get(
    '/v1/alerts/:id',
    { config: { policy: 'alert.read' }, schema: { tags: ['alerts'], params: IdParams, response: { 200: AlertView } } },
    async (req) => {
      const { row, view, binding } = await loadAlert(db, req.access, req.params.id, requestLocale(req), clock());
      await auditRequest(db, req, {
        action: 'alert.read',
        targetType: 'alert',
        targetId: row.id,
        placement: { cityId: row.city_id, districtId: row.district_id, schoolId: row.school_id },
        binding,
        detail: { studentId: row.student_id },
      });
      return view;
    },
  );

  api.post(
    '/v1/alerts/:id/acknowledge',
    {
      config: { policy: 'alert.acknowledge' },
      schema: {
        tags: ['alerts'],
        params: IdParams,
        response: {
          200: Type.Object({
            id: Type.String(),
            status: Type.Literal('acknowledged'),
            acknowledgedAt: Type.String(),
            acknowledgedBy: Type.Object({ id: Type.String(), name: Type.String() }),
          }),
        },
      },
    },
    async (req) => acknowledgeAlert(requestContext(req, db), req.params.id),
  );
}
