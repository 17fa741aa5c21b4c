import { authorize, type RoleBinding } from '@yuxin/core';
import type { RequestAccess } from '../access/request-access.js';
import type { Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { notFound, Problem } from '../http/problem.js';
import { placementOfUnit } from '../org/placement.js';
import type { CampaignRow } from '../screening/campaigns/visibility.js';
import type { ReportLevel } from './cells.js';
import { tr } from './messages.js';

const RANK = { city: 0, district: 1, school: 2 } as const;

/**
 * The unit a report is for: the one asked for, or the caller's broadest report scope. It must be a city,
 * district or school of the campaign's city, and inside the caller's scope (404 otherwise).
 */
export async function resolveReportUnit(
  db: Kysely<Database>,
  access: RequestAccess,
  locale: Locale,
  campaign: CampaignRow,
  unitId: string | undefined,
) {
  let id = unitId;
  if (!id) {
    const scopes = access.scopes('report.read').filter((s): s is typeof s & { level: ReportLevel } => s.level in RANK);
    scopes.sort((a, b) => RANK[a.level] - RANK[b.level]);
    id = scopes[0]?.id;
    if (!id) throw notFound();
  }
  const unit = await db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
  if (!unit) throw notFound();
  const binding = access.require('report.read', placementOfUnit(unit));
  if (!(unit.kind in RANK))
    throw new Problem('validation', {
      errors: [{ field: '/unitId', key: 'field.invalid', message: tr('unit.not-reportable', locale) }],
    });
  if (unit.city_id !== campaign.city_id) throw notFound();
  return { unit: unit as OrgUnit & { kind: ReportLevel }, binding };
}

/** Names need a school-level report and both student.list and tier.read at that school. */
export function namesBinding(access: RequestAccess, unit: OrgUnit): RoleBinding | null {
  if (unit.kind !== 'school') return null;
  const placement = placementOfUnit(unit);
  const list = authorize(access.actor, 'student.list', placement);
  const tiers = authorize(access.actor, 'tier.read', placement);
  return list.allowed && tiers.allowed ? tiers.binding : null;
}
