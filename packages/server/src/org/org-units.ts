import type { OrgUnit } from '../db/types.js';
import { notFound } from '../http/problem.js';
import type { ServiceContext } from '../services/context.js';
import { activeStudentCounts, childCounts, childUnits, findUnit, unitsWithIds } from './org-store.js';
import { placementOfUnit } from './placement.js';

/**
 * Reading the org tree: a unit with how much lives under it, a unit's children, and the roots an actor
 * starts from. Only what `org.read` reaches is shown; a unit outside it is not found rather than refused,
 * so ids of other schools say nothing.
 */

export interface UnitView {
  id: string;
  kind: OrgUnit['kind'];
  name: string;
  nameEn: string | null;
  parentId: string | null;
  stage: string | null;
  gradeLevel: number | null;
  classNo: number | null;
  centreName: string | null;
  partnerHospitalId: string | null;
  active: boolean;
  studentCount: number;
  childCount: number;
}

export interface UnitWithAncestors extends UnitView {
  /** City, district, school and grade above the unit, outermost first. */
  ancestors: { id: string; kind: OrgUnit['kind']; name: string }[];
}

const ANCESTOR_ORDER: OrgUnit['kind'][] = ['city', 'district', 'school', 'grade'];

/** The units as the tree shows them, each with its enrolled students and direct children counted. */
export async function unitViews(ctx: ServiceContext, units: OrgUnit[]): Promise<UnitView[]> {
  if (units.length === 0) return [];
  const children = await childCounts(
    ctx.db,
    units.map((u) => u.id),
  );
  const students = new Map<string, number>();
  for (const kind of new Set(units.map((u) => u.kind))) {
    const ofKind = units.filter((u) => u.kind === kind).map((u) => u.id);
    for (const [id, n] of await activeStudentCounts(ctx.db, kind, ofKind)) students.set(id, n);
  }
  return units.map((u) => ({
    id: u.id,
    kind: u.kind,
    name: u.name_zh,
    nameEn: u.name_en,
    parentId: u.parent_id,
    stage: u.stage,
    gradeLevel: u.grade_level,
    classNo: u.class_no,
    centreName: u.centre_name,
    partnerHospitalId: u.partner_hospital_id,
    active: u.deactivated_at === null,
    studentCount: students.get(u.id) ?? 0,
    childCount: children.get(u.id) ?? 0,
  }));
}

/**
 * A unit's children, or without a parent the actor's roots: the units their bindings point at, minus any
 * already inside another of them.
 */
export async function listUnits(ctx: ServiceContext, parentId?: string): Promise<UnitView[]> {
  if (parentId) {
    const parent = await findUnit(ctx.db, parentId);
    if (!parent) throw notFound();
    ctx.access.require('org.read', placementOfUnit(parent));
    return unitViews(ctx, await childUnits(ctx.db, parentId));
  }
  const units = await unitsWithIds(
    ctx.db,
    ctx.access.scopes('org.read').map((s) => s.id),
  );
  const roots = units.filter((u) => !units.some((o) => o.id !== u.id && o.id === u.parent_id));
  return unitViews(ctx, roots);
}

export async function readUnit(ctx: ServiceContext, id: string): Promise<UnitWithAncestors> {
  const unit = await findUnit(ctx.db, id);
  if (!unit) throw notFound();
  ctx.access.require('org.read', placementOfUnit(unit));
  const ancestorIds = [unit.city_id, unit.district_id, unit.school_id, unit.grade_id].filter(
    (x): x is string => !!x && x !== unit.id,
  );
  const ancestors = await unitsWithIds(ctx.db, ancestorIds);
  ancestors.sort((a, b) => ANCESTOR_ORDER.indexOf(a.kind) - ANCESTOR_ORDER.indexOf(b.kind));
  const [view] = await unitViews(ctx, [unit]);
  return { ...view!, ancestors: ancestors.map((a) => ({ id: a.id, kind: a.kind, name: a.name_zh })) };
}
