import { randomUUID } from 'node:crypto';
import { isSchoolStage, STAGE_GRADE_LEVELS, stageHasGrade, type RoleBinding, type SchoolStage } from '@yuxin/core';
import type { Insertable, Kysely, Updateable } from 'kysely';
import { forbidden, fieldProblem, notFound, Problem } from '../http/problem.js';
import type { Locale } from '../http/locale.js';
import type { RequestAccess } from '../access/request-access.js';
import type { Database, OrgUnit, OrgUnitTable } from '../db/types.js';
import type { ServiceContext } from '../services/context.js';
import {
  findHospital,
  findSchoolYear,
  findUnit,
  insertHospital,
  insertSchoolYear,
  insertUnit,
  listHospitals as listHospitalRows,
  listSchoolYears as listSchoolYearRows,
  liveGradeOfLevel,
  liveHospitalNamed,
  liveSiblingNamed,
  makeSchoolYearCurrent,
  nextSort,
  unitInUse,
  updateHospital as updateHospitalRow,
  updateSchoolYearDates,
  updateUnit as updateUnitRow,
  type HospitalRow,
} from './org-store.js';
import { placementOfUnit } from './placement.js';

/**
 * Building a city's org tree in the app (issue 14): districts with their guidance centres, schools with
 * their stage, grades, classes; partner hospitals; school years. Only holders of `org.manage` (system
 * administrators) act, inside their own subtree: a unit is managed by whoever manages its parent, so a
 * school's administrator adds its grades and classes but cannot rename or close the school itself.
 * Nothing is deleted: students, enrollments, referrals and audit rows keep pointing at these ids.
 */

// Written as `action: '…'` literals so the audit label test finds each one.
const UNIT_AUDIT = {
  update: { action: 'org.unit_update' },
  deactivate: { action: 'org.unit_deactivate' },
  reactivate: { action: 'org.unit_reactivate' },
} as const;
const HOSPITAL_AUDIT = {
  update: { action: 'org.hospital_update' },
  deactivate: { action: 'org.hospital_deactivate' },
  reactivate: { action: 'org.hospital_reactivate' },
} as const;

export type ChildKind = 'district' | 'school' | 'grade' | 'class';
type Kind = OrgUnit['kind'];

const PARENT_KIND: Record<ChildKind, Kind> = { district: 'city', school: 'district', grade: 'school', class: 'grade' };

const KIND_NAME: Record<Kind, Record<Locale, string>> = {
  city: { 'zh-CN': '城市', en: 'city' },
  district: { 'zh-CN': '区县', en: 'district' },
  school: { 'zh-CN': '学校', en: 'school' },
  grade: { 'zh-CN': '年级', en: 'grade' },
  class: { 'zh-CN': '班级', en: 'class' },
};

/** The guidance centre a new district gets unless one is named (区县学生心理健康指导中心). */
export function defaultCentreName(districtName: string): string {
  return `${districtName}学生心理健康指导中心`;
}

/** Names are compared and kept trimmed: "1班 " and "1班" are one class to a reader. */
function cleanName(field: string, value: string): string {
  const name = value.trim();
  if (!name) throw fieldProblem(field, 'field.required');
  return name;
}

function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const t = value.trim();
  return t ? t : null;
}

/** Two administrators adding the same name at once: the partial unique index decides, with the same answer. */
function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}

/** What a new unit's row holds: its own id fills its own level of the ancestry, the rest comes from the parent. */
export function newUnitRow(
  parent: OrgUnit,
  u: {
    kind: ChildKind;
    name: string;
    nameEn: string | null;
    code: string | null;
    stage: SchoolStage | null;
    gradeLevel: number | null;
    classNo: number | null;
    centreName: string | null;
    sort: number;
    partnerHospitalId?: string | null;
  },
): Insertable<OrgUnitTable> {
  const id = randomUUID();
  return {
    id,
    kind: u.kind,
    parent_id: parent.id,
    city_id: parent.city_id,
    district_id: u.kind === 'district' ? id : parent.district_id,
    school_id: u.kind === 'school' ? id : parent.school_id,
    grade_id: u.kind === 'grade' ? id : parent.grade_id,
    code: u.code,
    name_zh: u.name,
    name_en: u.nameEn,
    stage: u.kind === 'school' ? u.stage : null,
    grade_level: u.kind === 'grade' || u.kind === 'class' ? u.gradeLevel : null,
    class_no: u.kind === 'class' ? u.classNo : null,
    sort: u.sort,
    centre_name: u.kind === 'district' ? (u.centreName ?? defaultCentreName(u.name)) : null,
    partner_hospital_id: u.kind === 'school' ? (u.partnerHospitalId ?? null) : null,
  };
}

