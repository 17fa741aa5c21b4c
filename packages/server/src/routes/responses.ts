import { toFhirQuestionnaireResponse } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { IdParams, Nullable, PageQuery, paged, Uuid } from '../http/schemas.js';
import { loadReadableResponse, responseDetail } from '../screening/submission/response-detail.js';
import { listResults } from '../screening/submission/results.js';

const Labelled = Type.Object({ id: Type.String(), label: Type.String() });

const ResultItem = Type.Object({
  studentId: Type.String(),
  studentName: Type.String(),
  studentNo: Type.String(),
  classId: Type.String(),
  className: Type.String(),
  gradeName: Type.String(),
  campaignId: Nullable(Type.String()),
  campaignName: Nullable(Type.String()),
  submittedAt: Type.String(),
  flagged: Type.Boolean(),
  instruments: Type.Array(
    Type.Object({
      responseId: Type.String(),
      code: Type.String(),
      version: Type.Integer(),
      shortName: Type.String(),
      respondent: Type.String(),
      total: Nullable(Type.Integer()),
      band: Nullable(Type.String()),
      bandLabel: Nullable(Type.String()),
      criticalFlags: Type.Array(Labelled),
      valid: Type.Boolean(),
      careless: Type.Array(Labelled),
    }),
  ),
  tierAssessmentId: Nullable(Type.String()),
  suggestedTier: Nullable(Type.Integer()),
  reviewStatus: Nullable(Type.String()),
  confirmedTier: Nullable(Type.Integer()),
});

const ResponseDetail = Type.Object({
  id: Type.String(),
  studentId: Type.String(),
  studentName: Type.String(),
  studentNo: Type.String(),
  className: Type.String(),
  gradeName: Type.String(),
  campaignId: Nullable(Type.String()),
  campaignName: Nullable(Type.String()),
  respondent: Type.String(),
  source: Type.String(),
  submittedAt: Type.String(),
  durationMs: Nullable(Type.Integer()),
  instrument: Type.Object({
    code: Type.String(),
    version: Type.Integer(),
    name: Type.String(),
    shortName: Type.String(),
  }),
  total: Nullable(Type.Integer()),
  band: Nullable(Type.String()),
  bandLabel: Nullable(Type.String()),
  valid: Type.Boolean(),
  criticalFlags: Type.Array(Labelled),
  careless: Type.Array(Labelled),
  subscales: Type.Record(
    Type.String(),
    Type.Object({
      score: Nullable(Type.Number()),
      cutoff: Type.Optional(Type.Number()),
      positive: Type.Optional(Nullable(Type.Boolean())),
    }),
  ),
  items: Type.Array(
    Type.Object({
      number: Type.Integer(),
      text: Type.String(),
      answer: Nullable(Type.Integer()),
      answerLabel: Nullable(Type.String()),
      asked: Type.Boolean(),
      required: Type.Boolean(),
      critical: Type.Boolean(),
    }),
  ),
  explanations: Type.Array(Type.String()),
});

/** Psychology staff's view of results: answers and scores, in their own school only, every read audited. */
export async function responsesRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/screening/results',
    {
      config: { policy: 'response.read' },
      schema: {
        tags: ['screening'],
        querystring: Type.Object(
          {
            campaignId: Type.Optional(Uuid),
            classId: Type.Optional(Uuid),
            band: Type.Optional(Type.String({ maxLength: 40 })),
            flagged: Type.Optional(Type.Boolean()),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: paged(ResultItem) },
      },
    },
    async (req) => {
      const { campaignId, classId, band, flagged } = req.query;
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      const { studentIds, ...result } = await listResults(
        db,
        req.access,
        { campaignId, classId, band, flagged },
        page,
        pageSize,
        requestLocale(req),
      );
      await auditRequest(db, req, {
        action: 'response.list',
        targetType: 'screening_results',
        detail: { campaignId, classId, band, flagged, page, returned: studentIds },
      });
      return result;
    },
  );

  api.get(
    '/v1/responses/:id',
    {
      config: { policy: 'response.read' },
      schema: { tags: ['screening'], params: IdParams, response: { 200: ResponseDetail } },
    },
    async (req) => {
      const { row, def, binding } = await loadReadableResponse(db, req.access, req.params.id);
      await auditRequest(db, req, {
        action: 'response.read',
        targetType: 'screening_response',
        targetId: row.id,
        placement: { cityId: row.city_id, districtId: row.district_id, schoolId: row.school_id },
        binding,
        detail: { studentId: row.student_id, instrument: `${row.instrument_code}@${row.instrument_version}` },
      });
      return responseDetail(row, def, requestLocale(req));
    },
  );

  api.get(
    '/v1/responses/:id/fhir',
    { config: { policy: 'response.read' }, schema: { tags: ['screening', 'fhir'], params: IdParams } },
    async (req, reply) => {
      const { row, def, binding } = await loadReadableResponse(db, req.access, req.params.id);
      await auditRequest(db, req, {
        action: 'response.export_fhir',
        targetType: 'screening_response',
        targetId: row.id,
        placement: { cityId: row.city_id, districtId: row.district_id, schoolId: row.school_id },
        binding,
        detail: { studentId: row.student_id, instrument: `${row.instrument_code}@${row.instrument_version}` },
      });
      const resource = toFhirQuestionnaireResponse(def, row.answers, {
        id: row.id,
        subjectRef: `Patient/${row.student_id}`,
        authored: row.submitted_at.toISOString(),
        locale: requestLocale(req),
      });
      return reply.type('application/fhir+json; charset=utf-8').send(JSON.stringify(resource));
    },
  );
}
