import { authorize } from '@yuxin/core';
import { caughtUpReadDb } from '../db/replica.js';
import { placementOfUnit } from '../org/placement.js';
import { requireReadableCampaign } from '../screening/campaigns/visibility.js';
import type { ServiceContext } from '../services/context.js';
import { namesBinding, resolveReportUnit } from './access.js';
import { buildScreeningReport } from './report.js';
import { followUpStudents } from './students.js';

/**
 * A campaign's report for one unit, and the named list where the caller may see it (that read, and every
 * file leaving the system, is audited). Who may read what is decided on the primary (ctx.db), which a
 * revoked grant reaches first; the report and the list, the heavy reads, come from ctx.readDb, the replica
 * when DATABASE_REPLICA_URL is set.
 */
export async function loadScreeningReport(
  ctx: ServiceContext,
  campaignId: string,
  unitId: string | undefined,
  purpose: 'view' | 'pdf' | 'xlsx',
) {
  const campaign = await requireReadableCampaign(ctx.db, ctx.access, campaignId);
  const { unit, binding } = await resolveReportUnit(ctx.db, ctx.access, ctx.locale, campaign, unitId);
  const report = await buildScreeningReport(ctx.db, campaign, unit, ctx.readDb);
  const named = namesBinding(ctx.access, unit);
  // The named list shows tiers the psychology staff have just confirmed: read where they are replayed.
  const students = named
    ? await followUpStudents(await caughtUpReadDb(ctx.db, ctx.readDb), campaign.id, unit.id)
    : null;
  // Aggregates read in the page are not records; a named list and every file leaving the system are.
  if (students || purpose !== 'view') {
    await ctx.audit(ctx.db, {
      action: purpose === 'view' ? 'report.students' : 'report.export',
      targetType: unit.kind,
      targetId: unit.id,
      placement: placementOfUnit(unit),
      binding: named ?? binding,
      detail: {
        campaignId: campaign.id,
        format: purpose === 'view' ? undefined : purpose,
        returned: students?.map((s) => s.id) ?? [],
      },
    });
  }
  // A school's parent is its district, a district's the city: may the caller go up?
  const parentPlacement =
    unit.kind === 'school' ? { cityId: unit.city_id, districtId: unit.district_id } : { cityId: unit.city_id };
  const parentReadable = unit.kind !== 'city' && authorize(ctx.access.actor, 'report.read', parentPlacement).allowed;
  return { report, students, parentReadable };
}
