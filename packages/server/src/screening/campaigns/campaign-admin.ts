import { sql } from 'kysely';
import { notFound } from '../../http/problem.js';
import { placementOf } from '../../org/placement.js';
import type { ServiceContext } from '../../services/context.js';
import { getScreeningSettings } from '../settings.js';
import { checkCampaign, requireOwner, type CampaignInput, type CampaignKind } from './input.js';
import type { InstrumentSet } from './instrument-sets.js';
import { conflict } from './messages.js';
import { publishCampaign } from './publish.js';
import { campaignStatus, statusCondition, type CampaignStatus } from './status.js';
import { insertCampaign, loadMembers, markCampaignCancelled, updateCampaign } from './store.js';
import { campaignDetail, campaignSummaries, type CampaignDetail, type CampaignSummary } from './view.js';
import { campaignReadFilter, loadCampaign, requireReadableCampaign, type CampaignRow } from './visibility.js';

/**
 * A screening campaign's life as its managers see it: listed and read by whoever may read campaigns in
 * their scope; drafted, changed while a draft, published (again, to add students who joined) and
 * cancelled by a manager of the owning unit. Each write and its audit row commit together.
 */

export interface CampaignFilter {
  status?: CampaignStatus;
  kind?: CampaignKind;
  schoolYear?: string;
  page: number;
  pageSize: number;
}

export async function listCampaigns(
  ctx: ServiceContext,
  filter: CampaignFilter,
): Promise<{ items: CampaignSummary[]; total: number; page: number; pageSize: number }> {
  const { status, kind, schoolYear, page, pageSize } = filter;
  const now = ctx.clock();
  let query = ctx.db.selectFrom('campaign as c').where(await campaignReadFilter(ctx.db, ctx.access));
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
  return { items: await campaignSummaries(ctx.db, ctx.access, rows, now), total, page, pageSize };
}

export async function readCampaign(ctx: ServiceContext, id: string): Promise<CampaignDetail> {
  const c = await requireReadableCampaign(ctx.db, ctx.access, id);
  const { detail, namedStudentIds } = await campaignDetail(ctx.db, ctx.access, c, ctx.clock());
  // Names of a monitoring campaign's students are person data: their read is audited.
  if (namedStudentIds.length) {
    await ctx.audit(ctx.db, {
      action: 'campaign.read',
      targetType: 'campaign',
      targetId: c.id,
      placement: placementOf(c),
      detail: { students: namedStudentIds },
    });
  }
  return detail;
}

/** A new campaign as its manager describes it; what is left out comes from the city's settings. */
export interface NewCampaign extends Omit<CampaignInput, 'targetIds' | 'studentIds' | 'instrumentSets'> {
  ownerId: string;
  targetIds?: string[];
  studentIds?: string[];
  instrumentSets?: InstrumentSet[];
}

