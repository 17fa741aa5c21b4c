import type { ServiceContext } from '../../services/context.js';
import { notFound, Problem } from '../../http/problem.js';
import { placementOfUnit } from '../../org/placement.js';
import { issueClassCodes, revokeCodes, type IssuedCodes } from './codes.js';

/**
 * The class and campaign a teacher hands codes out for: 404 for a class outside their reach (so another
 * school's classes are not revealed) or a campaign that has no questionnaires in this class.
 */
async function classOfCampaign(ctx: ServiceContext, campaignId: string, classId: string) {
  const klass = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'kind', 'city_id', 'district_id', 'school_id', 'grade_id'])
    .where('id', '=', classId)
    .where('kind', '=', 'class')
    .executeTakeFirst();
  if (!klass) throw notFound();
  const placement = placementOfUnit(klass);
  const binding = ctx.access.require('screening_code.manage', placement);
  const campaign = await ctx.db
    .selectFrom('campaign as c')
    .select(['c.id', 'c.status', 'c.closes_at'])
    .where('c.id', '=', campaignId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('screening_assignment as a')
          .select('a.id')
          .whereRef('a.campaign_id', '=', 'c.id')
          .where('a.class_id', '=', classId),
      ),
    )
    .executeTakeFirst();
  if (!campaign) throw notFound();
  return { klass, placement, binding, campaign };
}

/** Issues (or reissues) the class's codes; the codes leave only in the answer, never in the audit log. */
export async function issueCodesForClass(
  ctx: ServiceContext,
  campaignId: string,
  classId: string,
  opts: { confirmBirthDate: boolean },
): Promise<IssuedCodes & { issuedAt: Date }> {
  const { placement, binding, campaign } = await classOfCampaign(ctx, campaignId, classId);
  const now = ctx.clock();
  if (campaign.status !== 'published' || campaign.closes_at <= now)
    throw new Problem('conflict', { key: 'screening-code.campaign-not-open' });
  return ctx.db.transaction().execute(async (tx) => {
    const issued = await issueClassCodes(tx, {
      campaignId,
      classId,
      issuedBy: ctx.actorId,
      confirmBirthDate: opts.confirmBirthDate,
    });
    await ctx.audit(tx, {
      action: 'screening_code.issue',
      targetType: 'class',
      targetId: classId,
      placement,
      binding,
      detail: {
        campaignId,
        count: issued.slips.length,
        replaced: issued.replaced,
        skipped: issued.skipped,
        confirmBirthDate: opts.confirmBirthDate,
      },
    });
    return { ...issued, issuedAt: now };
  });
}

/** Revokes every active code of the class in the campaign, ending the sessions opened with them. */
export async function revokeCodesForClass(ctx: ServiceContext, campaignId: string, classId: string) {
  const { placement, binding } = await classOfCampaign(ctx, campaignId, classId);
  return ctx.db.transaction().execute(async (tx) => {
    const revoked = await revokeCodes(tx, { campaignId, classId, revokedBy: ctx.actorId });
    await ctx.audit(tx, {
      action: 'screening_code.revoke',
      targetType: 'class',
      targetId: classId,
      placement,
      binding,
      detail: { campaignId, revoked },
    });
    return { revoked };
  });
}

/** How many of the class's students hold an active code, and when the last were issued. */
export async function classCodeStatus(ctx: ServiceContext, campaignId: string, classId: string) {
  await classOfCampaign(ctx, campaignId, classId);
  const row = await ctx.db
    .selectFrom('screening_code')
    // The last issue is counted over revoked codes too: a class whose codes were taken back has had codes,
    // and its teacher should read "none valid" rather than "never issued".
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('revoked_at', 'is', null).as('active'),
      eb.fn.max('issued_at').as('last_issued_at'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('class_id', '=', classId)
    .executeTakeFirstOrThrow();
  return { active: Number(row.active), lastIssuedAt: row.last_issued_at ? new Date(row.last_issued_at) : null };
}
