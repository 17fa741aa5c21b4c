import { authorize } from '@yuxin/core';
import type { OrgUnit } from '../../db/types.js';
import { forbidden, notFound } from '../../http/problem.js';
import { findClass, findUnit } from '../../org/org-store.js';
import { ORG_SCOPE_COLUMNS, placementOfUnit } from '../../org/placement.js';
import type { ServiceContext } from '../../services/context.js';
import { getScreeningSettings } from '../settings.js';
import {
  completionRows,
  defaultLevel,
  levelFits,
  sumCounts,
  unfinishedStudents,
  type CompletionLevel,
} from './completion.js';
import { dueRows, dueStudents } from './due.js';
import { conflict, fieldError, invalid } from './messages.js';
import { currentPeriod } from './period.js';
import { remindClass } from './reminders.js';
import { campaignStatus } from './status.js';
import { requireReadableCampaign } from './visibility.js';

/**
 * How far a screening has got (完成率): counts per unit for everyone who may follow it, the names of who is
 * unfinished only for those who may list students, reminders to a class, and who is due for screening this
 * period. Counts cover only units wholly inside the caller's scope; every list of names is audited.
 */

const unitRef = (u: Pick<OrgUnit, 'id' | 'kind' | 'name_zh' | 'name_en'>) => ({
  id: u.id,
  kind: u.kind,
  name: u.name_zh,
  nameEn: u.name_en,
});

const prefixed = (prefix: string) =>
  Object.fromEntries(Object.entries(ORG_SCOPE_COLUMNS).map(([k, v]) => [k, prefix + v]));

export async function campaignCompletion(
  ctx: ServiceContext,
  campaignId: string,
  query: { level?: CompletionLevel; unitId?: string },
) {
  const c = await requireReadableCampaign(ctx.db, ctx.access, campaignId);
  let within: OrgUnit | null = null;
  if (query.unitId) {
    within = (await findUnit(ctx.db, query.unitId)) ?? null;
    if (!within) throw notFound();
    ctx.access.require('completion.read', placementOfUnit(within));
  }
  const level = query.level ?? defaultLevel(within?.kind);
  if (within && !levelFits(level, within)) throw invalid([fieldError(ctx.locale, '/level', 'level.not-below')]);
  // Never a district total built from the one class a head teacher can see.
  const rows = await completionRows(ctx.db, c.id, level, within, ctx.access.filter('completion.read', prefixed('u.')));
  return { campaignId: c.id, level, unit: within ? unitRef(within) : null, rows, total: sumCounts(rows) };
}

/** The class's students who have not finished; district and city staff see how many, never who. */
export async function unfinishedInClass(ctx: ServiceContext, campaignId: string, classId: string) {
  const c = await requireReadableCampaign(ctx.db, ctx.access, campaignId);
  const klass = await findClass(ctx.db, classId);
  if (!klass) throw notFound();
  ctx.access.require('completion.read', placementOfUnit(klass));
  if (!ctx.access.can('student.list')) throw forbidden();
  const binding = ctx.access.require('student.list', placementOfUnit(klass));
  const items = await unfinishedStudents(ctx.db, c.id, klass.id);
  await ctx.audit(ctx.db, {
    action: 'completion.students',
    targetType: 'class',
    targetId: klass.id,
    placement: placementOfUnit(klass),
    binding,
    detail: { campaignId: c.id, returned: items.map((i) => i.studentId) },
  });
  return { campaignId: c.id, classId: klass.id, items };
}

/** Reminds the class's unfinished students while the campaign is open. */
export async function remindUnfinished(ctx: ServiceContext, campaignId: string, classId: string) {
  const c = await requireReadableCampaign(ctx.db, ctx.access, campaignId);
  const klass = await findClass(ctx.db, classId);
  if (!klass) throw notFound();
  const binding = ctx.access.require('completion.remind', placementOfUnit(klass));
  if (campaignStatus(c, ctx.clock()) !== 'open') throw conflict(ctx.locale, 'campaign.not-open');
  return ctx.db.transaction().execute(async (tx) => {
    const result = await remindClass(tx, { campaignId: c.id, classId: klass.id, remindedBy: ctx.actorId });
    await ctx.audit(tx, {
      action: 'completion.remind',
      targetType: 'class',
      targetId: klass.id,
      placement: placementOfUnit(klass),
      binding,
      detail: { campaignId: c.id, ...result },
    });
    return result;
  });
}

/**
 * Who in the unit is due for screening this period under the city's frequency: counts for every reader, and
 * a page of names for those who may list the unit's students.
 */
export async function dueForScreening(ctx: ServiceContext, unitId: string, paging: { page: number; pageSize: number }) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound();
  ctx.access.require('completion.read', placementOfUnit(unit));
  const settings = await getScreeningSettings(ctx.db, unit.city_id);
  const period = await currentPeriod(ctx.db, unit.city_id, settings.frequency);
  const rows = await dueRows(ctx.db, unit, period, settings.defaultInstrumentSets);
  const total = { students: rows.reduce((n, r) => n + r.students, 0), due: rows.reduce((n, r) => n + r.due, 0) };
  let students = null;
  const named = authorize(ctx.access.actor, 'student.list', placementOfUnit(unit));
  if (named.allowed) {
    const found = await dueStudents(ctx.db, unit, period, settings.defaultInstrumentSets, paging);
    students = { ...found, ...paging };
    await ctx.audit(ctx.db, {
      action: 'screening.due',
      targetType: unit.kind,
      targetId: unit.id,
      placement: placementOfUnit(unit),
      binding: named.binding,
      detail: { period, returned: found.items.map((s) => s.id) },
    });
  }
  return { unit: unitRef(unit), frequency: settings.frequency, period, rows, total, students };
}