export interface NewUnit {
  kind: ChildKind;
  parentId: string;
  name: string;
  nameEn?: string | null;
  code?: string | null;
  stage?: string;
  gradeLevel?: number;
  classNo?: number;
  centreName?: string | null;
  /** A school's partner hospital (绿色通道): a live hospital of the city. */
  partnerHospitalId?: string | null;
}

/** A school's partner hospital must be one of the city's live partner hospitals. */
async function livePartnerHospital(db: Kysely<Database>, cityId: string, id: string): Promise<string> {
  const h = await findHospital(db, cityId, id);
  if (!h || h.deactivated_at) throw fieldProblem('/partnerHospitalId', 'field.invalid');
  return h.id;
}

export async function createUnit(ctx: ServiceContext, input: NewUnit): Promise<OrgUnit> {
  const parent = await findUnit(ctx.db, input.parentId);
  if (!parent) throw fieldProblem('/parentId', 'field.invalid');
  const binding = ctx.access.require('org.manage', placementOfUnit(parent));
  const kindName = (k: Kind) => KIND_NAME[k][ctx.locale];
  if (parent.kind !== PARENT_KIND[input.kind])
    throw fieldProblem('/parentId', 'org.parent-kind', {
      kind: kindName(input.kind),
      parentKind: kindName(PARENT_KIND[input.kind]),
    });
  if (parent.deactivated_at) throw fieldProblem('/parentId', 'org.parent-inactive', { parent: parent.name_zh });
  const name = cleanName('/name', input.name);
  for (const [field, applies] of [
    ['stage', input.kind === 'school'],
    ['gradeLevel', input.kind === 'grade'],
    ['classNo', input.kind === 'class'],
    ['centreName', input.kind === 'district'],
    ['partnerHospitalId', input.kind === 'school'],
  ] as const) {
    if (!applies && input[field] !== undefined && input[field] !== null)
      throw fieldProblem(`/${field}`, 'org.not-for-kind', { field, kind: kindName(input.kind) });
  }

  let stage: SchoolStage | null = null;
  let gradeLevel: number | null = null;
  if (input.kind === 'school') {
    if (!input.stage || !isSchoolStage(input.stage)) throw fieldProblem('/stage', 'org.stage-required');
    stage = input.stage;
  }
  if (input.kind === 'grade') {
    if (input.gradeLevel === undefined) throw fieldProblem('/gradeLevel', 'field.required');
    const schoolStage = parent.stage && isSchoolStage(parent.stage) ? parent.stage : null;
    if (schoolStage && !stageHasGrade(schoolStage, input.gradeLevel))
      throw fieldProblem('/gradeLevel', 'org.stage-grade', { allowed: STAGE_GRADE_LEVELS[schoolStage].join(', ') });
    gradeLevel = input.gradeLevel;
  }
  if (input.kind === 'class') gradeLevel = parent.grade_level;
  const partnerHospitalId = input.partnerHospitalId
    ? await livePartnerHospital(ctx.db, parent.city_id, input.partnerHospitalId)
    : null;

  return ctx.db.transaction().execute(async (tx) => {
    if (await liveSiblingNamed(tx, parent.id, name))
      throw fieldProblem('/name', 'org.name-taken', { name, parent: parent.name_zh });
    if (input.kind === 'grade' && (await liveGradeOfLevel(tx, parent.id, gradeLevel!)))
      throw fieldProblem('/gradeLevel', 'org.grade-taken');
    let unit: OrgUnit;
    try {
      unit = await insertUnit(
        tx,
        newUnitRow(parent, {
          kind: input.kind,
          name,
          nameEn: optionalText(input.nameEn) ?? null,
          code: optionalText(input.code) ?? null,
          stage,
          gradeLevel,
          classNo: input.kind === 'class' ? (input.classNo ?? null) : null,
          centreName: optionalText(input.centreName) ?? null,
          sort: input.kind === 'grade' ? gradeLevel! : await nextSort(tx, parent.id),
          partnerHospitalId,
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw fieldProblem('/name', 'org.name-taken', { name, parent: parent.name_zh });
      throw err;
    }
    await ctx.audit(tx, {
      action: 'org.unit_create',
      targetType: 'org_unit',
      targetId: unit.id,
      placement: placementOfUnit(unit),
      binding,
      detail: { kind: unit.kind, parentId: parent.id, name, stage, gradeLevel, partnerHospitalId },
    });
    return unit;
  });
}

export interface UnitChange {
  name?: string;
  nameEn?: string | null;
  stage?: string;
  centreName?: string | null;
  partnerHospitalId?: string | null;
  active?: boolean;
}

export async function changeUnit(ctx: ServiceContext, id: string, change: UnitChange): Promise<OrgUnit> {
  const unit = await findUnit(ctx.db, id);
  if (!unit) throw notFound();
  const parent = unit.parent_id ? await findUnit(ctx.db, unit.parent_id) : undefined;
  // A unit is managed from above: whoever manages its parent (the city manages itself).
  const binding = ctx.access.require('org.manage', placementOfUnit(parent ?? unit));
  const kindName = KIND_NAME[unit.kind][ctx.locale];
  if (change.stage !== undefined && unit.kind !== 'school')
    throw fieldProblem('/stage', 'org.not-for-kind', { field: 'stage', kind: kindName });
  if (change.centreName !== undefined && unit.kind !== 'district')
    throw fieldProblem('/centreName', 'org.not-for-kind', { field: 'centreName', kind: kindName });
  if (change.partnerHospitalId !== undefined && unit.kind !== 'school')
    throw fieldProblem('/partnerHospitalId', 'org.not-for-kind', { field: 'partnerHospitalId', kind: kindName });
  const partnerHospitalId = change.partnerHospitalId
    ? await livePartnerHospital(ctx.db, unit.city_id, change.partnerHospitalId)
    : change.partnerHospitalId;

  return ctx.db.transaction().execute(async (tx) => {
    const set: Updateable<OrgUnitTable> = {};
    const detail: Record<string, unknown> = { kind: unit.kind };
    const name = change.name !== undefined ? cleanName('/name', change.name) : unit.name_zh;
    const reactivating = change.active === true && unit.deactivated_at !== null;
    if (name !== unit.name_zh || reactivating) {
      if (parent && (await liveSiblingNamed(tx, parent.id, name, unit.id)))
        throw fieldProblem('/name', 'org.name-taken', { name, parent: parent.name_zh });
    }
    if (name !== unit.name_zh) {
      set.name_zh = name;
      detail.name = { from: unit.name_zh, to: name };
    }
    if (change.nameEn !== undefined) set.name_en = optionalText(change.nameEn) ?? null;
    if (partnerHospitalId !== undefined && partnerHospitalId !== unit.partner_hospital_id) {
      set.partner_hospital_id = partnerHospitalId;
      detail.partnerHospitalId = { from: unit.partner_hospital_id, to: partnerHospitalId };
    }
    if (change.centreName !== undefined)
      set.centre_name = optionalText(change.centreName) ?? defaultCentreName(set.name_zh ?? unit.name_zh);
    if (change.stage !== undefined && change.stage !== unit.stage) {
      if (!isSchoolStage(change.stage)) throw fieldProblem('/stage', 'org.stage-required');
      const stage = change.stage;
      // A school cannot become a stage its live grades do not fit (a 小学 with a 八年级).
      const grades = await tx
        .selectFrom('org_unit')
        .select('grade_level')
        .where('parent_id', '=', unit.id)
        .where('kind', '=', 'grade')
        .where('deactivated_at', 'is', null)
        .execute();
      if (grades.some((g) => g.grade_level !== null && !stageHasGrade(stage, g.grade_level)))
        throw fieldProblem('/stage', 'org.stage-grade', { allowed: STAGE_GRADE_LEVELS[stage].join(', ') });
      set.stage = stage;
      detail.stage = { from: unit.stage, to: stage };
    }
    let audit: keyof typeof UNIT_AUDIT = 'update';
    if (change.active === false && unit.deactivated_at === null) {
      if (unit.kind === 'city') throw fieldProblem('/active', 'org.city-fixed');
      const inUse = await unitInUse(tx, unit);
      if (inUse.units > 0 || inUse.students > 0)
        throw new Problem('conflict', { key: 'org.in-use', params: { name: unit.name_zh, ...inUse } });
      set.deactivated_at = ctx.clock();
      audit = 'deactivate';
    } else if (reactivating) {
      if (parent?.deactivated_at) throw fieldProblem('/active', 'org.parent-inactive', { parent: parent.name_zh });
      set.deactivated_at = null;
      audit = 'reactivate';
    }
    if (Object.keys(set).length === 0) return unit;
    let updated: OrgUnit;
    try {
      updated = await updateUnitRow(tx, unit.id, set);
    } catch (err) {
      if (isUniqueViolation(err))
        throw fieldProblem('/name', 'org.name-taken', { name, parent: parent?.name_zh ?? '' });
      throw err;
    }
    await ctx.audit(tx, {
      action: UNIT_AUDIT[audit].action,
      targetType: 'org_unit',
      targetId: unit.id,
      placement: placementOfUnit(unit),
      binding,
      detail,
    });
    return updated;
  });
}

/**
 * Hospitals and school years are the city's: only a city-level `org.manage` binding acts on them. Nothing
 * about them is secret from staff, so a refusal is 403, not a hiding 404.
 */
export function requireCityOrgManager(access: RequestAccess, cityId: string): RoleBinding {
  try {
    return access.require('org.manage', { cityId });
  } catch (err) {
    if (err instanceof Problem && err.kind === 'not-found') throw forbidden();
    throw err;
  }
}

/**
 * Any organisation manager of the city reads the list: a district's administrator picks a school's partner
 * hospital from it. Registering and changing hospitals stays the city's.
 */
export async function listHospitals(ctx: ServiceContext, cityId: string): Promise<HospitalRow[]> {
  // An account works in its own city only, so any org.manage binding is one in this city.
  if (ctx.access.scopes('org.manage').length === 0) throw forbidden();
  return listHospitalRows(ctx.db, cityId);
}

export async function createHospital(
  ctx: ServiceContext,
  cityId: string,
  input: { name: string; nameEn?: string | null },
): Promise<HospitalRow> {
  const binding = requireCityOrgManager(ctx.access, cityId);
  const name = cleanName('/name', input.name);
  return ctx.db.transaction().execute(async (tx) => {
    if (await liveHospitalNamed(tx, cityId, name)) throw fieldProblem('/name', 'hospital.name-taken', { name });
    let row: HospitalRow;
    try {
      row = await insertHospital(tx, { city_id: cityId, name_zh: name, name_en: optionalText(input.nameEn) ?? null });
    } catch (err) {
      if (isUniqueViolation(err)) throw fieldProblem('/name', 'hospital.name-taken', { name });
      throw err;
    }
    await ctx.audit(tx, {
      action: 'org.hospital_create',
      targetType: 'hospital',
      targetId: row.id,
      placement: { cityId },
      binding,
      detail: { name },
    });
    return row;
  });
}

export async function changeHospital(
  ctx: ServiceContext,
  cityId: string,
  id: string,
  change: { name?: string; nameEn?: string | null; active?: boolean },
): Promise<HospitalRow> {
  const binding = requireCityOrgManager(ctx.access, cityId);
  const hospital = await findHospital(ctx.db, cityId, id);
  if (!hospital) throw notFound();
  return ctx.db.transaction().execute(async (tx) => {
    const set: { name_zh?: string; name_en?: string | null; deactivated_at?: Date | null } = {};
    const detail: Record<string, unknown> = {};
    const name = change.name !== undefined ? cleanName('/name', change.name) : hospital.name_zh;
    const reactivating = change.active === true && hospital.deactivated_at !== null;
    if ((name !== hospital.name_zh || reactivating) && (await liveHospitalNamed(tx, cityId, name, id)))
      throw fieldProblem('/name', 'hospital.name-taken', { name });
    if (name !== hospital.name_zh) {
      set.name_zh = name;
      detail.name = { from: hospital.name_zh, to: name };
    }
    if (change.nameEn !== undefined) set.name_en = optionalText(change.nameEn) ?? null;
    let audit: keyof typeof HOSPITAL_AUDIT = 'update';
    // Referrals already sent stay with the hospital; a deactivated one is only not offered for new ones.
    if (change.active === false && hospital.deactivated_at === null) {
      set.deactivated_at = ctx.clock();
      audit = 'deactivate';
    } else if (reactivating) {
      set.deactivated_at = null;
      audit = 'reactivate';
    }
    if (Object.keys(set).length === 0) return hospital;
    const row = await updateHospitalRow(tx, id, set);
    await ctx.audit(tx, {
      action: HOSPITAL_AUDIT[audit].action,
      targetType: 'hospital',
      targetId: id,
      placement: { cityId },
      binding,
      detail,
    });
    return row;
  });
}

// School years

const YEAR_CODE = /^(\d{4})-(\d{4})$/;

interface YearDates {
  startsOn: string;
  endsOn: string;
  term1EndsOn: string;
}

function checkDates(d: YearDates): void {
  if (!(d.startsOn < d.term1EndsOn)) throw fieldProblem('/term1EndsOn', 'school-year.dates');
  if (!(d.term1EndsOn < d.endsOn)) throw fieldProblem('/endsOn', 'school-year.dates');
}

export async function listSchoolYears(ctx: ServiceContext, cityId: string) {
  requireCityOrgManager(ctx.access, cityId);
  return listSchoolYearRows(ctx.db, cityId);
}

export async function createSchoolYear(
  ctx: ServiceContext,
  cityId: string,
  input: YearDates & { code: string; current?: boolean },
) {
  const binding = requireCityOrgManager(ctx.access, cityId);
  const m = YEAR_CODE.exec(input.code);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) throw fieldProblem('/code', 'school-year.code-format');
  checkDates(input);
  await ctx.db.transaction().execute(async (tx) => {
    if (await findSchoolYear(tx, cityId, input.code))
      throw fieldProblem('/code', 'school-year.code-taken', { code: input.code });
    await insertSchoolYear(tx, {
      city_id: cityId,
      code: input.code,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      term1_ends_on: input.term1EndsOn,
    });
    if (input.current) await makeSchoolYearCurrent(tx, cityId, input.code);
    await ctx.audit(tx, {
      action: 'org.school_year_create',
      targetType: 'school_year',
      targetId: null,
      placement: { cityId },
      binding,
      detail: { code: input.code, ...dates(input), current: input.current ?? false },
    });
  });
  return (await findSchoolYear(ctx.db, cityId, input.code))!;
}

const dates = (d: YearDates) => ({ startsOn: d.startsOn, endsOn: d.endsOn, term1EndsOn: d.term1EndsOn });

/**
 * Changes a year's dates or makes it the current one (the one new enrollments and screenings are filed
 * under). A year is never "un-made" current: another one is made current instead.
 */
export async function changeSchoolYear(
  ctx: ServiceContext,
  cityId: string,
  code: string,
  change: Partial<YearDates> & { current?: boolean },
) {
  const binding = requireCityOrgManager(ctx.access, cityId);
  const year = await findSchoolYear(ctx.db, cityId, code);
  if (!year) throw notFound();
  if (change.current === false && year.is_current) throw fieldProblem('/current', 'school-year.current-only');
  const next = {
    startsOn: change.startsOn ?? year.starts_on,
    endsOn: change.endsOn ?? year.ends_on,
    term1EndsOn: change.term1EndsOn ?? year.term1_ends_on,
  };
  checkDates(next);
  const datesChanged =
    next.startsOn !== year.starts_on || next.endsOn !== year.ends_on || next.term1EndsOn !== year.term1_ends_on;
  const makeCurrent = change.current === true && !year.is_current;
  if (datesChanged || makeCurrent) {
    await ctx.db.transaction().execute(async (tx: Kysely<Database>) => {
      if (datesChanged)
        await updateSchoolYearDates(tx, cityId, code, {
          starts_on: next.startsOn,
          ends_on: next.endsOn,
          term1_ends_on: next.term1EndsOn,
        });
      if (makeCurrent) await makeSchoolYearCurrent(tx, cityId, code);
      await ctx.audit(tx, {
        action: 'org.school_year_update',
        targetType: 'school_year',
        targetId: null,
        placement: { cityId },
        binding,
        detail: { code, ...(datesChanged ? dates(next) : {}), ...(makeCurrent ? { current: true } : {}) },
      });
    });
  }
  return (await findSchoolYear(ctx.db, cityId, code))!;
}
