import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { notFound } from '../http/problem.js';
import { IdParams, PageQuery, paged, Uuid } from '../http/schemas.js';
import { checkCampaign, requireOwner } from '../screening/campaigns/input.js';
import { conflict } from '../screening/campaigns/messages.js';
import { publishCampaign } from '../screening/campaigns/publish.js';
import {
  CampaignDetailSchema,
  CampaignKind,
  CampaignStatusSchema,
  CampaignSummarySchema,
  InstrumentSetBody,
} from '../screening/campaigns/schemas.js';
import { campaignStatus, statusCondition } from '../screening/campaigns/status.js';
import { insertCampaign, loadMembers, updateCampaign } from '../screening/campaigns/store.js';
import { campaignDetail, campaignSummaries } from '../screening/campaigns/view.js';
import { campaignReadFilter, loadCampaign, requireReadableCampaign } from '../screening/campaigns/visibility.js';
import { getScreeningSettings } from '../screening/settings.js';
import { placementOf } from '../org/placement.js';

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
    async (req) => {
      const { status, kind, schoolYear } = req.query;
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      const now = new Date();
      let query = db.selectFrom('campaign as c').where(await campaignReadFilter(db, req.access));
      if (status) query = query.where(statusCondition(status, now));
      if (kind) query = query.where('c.kind', '=', kind);
      if (schoolYear) query = query.where('c.school_year', '=', schoolYear);
      const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
      const rows = await query
        .selectAll('c')
        .orderBy('c.opens_at', 'desc')
        .orderBy('c.created_at', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items: await campaignSummaries(db, req.access, rows, now), total, page, pageSize };
    },
  );

  api.get(
    '/v1/campaigns/:id',
    {
      config: { policy: 'campaign.read' },
      schema: { tags: ['campaigns'], params: IdParams, response: { 200: CampaignDetailSchema } },
    },
    async (req) => {
      const c = await requireReadableCampaign(db, req.access, req.params.id);
      const { detail, namedStudentIds } = await campaignDetail(db, req.access, c);
      // Names of a monitoring campaign's students are person data: their read is audited.
      if (namedStudentIds.length) {
        await auditRequest(db, req, {
          action: 'campaign.read',
          targetType: 'campaign',
          targetId: c.id,
          placement: placementOf(c),
          detail: { students: namedStudentIds },
        });
      }
      return detail;
    },
  );

  api.post(
    '/v1/campaigns',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['campaigns'], body: CreateBody, response: { 201: CampaignDetailSchema } },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const body = req.body;
      const { owner, binding } = await requireOwner(db, req.access, body.ownerId, locale);
      const settings = await getScreeningSettings(db, owner.city_id);
      const checked = await checkCampaign(
        db,
        req.access,
        locale,
        owner,
        {
          ...body,
          targetIds: body.targetIds ?? [],
          studentIds: body.studentIds ?? [],
          instrumentSets: body.instrumentSets ?? settings.defaultInstrumentSets,
        },
        { settings },
      );
      const id = await db.transaction().execute(async (tx) => {
        const id = await insertCampaign(tx, owner, checked, req.signedIn!.account.id);
        await auditRequest(tx, req, {
          action: 'campaign.create',
          targetType: 'campaign',
          targetId: id,
          placement: { cityId: owner.city_id, districtId: owner.district_id, schoolId: owner.school_id },
          binding,
          detail: {
            kind: checked.kind,
            name: checked.name,
            ownerId: owner.id,
            targets: checked.targetIds,
            students: checked.studentIds.length,
          },
        });
        return id;
      });
      const created = await loadCampaign(db, id);
      reply.code(201);
      return (await campaignDetail(db, req.access, created!)).detail;
    },
  );

  api.patch(
    '/v1/campaigns/:id',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['campaigns'], params: IdParams, body: PatchBody, response: { 200: CampaignDetailSchema } },
    },
    async (req) => {
      const locale = requestLocale(req);
      const c = await loadCampaign(db, req.params.id);
      if (!c) throw notFound();
      const binding = req.access.require('campaign.manage', placementOf(c));
      if (c.status !== 'draft') throw conflict(locale, 'campaign.not-draft');
      const { owner } = await requireOwner(db, req.access, c.owner_id, locale);
      const body = req.body;
      const members = await loadMembers(db, c.id);
      const datesMoved = body.opensAt !== undefined || body.schoolYear !== undefined;
      const checked = await checkCampaign(db, req.access, locale, owner, {
        kind: body.kind ?? c.kind,
        name: body.name ?? c.name,
        // Moving the opening re-derives the school year and term unless the client names them.
        schoolYear: body.schoolYear ?? (body.opensAt !== undefined ? undefined : c.school_year),
        term: body.term !== undefined ? body.term : datesMoved ? undefined : (c.term as 1 | 2 | null),
        opensAt: body.opensAt ?? c.opens_at,
        closesAt: body.closesAt ?? c.closes_at,
        noticeZh: body.noticeZh ?? c.notice_zh,
        noticeEn: body.noticeEn ?? c.notice_en,
        targetIds: body.targetIds ?? members.targetIds,
        studentIds: body.studentIds ?? members.studentIds,
        instrumentSets: body.instrumentSets,
      });
      await db.transaction().execute(async (tx) => {
        await updateCampaign(tx, c.id, checked);
        await auditRequest(tx, req, {
          action: 'campaign.update',
          targetType: 'campaign',
          targetId: c.id,
          placement: placementOf(c),
          binding,
          detail: { fields: Object.keys(body) },
        });
      });
      return (await campaignDetail(db, req.access, (await loadCampaign(db, c.id))!)).detail;
    },
  );

  api.post(
    '/v1/campaigns/:id/publish',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['campaigns'], params: IdParams, response: { 200: PublishResult } },
    },
    async (req) => {
      const locale = requestLocale(req);
      const c = await loadCampaign(db, req.params.id);
      if (!c) throw notFound();
      const binding = req.access.require('campaign.manage', placementOf(c));
      const result = await db.transaction().execute(async (tx) => {
        const outcome = await publishCampaign(tx, c);
        if (typeof outcome === 'string') return outcome;
        await auditRequest(tx, req, {
          action: 'campaign.publish',
          targetType: 'campaign',
          targetId: c.id,
          placement: placementOf(c),
          binding,
          detail: outcome,
        });
        return outcome;
      });
      if (result === 'cancelled') throw conflict(locale, 'campaign.cancelled');
      if (result === 'window-ended') throw conflict(locale, 'campaign.window-ended');
      const { detail } = await campaignDetail(db, req.access, (await loadCampaign(db, c.id))!);
      return { campaign: detail, ...result };
    },
  );

  api.post(
    '/v1/campaigns/:id/cancel',
    {
      config: { policy: 'campaign.manage' },
      schema: { tags: ['campaigns'], params: IdParams, response: { 200: CampaignDetailSchema } },
    },
    async (req) => {
      const locale = requestLocale(req);
      const c = await loadCampaign(db, req.params.id);
      if (!c) throw notFound();
      const binding = req.access.require('campaign.manage', placementOf(c));
      const status = campaignStatus(c);
      // A closed campaign is a finished record of who was screened; cancelling it would rewrite history.
      if (status === 'closed') throw conflict(locale, 'campaign.closed');
      if (status !== 'cancelled') {
        await db.transaction().execute(async (tx) => {
          await tx
            .updateTable('campaign')
            .set({ status: 'cancelled', updated_at: new Date() })
            .where('id', '=', c.id)
            .execute();
          await auditRequest(tx, req, {
            action: 'campaign.cancel',
            targetType: 'campaign',
            targetId: c.id,
            placement: placementOf(c),
            binding,
            detail: { was: status },
          });
        });
      }
      return (await campaignDetail(db, req.access, (await loadCampaign(db, c.id))!)).detail;
    },
  );
}
