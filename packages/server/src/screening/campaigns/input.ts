import { chinaDateOf } from '@yuxin/core';
import type { RoleBinding } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { RequestAccess } from '../../access/request-access.js';
import type { Database, OrgUnit } from '../../db/types.js';
import type { Locale } from '../../http/locale.js';
import { notFound, type FieldError } from '../../http/problem.js';
import { placementOfStudent, placementOfUnit } from '../../org/placement.js';
import { getScreeningSettings, type ScreeningSettings } from '../settings.js';
import type { InstrumentSet } from './instrument-sets.js';
import { checkInstrumentSets, type PinnedInstrument } from './instrument-sets.js';
import { fieldError, invalid, tc } from './messages.js';
import { schoolYearContaining, termOfDay } from './period.js';

export type CampaignKind = 'universal' | 'intake' | 'targeted' | 'monitoring';

/** A campaign as the client describes it; on a change, the stored values fill what the client left out. */
export interface CampaignInput {
  kind: CampaignKind;
  name: string;
  schoolYear?: string;
  term?: 1 | 2 | null;
  opensAt: string | Date;
  closesAt?: string | Date;
  noticeZh?: string;
  noticeEn?: string;
  targetIds: string[];
  studentIds: string[];
  /** Undefined on a change that keeps the pinned instruments as they are. */
  instrumentSets?: InstrumentSet[];
}

export interface CheckedCampaign {
  kind: CampaignKind;
  name: string;
  schoolYear: string;
  term: 1 | 2 | null;
  opensAt: Date;
  closesAt: Date;
  noticeZh: string;
  noticeEn: string;
  consentRequiredUnderAge: number;
  targetIds: string[];
  studentIds: string[];
  instruments?: PinnedInstrument[];
}

const MAX_WINDOW_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;
const OWNER_KINDS = new Set(['city', 'district', 'school']);
const TARGET_KINDS = new Set(['city', 'district', 'school', 'grade', 'class']);

/** The unit that will own a campaign, if the actor may manage campaigns there; 404 otherwise. */
export async function requireOwner(
  db: Kysely<Database>,
  access: RequestAccess,
  ownerId: string,
  locale: Locale,
): Promise<{ owner: OrgUnit; binding: RoleBinding }> {
  const owner = await db.selectFrom('org_unit').selectAll().where('id', '=', ownerId).executeTakeFirst();
  if (!owner) throw notFound();
  const binding = access.require('campaign.manage', placementOfUnit(owner));
  if (!OWNER_KINDS.has(owner.kind)) throw invalid([fieldError(locale, '/ownerId', 'owner.kind')]);
  return { owner, binding };
}

/** Whether a unit or student (by its ancestry ids) lies in the owner's subtree. */
function insideOwner(
  owner: OrgUnit,
  ancestry: { city_id: string; district_id: string | null; school_id: string | null },
): boolean {
  if (owner.kind === 'city') return ancestry.city_id === owner.id;
  if (owner.kind === 'district') return ancestry.district_id === owner.id;
  return ancestry.school_id === owner.id;
}

/**
 * Checks a whole campaign and fills defaults from the city's settings. Targets and students the actor
 * cannot manage answer 404 like any record outside their scope; the rest of what is wrong comes back as
 * field errors in one 400.
 */
