import {
  className,
  gradeName,
  STAGE_GRADE_LEVELS,
  stageHasGrade,
  type RoleBinding,
  type SchoolStage,
} from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { Problem } from '../http/problem.js';
import type { OrgPlacement } from '@yuxin/core';
import { readSheet } from '../roster/read.js';
import { cellText, parseClassNo, parseGradeLevel } from '../spreadsheets/cells.js';
import type { FileKind } from '../spreadsheets/read.js';
import type { ServiceContext } from '../services/context.js';
import { orgImportText, type OrgImportMessageKey } from './import-messages.js';
import {
  ORG_LAYOUT,
  orgColumnHeader,
  parseStage,
  stageLabel,
  stageWords,
  type OrgColumn,
  type OrgHeader,
} from './import-sheet.js';
import { newUnitRow } from './org-admin.js';
import { insertHospital, insertUnit, nextSort, updateUnit, type HospitalRow } from './org-store.js';
import { placementOfUnit } from './placement.js';

/**
 * The org tree from one sheet (issue 14): validate → preview → apply → report, like the roster. Each row
 * names a district and, optionally, a school (with its stage, code and partner hospital), a grade and a
 * class; what exists is matched, what does not is created, and an existing school's code or district's
 * centre that the sheet writes differently is updated (an update in the preview, audited on apply). A
 * preview writes nothing; an apply plans again inside its one transaction and writes everything or, when
 * any row is wrong, nothing. Each row is checked
 * against the actor's own `org.manage` scope: a district administrator's row for another district is that
 * row's error, not a refusal of the file.
 */

const MAX_NAME = 100;
const MAX_CODE = 40;

export type OrgImportKind = 'district' | 'school' | 'grade' | 'class' | 'hospital' | 'partnerHospital';
export type OrgImportStatus = 'create' | 'exists' | 'update';

export interface OrgImportItem {
  row: number;
  kind: OrgImportKind;
  /** Names from the district down, " / " between them; a hospital's own name; for a partner hospital the school's path. */
  path: string;
  /** The partner hospital's name for a `partnerHospital` item. */
  value?: string;
  status: OrgImportStatus;
}

export interface OrgImportReport {
  applied: boolean;
  rows: number;
  errors: Array<{ row: number; column: string; message: string }>;
  items: OrgImportItem[];
  counts: Record<OrgImportStatus, number>;
}

interface ParsedRow {
  row: number;
  district: string;
  centre: string;
  school: string;
  code: string;
  stage?: SchoolStage;
  stageText: string;
  grade?: number;
  gradeText: string;
  classNo?: number;
  classText: string;
  hospital: string;
}

interface Planned {
  row: number;
  kind: 'district' | 'school' | 'grade' | 'class';
  /** The existing unit, or the one created on apply. */
  unit?: OrgUnit;
  parent?: Planned;
  name: string;
  nameEn: string | null;
  path: string;
  code: string | null;
  stage: SchoolStage | null;
  /** The row that first wrote the stage, for a contradiction's message. */
  stageRow?: number;
  gradeLevel: number | null;
  classNo: number | null;
  centreName: string | null;
  hospitalName?: string;
  hospitalRow?: number;
  binding?: RoleBinding;
}

interface PlannedHospital {
  row: number;
  name: string;
  existing?: HospitalRow;
  binding?: RoleBinding;
}

