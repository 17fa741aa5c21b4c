import { chinaDateOf } from '@yuxin/core';
import type { OrgUnit } from '../db/types.js';
import type { FileKind } from '../spreadsheets/read.js';
import { notFound, Problem } from '../http/problem.js';
import { findUnit, schoolsIn } from '../org/org-store.js';
import { placementOfUnit } from '../org/placement.js';
import { schoolYearContaining, termOfDay } from '../screening/campaigns/period.js';
import type { ServiceContext } from '../services/context.js';
import { termWindow, type TermWindow } from './figures.js';
import { parseRecordSheet } from './import.js';
import { schoolIndicators } from './indicators.js';
import { checkRecord, insertRecord, type RecordInput } from './records.js';
import { getSupervisionStandards } from './standards.js';

/**
 * Supervision as the bureau and the school see it (督导): a school's indicators for a term against the
 * city's standards, a district's or city's schools at a glance, and the records a school keeps of the work
 * the indicators count. Records of one school are written only by those who may record for it.
 */

export interface PeriodChoice {
  schoolYear?: string;
  term?: 1 | 2;
}

/** The term asked for, or the one today falls in. */
async function periodOf(ctx: ServiceContext, cityId: string, choice: PeriodChoice): Promise<TermWindow> {
  const today = chinaDateOf(ctx.clock());
  const year = await schoolYearContaining(ctx.db, cityId, today);
  return termWindow(ctx.db, cityId, choice.schoolYear ?? year.code, choice.term ?? termOfDay(year, today));
}

async function findSchool(ctx: ServiceContext, id: string): Promise<OrgUnit> {
  const unit = await findUnit(ctx.db, id);
  if (unit?.kind !== 'school') throw notFound();
  return unit;
}

export async function schoolSupervision(ctx: ServiceContext, schoolId: string, choice: PeriodChoice) {
  const school = await findSchool(ctx, schoolId);
  ctx.access.require('supervision.read', placementOfUnit(school));
  const window = await periodOf(ctx, school.city_id, choice);
  const standards = await getSupervisionStandards(ctx.db, school.city_id);
  const result = await schoolIndicators(ctx.db, school, window, standards);
  return {
    school: { id: school.id, name: school.name_zh, nameEn: school.name_en },
    window,
    standards: standards.id,
    ...result,
  };
}

/** Each school of a city or district with the colour of every indicator. */
export async function unitSupervision(ctx: ServiceContext, unitId: string, choice: PeriodChoice) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit || (unit.kind !== 'city' && unit.kind !== 'district')) throw notFound();
  ctx.access.require('supervision.read', placementOfUnit(unit));
  const window = await periodOf(ctx, unit.city_id, choice);
  const standards = await getSupervisionStandards(ctx.db, unit.city_id);
  const schools = [];
  // One school at a time: a district has tens of schools, and each is a handful of indexed counts.
  for (const s of await schoolsIn(ctx.db, unit)) {
    const { indicators } = await schoolIndicators(ctx.db, s, window, standards);
    schools.push({
      id: s.id,
      name: s.name_zh,
      nameEn: s.name_en,
      rag: Object.fromEntries(indicators.map((i) => [i.id, i.rag])),
    });
  }
  return { window, standards: standards.id, schools };
}

/** The school, if the actor may keep its supervision records; not found otherwise. */
export async function requireRecordingSchool(ctx: ServiceContext, schoolId: string) {
  const school = await findSchool(ctx, schoolId);
  return { school, binding: ctx.access.require('supervision.record', placementOfUnit(school)) };
}

export async function recordSupervision(ctx: ServiceContext, schoolId: string, input: RecordInput) {
  const { school, binding } = await requireRecordingSchool(ctx, schoolId);
  const problem = await checkRecord(ctx.db, school, input, ctx.locale);
  if (problem)
    throw new Problem('validation', {
      errors: [{ field: `/${problem.field}`, key: 'field.invalid', message: problem.message }],
    });
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertRecord(tx, school, input, ctx.actorId);
    await ctx.audit(tx, {
      action: 'supervision.record',
      targetType: 'supervision_record',
      targetId: row.id,
      placement: placementOfUnit(school),
      binding,
      detail: { kind: input.kind, schoolYear: row.schoolYear, term: row.term, hours: input.hours },
    });
    return row;
  });
}

/**
 * Stores every row of a school's sheet, or none. The sheet is read only once the actor is known to record
 * for the school: nobody sends records for a school that is not theirs.
 */
export async function importSupervisionRecords(
  ctx: ServiceContext,
  schoolId: string,
  readSheet: () => Promise<{ buffer: Buffer; kind: FileKind }>,
): Promise<{ count: number }> {
  const { school, binding } = await requireRecordingSchool(ctx, schoolId);
  const sheet = await readSheet();
  const parsed = await parseRecordSheet(ctx.db, school, sheet.buffer, sheet.kind, ctx.locale);
  if ('errors' in parsed) {
    throw new Problem('validation', {
      errors: parsed.errors.map((e) => ({
        field: `/file/rows/${e.row}/${e.column}`,
        key: 'field.invalid',
        message: e.message,
      })),
    });
  }
  await ctx.db.transaction().execute(async (tx) => {
    for (const r of parsed.records) await insertRecord(tx, school, r, ctx.actorId);
    const kinds: Record<string, number> = {};
    for (const r of parsed.records) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
    await ctx.audit(tx, {
      action: 'supervision.import',
      targetType: 'school',
      targetId: school.id,
      placement: placementOfUnit(school),
      binding,
      detail: { count: parsed.records.length, kinds },
    });
  });
  return { count: parsed.records.length };
}
