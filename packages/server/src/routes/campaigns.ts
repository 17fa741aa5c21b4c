import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { IdParams, PageQuery, paged, Uuid } from '../http/schemas.js';
import {
  cancelCampaign,
  changeCampaign,
  createCampaign,
  listCampaigns,
  publishCampaignNow,
  readCampaign,
} from '../screening/campaigns/campaign-admin.js';
import {
  CampaignDetailSchema,
  CampaignKind,
  CampaignStatusSchema,
  CampaignSummarySchema,
  InstrumentSetBody,
} from '../screening/campaigns/schemas.js';
import { requestContext } from '../services/context.js';

const Term = Type.Union([Type.Literal(1), Type.Literal(2), Type.Null()]);
const editable = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  kind: CampaignKind,
  schoolYear: Type.String({ maxLength: 9, pattern: '^\\d{4}-\\d{4}$' }),
  term: Term,
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time' }),
  noticeZh: Type.String({ maxLength: 5000 }),
  noticeEn: Type.String({ maxLength: 5000 }),
  targetIds: Type.Array(Uuid, { maxItems: 500, uniqueItems: true }),
  studentIds: Type.Array(Uuid, { maxItems: 5000, uniqueItems: true }),
  instrumentSets: Type.Array(InstrumentSetBody, { minItems: 1, maxItems: 12 }),
};

const CreateBody = Type.Object(
  {
    ownerId: Uuid,
    name: editable.name,
    kind: editable.kind,
    opensAt: editable.opensAt,
    schoolYear: Type.Optional(editable.schoolYear),
    term: Type.Optional(editable.term),
    closesAt: Type.Optional(editable.closesAt),
    noticeZh: Type.Optional(editable.noticeZh),
    noticeEn: Type.Optional(editable.noticeEn),
    targetIds: Type.Optional(editable.targetIds),
    studentIds: Type.Optional(editable.studentIds),
    instrumentSets: Type.Optional(editable.instrumentSets),
  },
  { additionalProperties: false },
);

const PatchBody = Type.Partial(Type.Object(editable), { additionalProperties: false, minProperties: 1 });

const PublishResult = Type.Object({ campaign: CampaignDetailSchema, created: Type.Integer(), total: Type.Integer() });

export async function campaignsRoutes(api: Api, { db }: AppDeps) {
  const ListQuery = Type.Object(
    {
      status: Type.Optional(CampaignStatusSchema),
      kind: Type.Optional(CampaignKind),
      schoolYear: Type.Optional(editable.schoolYear),
      ...PageQuery,
    },
    { additionalProperties: false },
  );
  api.get(
    '/v1/campaigns',
    {
      config: { policy: 'campaign.read' },
      schema: { tags: ['campaigns'], querystring: ListQuery, response: { 200: paged(CampaignSummarySchema) } },
    },
    async (req) =>
      listCampaigns(requestContext(req, db), {
        ...req.query,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
      }),
  );

  api.get(
    '/v1/campaigns/:id',
    {
      config: { policy: 'campaign.read' },
      schema: { tags: ['campaigns'], params: IdParams, response: { 200: CampaignDetailSchema } },
    },
    async (req) => readCampaign(requestContext(req, db), req.params.id),
  );

  api.post(
    '/v1/campaigns',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['campaigns'], body: CreateBody, response: { 201: CampaignDetailSchema } },
    },
    async (req, reply) => {
      const created = await createCampaign(requestContext(req, db), req.body);
      reply.code(201);
      return created;
    },
  );

  api.patch(
    '/v1/campaigns/:id',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['campaigns'], params: IdParams, body: PatchBody, response: { 200: CampaignDetailSchema } },
    },
    async (req) => changeCampaign(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/campaigns/:id/publish',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['campaigns'], params: IdParams, response: { 200: PublishResult } },
    },
    async (req) => publishCampaignNow(requestContext(req, db), req.params.id),
  );

  api.post(
    '/v1/campaigns/:id/cancel',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['campaigns'], params: IdParams, response: { 200: CampaignDetailSchema } },
    },
    async (req) => cancelCampaign(requestContext(req, db), req.params.id),
  );
}