export async function importOrgTree(
  ctx: ServiceContext,
  input: { cityId: string; file: Buffer; kind: FileKind; mode: 'preview' | 'apply' },
): Promise<OrgImportReport> {
  const locale = ctx.locale;
  const sheet = await readSheet(input.file, input.kind, () => {}, ORG_LAYOUT);
  if ('errors' in sheet)
    return report(
      false,
      0,
      sheet.errors.map((e) => ({ row: e.row, column: e.field, message: e.message[locale] })),
      [],
    );
  const errors: OrgImportReport['errors'] = [];
  const rows = parseRows(sheet.header, sheet.rows, locale, errors);
  if (input.mode === 'preview') {
    const plan = await planImport(ctx, ctx.db, input.cityId, rows, sheet.header, errors);
    return report(false, sheet.rows.length, errors, plan.items);
  }
  return ctx.db.transaction().execute(async (tx) => {
    const plan = await planImport(ctx, tx, input.cityId, rows, sheet.header, errors);
    if (errors.length > 0) return report(false, sheet.rows.length, errors, plan.items);
    await applyPlan(ctx, tx, input.cityId, plan);
    const counts = countItems(plan.items);
    await ctx.audit(tx, {
      action: 'org.import',
      targetType: 'org_unit',
      targetId: null,
      placement: { cityId: input.cityId },
      detail: { rows: sheet.rows.length, ...counts },
    });
    return report(true, sheet.rows.length, errors, plan.items);
  });
}

function report(
  applied: boolean,
  rows: number,
  errors: OrgImportReport['errors'],
  items: OrgImportItem[],
): OrgImportReport {
  errors.sort((a, b) => a.row - b.row);
  return { applied, rows, errors, items, counts: countItems(items) };
}

function countItems(items: OrgImportItem[]): Record<OrgImportStatus, number> {
  const counts = { create: 0, exists: 0, update: 0 };
  for (const i of items) counts[i.status]++;
  return counts;
}

function parseRows(
  header: OrgHeader,
  rows: Array<{ row: number; cells: Parameters<typeof cellText>[0][] }>,
  locale: Locale,
  errors: OrgImportReport['errors'],
): ParsedRow[] {
  const column = (key: OrgColumn) => header.written[key] ?? orgColumnHeader(key, locale);
  const out: ParsedRow[] = [];
  for (const r of rows) {
    const get = (key: OrgColumn) => {
      const i = header.index[key];
      return i === undefined ? '' : cellText(r.cells[i] ?? null);
    };
    const fail = (key: OrgColumn, message: OrgImportMessageKey, params: Record<string, string | number> = {}) =>
      errors.push({
        row: r.row,
        column: column(key),
        message: orgImportText(message, locale, { field: column(key), ...params }),
      });
    const before = errors.length;
    const p: ParsedRow = {
      row: r.row,
      district: get('district'),
      centre: get('centre'),
      school: get('school'),
      code: get('code'),
      stageText: get('stage'),
      gradeText: get('grade'),
      classText: get('class'),
      hospital: get('hospital'),
    };
    if (!p.district) fail('district', 'required');
    for (const key of ['district', 'centre', 'school', 'hospital'] as const)
      if (get(key).length > MAX_NAME) fail(key, 'name.too-long', { max: MAX_NAME });
    if (p.code.length > MAX_CODE) fail('code', 'name.too-long', { max: MAX_CODE });
    for (const key of ['code', 'stage', 'grade', 'hospital'] as const)
      if (get(key) && !p.school) fail(key, 'needs-school');
    if (p.classText && !p.gradeText) fail('class', 'needs-grade');
    if (p.stageText) {
      p.stage = parseStage(p.stageText);
      if (!p.stage) fail('stage', 'stage.invalid', { value: p.stageText, allowed: stageWords(locale) });
    }
    if (p.gradeText) {
      p.grade = parseGradeLevel(p.gradeText);
      if (p.grade === undefined) fail('grade', 'grade.invalid', { value: p.gradeText });
    }
    if (p.classText) {
      p.classNo = parseClassNo(p.classText);
      if (p.classNo === undefined || p.classNo > 99) fail('class', 'class.invalid', { value: p.classText });
    }
    if (errors.length === before) out.push(p);
  }
  return out;
}

/** The actor's binding for managing inside this placement, or null: a row outside it is that row's error. */
function manages(ctx: ServiceContext, placement: OrgPlacement): RoleBinding | null {
  try {
    return ctx.access.require('org.manage', placement);
  } catch (err) {
    if (err instanceof Problem) return null;
    throw err;
  }
}