export async function checkCampaign(
  db: Kysely<Database>,
  access: RequestAccess,
  locale: Locale,
  owner: OrgUnit,
  input: CampaignInput,
  opts: { now?: Date; settings?: ScreeningSettings } = {},
): Promise<CheckedCampaign> {
  const now = opts.now ?? new Date();
  const settings = opts.settings ?? (await getScreeningSettings(db, owner.city_id));
  const errors: FieldError[] = [];

  const name = input.name.trim();
  if (!name) errors.push(fieldError(locale, '/name', 'name.blank'));
  if (!settings.campaignKinds.includes(input.kind))
    errors.push(fieldError(locale, '/kind', 'kind.not-enabled', { kind: tc(`kind.${input.kind}`, locale) }));

  const opensAt = new Date(input.opensAt);
  const closesAt = input.closesAt
    ? new Date(input.closesAt)
    : new Date(opensAt.getTime() + settings.defaultWindowDays * DAY_MS);
  if (closesAt <= opensAt) errors.push(fieldError(locale, '/closesAt', 'window.order'));
  else if (closesAt <= now) errors.push(fieldError(locale, '/closesAt', 'window.past'));
  else if (closesAt.getTime() - opensAt.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    errors.push(fieldError(locale, '/closesAt', 'window.too-long', { days: MAX_WINDOW_DAYS }));

  const monitoring = input.kind === 'monitoring';
  const targetIds = monitoring ? input.targetIds : input.targetIds.length ? input.targetIds : [owner.id];
  if (monitoring && targetIds.length) errors.push(fieldError(locale, '/targetIds', 'targets.for-monitoring'));
  if (monitoring && input.studentIds.length === 0) errors.push(fieldError(locale, '/studentIds', 'students.required'));
  if (!monitoring && input.studentIds.length)
    errors.push(fieldError(locale, '/studentIds', 'students.only-monitoring'));

  errors.push(...(await checkTargets(db, access, locale, owner, monitoring ? [] : targetIds)));
  errors.push(...(await checkStudents(db, access, locale, owner, monitoring ? input.studentIds : [])));

  let instruments: PinnedInstrument[] | undefined;
  if (input.instrumentSets) {
    const checked = await checkInstrumentSets(db, input.instrumentSets, locale, '/instrumentSets');
    errors.push(...checked.errors);
    instruments = checked.pinned;
  }
  if (errors.length) throw invalid(errors);

  // The school year and term a campaign counts towards follow from its opening day unless the client says.
  const year = await schoolYearContaining(db, owner.city_id, chinaDateOf(opensAt));
  return {
    kind: input.kind,
    name,
    schoolYear: input.schoolYear ?? year.code,
    term:
      input.term !== undefined
        ? input.term
        : input.schoolYear && input.schoolYear !== year.code
          ? null
          : termOfDay(year, chinaDateOf(opensAt)),
    opensAt,
    closesAt,
    noticeZh: input.noticeZh ?? tc('notice.default', 'zh-CN'),
    noticeEn: input.noticeEn ?? tc('notice.default', 'en'),
    consentRequiredUnderAge: settings.consentRequiredUnderAge,
    targetIds: monitoring ? [] : targetIds,
    studentIds: monitoring ? input.studentIds : [],
    instruments,
  };
}

async function checkTargets(
  db: Kysely<Database>,
  access: RequestAccess,
  locale: Locale,
  owner: OrgUnit,
  ids: string[],
): Promise<FieldError[]> {
  if (ids.length === 0) return [];
  const units = await db.selectFrom('org_unit').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    const unit = byId.get(id);
    if (!unit) throw notFound();
    access.require('campaign.manage', placementOfUnit(unit));
    if (!TARGET_KINDS.has(unit.kind)) errors.push(fieldError(locale, `/targetIds/${i}`, 'target.kind'));
    else if (!insideOwner(owner, unit))
      errors.push(fieldError(locale, `/targetIds/${i}`, 'target.outside-owner', { name: unit.name_zh }));
  });
  return errors;
}

async function checkStudents(
  db: Kysely<Database>,
  access: RequestAccess,
  locale: Locale,
  owner: OrgUnit,
  ids: string[],
): Promise<FieldError[]> {
  if (ids.length === 0) return [];
  const students = await db
    .selectFrom('student')
    .select(['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute();
  const byId = new Map(students.map((s) => [s.id, s]));
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    const s = byId.get(id);
    if (!s) throw notFound();
    access.require('campaign.manage', placementOfStudent(s));
    if (!insideOwner(owner, s)) errors.push(fieldError(locale, `/studentIds/${i}`, 'student.outside-owner'));
  });
  return errors;
}