export async function createCampaign(ctx: ServiceContext, input: NewCampaign): Promise<CampaignDetail> {
  const { owner, binding } = await requireOwner(ctx.db, ctx.access, input.ownerId, ctx.locale);
  const settings = await getScreeningSettings(ctx.db, owner.city_id);
  const checked = await checkCampaign(
    ctx.db,
    ctx.access,
    ctx.locale,
    owner,
    {
      ...input,
      targetIds: input.targetIds ?? [],
      studentIds: input.studentIds ?? [],
      instrumentSets: input.instrumentSets ?? settings.defaultInstrumentSets,
    },
    { settings, now: ctx.clock() },
  );
  const id = await ctx.db.transaction().execute(async (tx) => {
    const id = await insertCampaign(tx, owner, checked, ctx.actorId);
    await ctx.audit(tx, {
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
  return currentDetail(ctx, id);
}

/** Fields a manager changes on a draft; the stored values stand for the rest. */
export type CampaignChange = Partial<CampaignInput>;

export async function changeCampaign(ctx: ServiceContext, id: string, change: CampaignChange): Promise<CampaignDetail> {
  const { c, binding } = await managedCampaign(ctx, id);
  if (c.status !== 'draft') throw conflict(ctx.locale, 'campaign.not-draft');
  const { owner } = await requireOwner(ctx.db, ctx.access, c.owner_id, ctx.locale);
  const members = await loadMembers(ctx.db, c.id);
  const datesMoved = change.opensAt !== undefined || change.schoolYear !== undefined;
  const checked = await checkCampaign(
    ctx.db,
    ctx.access,
    ctx.locale,
    owner,
    {
      kind: change.kind ?? c.kind,
      name: change.name ?? c.name,
      // Moving the opening re-derives the school year and term unless the client names them.
      schoolYear: change.schoolYear ?? (change.opensAt !== undefined ? undefined : c.school_year),
      term: change.term !== undefined ? change.term : datesMoved ? undefined : (c.term as 1 | 2 | null),
      opensAt: change.opensAt ?? c.opens_at,
      closesAt: change.closesAt ?? c.closes_at,
      noticeZh: change.noticeZh ?? c.notice_zh,
      noticeEn: change.noticeEn ?? c.notice_en,
      targetIds: change.targetIds ?? members.targetIds,
      studentIds: change.studentIds ?? members.studentIds,
      instrumentSets: change.instrumentSets,
    },
    { now: ctx.clock() },
  );
  await ctx.db.transaction().execute(async (tx) => {
    await updateCampaign(tx, c.id, checked);
    await ctx.audit(tx, {
      action: 'campaign.update',
      targetType: 'campaign',
      targetId: c.id,
      placement: placementOf(c),
      binding,
      detail: { fields: Object.keys(change) },
    });
  });
  return currentDetail(ctx, c.id);
}

/**
 * Publishes a draft, or publishes again to give the questionnaire to students who joined since.
 * `created` counts the questionnaires this call handed out, `total` all the campaign has.
 */
export async function publishCampaignNow(
  ctx: ServiceContext,
  id: string,
): Promise<{ campaign: CampaignDetail; created: number; total: number }> {
  const { c, binding } = await managedCampaign(ctx, id);
  const result = await ctx.db.transaction().execute(async (tx) => {
    const outcome = await publishCampaign(tx, c, ctx.clock());
    if (typeof outcome === 'string') return outcome;
    await ctx.audit(tx, {
      action: 'campaign.publish',
      targetType: 'campaign',
      targetId: c.id,
      placement: placementOf(c),
      binding,
      detail: outcome,
    });
    return outcome;
  });
  if (result === 'cancelled') throw conflict(ctx.locale, 'campaign.cancelled');
  if (result === 'window-ended') throw conflict(ctx.locale, 'campaign.window-ended');
  return { campaign: await currentDetail(ctx, c.id), ...result };
}

/** Cancelling twice is harmless; a closed campaign stays as it is, a finished record of who was screened. */
export async function cancelCampaign(ctx: ServiceContext, id: string): Promise<CampaignDetail> {
  const { c, binding } = await managedCampaign(ctx, id);
  const now = ctx.clock();
  const status = campaignStatus(c, now);
  if (status === 'closed') throw conflict(ctx.locale, 'campaign.closed');
  if (status !== 'cancelled') {
    await ctx.db.transaction().execute(async (tx) => {
      await markCampaignCancelled(tx, c.id, now);
      await ctx.audit(tx, {
        action: 'campaign.cancel',
        targetType: 'campaign',
        targetId: c.id,
        placement: placementOf(c),
        binding,
        detail: { was: status },
      });
    });
  }
  return currentDetail(ctx, c.id);
}

/** The campaign if the actor manages its owning unit; one outside their scope is not found. */
async function managedCampaign(ctx: ServiceContext, id: string) {
  const c = await loadCampaign(ctx.db, id);
  if (!c) throw notFound();
  return { c, binding: ctx.access.require('campaign.manage', placementOf(c)) };
}

async function currentDetail(ctx: ServiceContext, id: string): Promise<CampaignDetail> {
  const c: CampaignRow | undefined = await loadCampaign(ctx.db, id);
  if (!c) throw notFound();
  return (await campaignDetail(ctx.db, ctx.access, c, ctx.clock())).detail;
}