interface Plan {
  items: OrgImportItem[];
  hospitals: PlannedHospital[];
  units: Planned[];
  partners: Array<{ school: Planned; hospital: string; binding: RoleBinding }>;
  /** An existing unit's school code or guidance centre, changed by the sheet. */
  updates: Array<{ unit: OrgUnit; field: 'code' | 'centreName'; value: string; binding: RoleBinding }>;
}

async function planImport(
  ctx: ServiceContext,
  db: Kysely<Database>,
  cityId: string,
  rows: ParsedRow[],
  header: OrgHeader,
  errors: OrgImportReport['errors'],
): Promise<Plan> {
  const locale = ctx.locale;
  const column = (key: OrgColumn) => header.written[key] ?? orgColumnHeader(key, locale);
  const all = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('city_id', '=', cityId)
    .where('kind', '<>', 'city')
    .execute();
  const city = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('id', '=', cityId)
    .where('kind', '=', 'city')
    .executeTakeFirst();
  const byParent = new Map<string, OrgUnit[]>();
  for (const u of all) {
    const list = byParent.get(u.parent_id!) ?? [];
    list.push(u);
    byParent.set(u.parent_id!, list);
  }
  const hospitalRows = await db
    .selectFrom('hospital')
    .select(['id', 'city_id', 'name_zh', 'name_en', 'deactivated_at', 'created_at'])
    .where('city_id', '=', cityId)
    .execute();

  const plan: Plan = { items: [], hospitals: [], units: [], partners: [], updates: [] };
  // Who claims which value of an existing unit's field, for contradictions between rows and taken codes.
  const claimed = new Map<string, { value: string; row: number }>();
  const codeOwner = new Map<string, string>();
  for (const u of all) if (u.kind === 'school' && u.code) codeOwner.set(u.code, u.id);
  const nodes = new Map<string, Planned>();
  const hospitals = new Map<string, PlannedHospital>();
  const partnerSeen = new Set<string>();
  const cityBinding = manages(ctx, { cityId });

  for (const r of rows) {
    const rowErrors: OrgImportReport['errors'] = [];
    const fail = (key: OrgColumn, message: OrgImportMessageKey, params: Record<string, string | number>) =>
      rowErrors.push({
        row: r.row,
        column: column(key),
        message: orgImportText(message, locale, { field: column(key), ...params }),
      });
    const newItems: OrgImportItem[] = [];

    /**
     * The unit on this row at one level: a node already planned by an earlier row, the live one of the
     * tree, or a new one (if the actor may create it there).
     */
    const step = (
      key: string,
      kind: Planned['kind'],
      col: OrgColumn,
      parent: Planned | undefined,
      match: (u: OrgUnit) => boolean,
      fresh: () => Omit<Planned, 'row' | 'kind' | 'parent' | 'path'>,
    ): Planned | undefined => {
      const known = nodes.get(key);
      if (known) return known;
      const parentUnit = parent ? parent.unit : city;
      const siblings = parentUnit ? (byParent.get(parentUnit.id) ?? []) : [];
      const candidates = siblings.filter((u) => u.kind === kind && match(u));
      const live = candidates.find((u) => u.deactivated_at === null);
      const f = fresh();
      const path = parent ? `${parent.path} / ${f.name}` : f.name;
      if (live) {
        const node: Planned = { ...f, row: r.row, kind, parent, path, unit: live, name: live.name_zh };
        node.stage = kind === 'school' ? ((live.stage as SchoolStage | null) ?? null) : null;
        nodes.set(key, node);
        newItems.push({ row: r.row, kind, path, status: 'exists' });
        return node;
      }
      if (candidates.length > 0) {
        fail(col, 'inactive', { value: f.name });
        return undefined;
      }
      // A live sibling of another kind or level holding the name would break the sibling-name rule.
      if (siblings.some((u) => u.deactivated_at === null && u.name_zh === f.name)) {
        fail(col, 'name.taken', { value: f.name, parent: parent?.name ?? city?.name_zh ?? '' });
        return undefined;
      }
      const binding = parent
        ? parent.unit
          ? manages(ctx, placementOfUnit(parent.unit))
          : parent.binding
        : cityBinding;
      if (!binding) {
        fail(col, 'out-of-scope', { value: f.name });
        return undefined;
      }
      const node: Planned = { ...f, row: r.row, kind, parent, path, binding };
      nodes.set(key, node);
      plan.units.push(node);
      newItems.push({ row: r.row, kind, path, status: 'create' });
      return node;
    };

    const blank = { nameEn: null, code: null, stage: null, gradeLevel: null, classNo: null, centreName: null };
    const district = step(
      r.district,
      'district',
      'district',
      undefined,
      (u) => u.name_zh === r.district,
      () => ({ ...blank, name: r.district, centreName: r.centre || null }),
    );
    /**
     * A field the sheet writes for a unit that exists and holds another value: an update, made with the
     * binding of whoever manages the unit (from its parent, as on the org page), shown in the preview.
     */
    const updateField = (
      node: Planned,
      field: 'code' | 'centreName',
      col: OrgColumn,
      value: string,
      stored: string | null,
      binding: RoleBinding | null,
    ) => {
      const key = `${node.unit!.id}\u0000${field}`;
      const earlier = claimed.get(key);
      if (earlier) {
        if (earlier.value !== value) fail(col, 'conflict', { value, row: earlier.row, other: earlier.value });
        return;
      }
      if (value === stored) return;
      if (!binding) {
        fail(col, 'out-of-scope', { value: node.path });
        return;
      }
      if (field === 'code') {
        const owner = codeOwner.get(value);
        if (owner && owner !== node.unit!.id) {
          fail(col, 'code.taken', { value });
          return;
        }
        codeOwner.set(value, node.unit!.id);
      }
      claimed.set(key, { value, row: r.row });
      plan.updates.push({ unit: node.unit!, field, value, binding });
      const item: OrgImportItem = { row: r.row, kind: node.kind, path: node.path, value, status: 'update' };
      const same = newItems.findIndex((i) => i.kind === node.kind && i.path === node.path && i.status === 'exists');
      if (same >= 0) newItems[same] = item;
      else newItems.push(item);
    };
    if (district?.unit && r.centre)
      updateField(district, 'centreName', 'centre', r.centre, district.unit.centre_name, cityBinding);

    let deepest: Planned | undefined = district;
    let school: Planned | undefined;
    if (district && r.school) {
      school = step(
        `${r.district}\u0000${r.school}`,
        'school',
        'school',
        district,
        (u) => u.name_zh === r.school,
        () => ({ ...blank, name: r.school, code: r.code || null, stage: r.stage ?? null, stageRow: r.row }),
      );
      deepest = school ?? deepest;
      if (school?.unit && r.code)
        updateField(
          school,
          'code',
          'code',
          r.code,
          school.unit.code,
          district.unit ? manages(ctx, placementOfUnit(district.unit)) : null,
        );
      if (school && r.stage) {
        if (school.unit && school.stage !== r.stage)
          fail('stage', 'stage.differs', {
            value: r.stageText,
            other: school.stage ? stageLabel(school.stage, locale) : '—',
          });
        else if (!school.unit && school.stage && school.stage !== r.stage)
          fail('stage', 'conflict', {
            value: r.stageText,
            row: school.stageRow!,
            other: stageLabel(school.stage, locale),
          });
        else if (!school.unit && !school.stage) {
          school.stage = r.stage;
          school.stageRow = r.row;
        }
      }
      if (school && r.hospital) {
        if (school.hospitalName !== undefined && school.hospitalName !== r.hospital)
          fail('hospital', 'conflict', { value: r.hospital, row: school.hospitalRow!, other: school.hospitalName });
        else if (school.hospitalName === undefined) {
          school.hospitalName = r.hospital;
          school.hospitalRow = r.row;
          if (!hospitals.has(r.hospital)) {
            const existing = hospitalRows.filter((h) => h.name_zh === r.hospital);
            const live = existing.find((h) => h.deactivated_at === null);
            if (!live && existing.length > 0) fail('hospital', 'inactive', { value: r.hospital });
            else if (!live && !cityBinding) fail('hospital', 'hospital.city-only', { value: r.hospital });
            else {
              const h: PlannedHospital = {
                row: r.row,
                name: r.hospital,
                existing: live,
                binding: cityBinding ?? undefined,
              };
              hospitals.set(r.hospital, h);
              if (!live) plan.hospitals.push(h);
              newItems.push({ row: r.row, kind: 'hospital', path: r.hospital, status: live ? 'exists' : 'create' });
            }
          }
          // An existing school's partner hospital changes only with its district's (or the city's) binding.
          if (school.unit && !partnerSeen.has(school.path)) {
            partnerSeen.add(school.path);
            const current = hospitalRows.find((h) => h.id === school!.unit!.partner_hospital_id);
            if (current?.name_zh === r.hospital)
              newItems.push({
                row: r.row,
                kind: 'partnerHospital',
                path: school.path,
                value: r.hospital,
                status: 'exists',
              });
            else {
              const binding = district.unit ? manages(ctx, placementOfUnit(district.unit)) : district.binding;
              if (!binding) fail('hospital', 'out-of-scope', { value: school.name });
              else {
                plan.partners.push({ school, hospital: r.hospital, binding });
                newItems.push({
                  row: r.row,
                  kind: 'partnerHospital',
                  path: school.path,
                  value: r.hospital,
                  status: 'update',
                });
              }
            }
          }
        }
      }
    }
    let grade: Planned | undefined;
    if (school && r.grade !== undefined) {
      const level = r.grade;
      const name = gradeName(level);
      grade = step(
        `${school.path}\u0000${level}`,
        'grade',
        'grade',
        school,
        (u) => u.grade_level === level,
        () => ({ ...blank, name: name.zh, nameEn: name.en, gradeLevel: level }),
      );
      deepest = grade ?? deepest;
      if (grade && !grade.unit && school.unit?.stage) {
        const stage = school.unit.stage as SchoolStage;
        if (!stageHasGrade(stage, level))
          fail('grade', 'grade.stage', { value: r.gradeText, allowed: STAGE_GRADE_LEVELS[stage].join(', ') });
      }
    }
    if (grade && r.classNo !== undefined) {
      const no = r.classNo;
      const name = className(no);
      const c = step(
        `${grade.path}\u0000${no}`,
        'class',
        'class',
        grade,
        (u) => u.class_no === no || u.name_zh === name.zh,
        () => ({ ...blank, name: name.zh, nameEn: name.en, gradeLevel: grade.gradeLevel, classNo: no }),
      );
      deepest = c ?? deepest;
    }
    // A row naming only units that exist must still be inside what the actor manages.
    if (rowErrors.length === 0 && deepest?.unit && !manages(ctx, placementOfUnit(deepest.unit)))
      fail(
        deepest.kind === 'district' ? 'district' : deepest.kind === 'school' ? 'school' : deepest.kind,
        'out-of-scope',
        { value: deepest.path },
      );
    errors.push(...rowErrors);
    plan.items.push(...newItems);
  }

  // Checked once every row is read: a new school's stage may be written on any of its rows.
  for (const node of plan.units) {
    if (node.kind === 'school' && !node.stage)
      errors.push({
        row: node.row,
        column: column('stage'),
        message: orgImportText('stage.required', locale, { field: column('stage'), value: node.name }),
      });
    if (node.kind === 'grade' && node.parent && !node.parent.unit && node.parent.stage) {
      const stage = node.parent.stage;
      if (!stageHasGrade(stage, node.gradeLevel!))
        errors.push({
          row: node.row,
          column: column('grade'),
          message: orgImportText('grade.stage', locale, {
            field: column('grade'),
            value: gradeName(node.gradeLevel!)[locale === 'en' ? 'en' : 'zh'],
            allowed: STAGE_GRADE_LEVELS[stage].join(', '),
          }),
        });
    }
  }
  return plan;
}

