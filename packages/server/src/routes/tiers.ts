import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { notFound } from '../http/problem.js';
import { IdParams, Nullable, PageQuery, paged, Uuid } from '../http/schemas.js';
import { nextStep, readClassTiers } from '../screening/submission/confirmed-tiers.js';
import { reviewTierAssessment } from '../screening/submission/review.js';
import { listTierAssessments, studentWithTier } from '../screening/submission/tier-queue.js';
import { placementOfStudent } from '../org/placement.js';
import { requestContext } from '../services/context.js';

const TierValue = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)]);

const QueueItem = Type.Object({
  id: Type.String(),
  studentId: Type.String(),
  studentName: Type.String(),
  studentNo: Type.String(),
  classId: Type.String(),
  className: Type.String(),
  gradeName: Type.String(),
  careTags: Type.Array(Type.String()),
  campaignId: Nullable(Type.String()),
  campaignName: Nullable(Type.String()),
  createdAt: Type.String(),
  suggestedTier: Nullable(Type.Integer({ description: "Null for an observation's review: no score suggests a tier" })),
  alertId: Nullable(Type.String({ description: 'The observation alert this review answers, if any' })),
  reasons: Type.Array(
    Type.Object({ instrument: Type.String(), rule: Type.String(), tier: Type.Integer(), text: Type.String() }),
  ),
  status: Type.Enum(['suggested', 'confirmed']),
  confirmedTier: Nullable(Type.Integer()),
  reviewReason: Nullable(Type.String()),
  talkRecord: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  currentTier: Nullable(Type.Integer({ description: "The student's confirmed tier now (any campaign)" })),
  alerts: Type.Array(
    Type.Object({
      id: Type.String(),
      source: Type.String(),
      urgency: Type.String(),
      status: Type.String(),
      dueAt: Type.String(),
      overdue: Type.Boolean(),
    }),
  ),
});

const ConfirmedTier = Type.Object({
  studentId: Type.String(),
  studentName: Type.String(),
  studentNo: Type.String(),
  tier: Type.Integer(),
  nextStep: Type.String(),
  confirmedAt: Type.String(),
});

/** Suggested tiers for psychology staff to review; confirmed tiers (and only those) for the others. */
export async function tiersRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/tier-assessments',
    {
      config: { policy: 'tier.review' },
      schema: {
        tags: ['screening'],
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Union([Type.Literal('suggested'), Type.Literal('confirmed')])),
            campaignId: Type.Optional(Uuid),
            id: Type.Optional(Uuid),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(QueueItem) },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      const { studentIds, ...result } = await listTierAssessments(
        db,
        req.access,
        { status: req.query.status, campaignId: req.query.campaignId, id: req.query.id },
        page,
        pageSize,
        requestLocale(req),
      );
      await auditRequest(db, req, {
        action: 'tier.list',
        targetType: 'tier_assessments',
        detail: { status: req.query.status, campaignId: req.query.campaignId, page, returned: studentIds },
      });
      return result;
    },
  );

  api.post(
    '/v1/tier-assessments/:id/review',
    {
      config: { policy: 'tier.review' },
      schema: {
        tags: ['screening'],
        params: IdParams,
        body: Type.Object(
          {
            // null: no change, only for an observation's review, which suggests no tier.
            confirmedTier: Nullable(TierValue),
            reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
            talkRecord: Type.String({ maxLength: 5000 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            status: Type.Literal('confirmed'),
            suggestedTier: Nullable(Type.Integer()),
            confirmedTier: Nullable(Type.Integer({ description: 'null: no change' })),
            reviewedAt: Type.String(),
            alertId: Nullable(Type.String({ description: 'The tier_change alert opened by a rise, if any' })),
          }),
        },
      },
    },
    async (req) => reviewTierAssessment(requestContext(req, db), req.params.id, req.body),
  );

  api.get(
    '/v1/classes/:classId/tiers',
    {
      config: { policy: 'tier.read' },
      schema: {
        tags: ['screening'],
        params: Type.Object({ classId: Uuid }),
        response: {
          200: Type.Object({
            classId: Type.String(),
            className: Type.String(),
            gradeName: Type.String(),
            items: Type.Array(ConfirmedTier),
          }),
        },
      },
    },
    async (req) => readClassTiers(requestContext(req, db), req.params.classId),
  );

  api.get(
    '/v1/students/:id/tier',
    {
      config: { policy: 'tier.read' },
      schema: {
        tags: ['screening'],
        params: IdParams,
        response: {
          200: Type.Object({
            studentId: Type.String(),
            tier: Nullable(Type.Integer()),
            nextStep: Nullable(Type.String()),
            confirmedAt: Nullable(Type.String()),
          }),
        },
      },
    },
    async (req) => {
      const student = await studentWithTier(db, req.params.id);
      if (!student) throw notFound();
      const binding = req.access.require('tier.read', placementOfStudent(student));
      await auditRequest(db, req, {
        action: 'tier.read',
        targetType: 'student',
        targetId: student.id,
        placement: placementOfStudent(student),
        binding,
      });
      return {
        studentId: student.id,
        tier: student.tier,
        nextStep: student.tier === null ? null : nextStep(student.tier, requestLocale(req)),
        confirmedAt: student.confirmed_at?.toISOString() ?? null,
      };
    },
  );
}