async function applyPlan(ctx: ServiceContext, tx: Kysely<Database>, cityId: string, plan: Plan): Promise<void> {
  const hospitalIds = new Map<string, string>();
  const live = await tx
    .selectFrom('hospital')
    .select(['id', 'name_zh'])
    .where('city_id', '=', cityId)
    .where('deactivated_at', 'is', null)
    .execute();
  for (const h of live) hospitalIds.set(h.name_zh, h.id);
  for (const h of plan.hospitals) {
    const row = await insertHospital(tx, { city_id: cityId, name_zh: h.name, name_en: null });
    hospitalIds.set(h.name, row.id);
    await ctx.audit(tx, {
      action: 'org.hospital_create',
      targetType: 'hospital',
      targetId: row.id,
      placement: { cityId },
      binding: h.binding,
      detail: { name: h.name, source: 'import' },
    });
  }
  // Existing units first: a code an existing school gives up may be the one a new school of the sheet takes.
  for (const u of plan.updates) {
    const column = u.field === 'code' ? 'code' : 'centre_name';
    const from = u.field === 'code' ? u.unit.code : u.unit.centre_name;
    await updateUnit(tx, u.unit.id, { [column]: u.value });
    await ctx.audit(tx, {
      action: 'org.unit_update',
      targetType: 'org_unit',
      targetId: u.unit.id,
      placement: placementOfUnit(u.unit),
      binding: u.binding,
      detail: { kind: u.unit.kind, [u.field]: { from, to: u.value }, source: 'import' },
    });
  }
  const sorts = new Map<string, number>();
  // Parents come before their children: plan.units is in the order rows first named them.
  for (const node of plan.units) {
    const parent = node.parent
      ? node.parent.unit!
      : await tx.selectFrom('org_unit').selectAll().where('id', '=', cityId).executeTakeFirstOrThrow();
    let sort: number;
    if (node.kind === 'grade') sort = node.gradeLevel!;
    else {
      sort = sorts.get(parent.id) ?? (await nextSort(tx, parent.id));
      sorts.set(parent.id, sort + 1);
    }
    node.unit = await insertUnit(
      tx,
      newUnitRow(parent, {
        kind: node.kind,
        name: node.name,
        nameEn: node.nameEn,
        code: node.code,
        stage: node.stage,
        gradeLevel: node.gradeLevel,
        classNo: node.classNo,
        centreName: node.centreName,
        sort,
        partnerHospitalId: node.hospitalName ? hospitalIds.get(node.hospitalName) : null,
      }),
    );
    await ctx.audit(tx, {
      action: 'org.unit_create',
      targetType: 'org_unit',
      targetId: node.unit.id,
      placement: placementOfUnit(node.unit),
      binding: node.binding,
      detail: {
        kind: node.kind,
        parentId: parent.id,
        name: node.name,
        stage: node.stage,
        gradeLevel: node.gradeLevel,
        source: 'import',
        ...(node.hospitalName ? { partnerHospitalId: hospitalIds.get(node.hospitalName) } : {}),
      },
    });
  }
  for (const p of plan.partners) {
    const school = p.school.unit!;
    const hospitalId = hospitalIds.get(p.hospital)!;
    await updateUnit(tx, school.id, { partner_hospital_id: hospitalId });
    await ctx.audit(tx, {
      action: 'org.unit_update',
      targetType: 'org_unit',
      targetId: school.id,
      placement: placementOfUnit(school),
      binding: p.binding,
      detail: {
        kind: 'school',
        partnerHospitalId: { from: school.partner_hospital_id, to: hospitalId },
        source: 'import',
      },
    });
  }
}
