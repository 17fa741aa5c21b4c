import {
  ACTIVITY_KINDS,
  authorizeActivity,
  chinaDateOf,
  CLASS_ACTIVITY_KINDS,
  type ActivityKind,
  type OrgPlacement,
  type RoleBinding,
} from '@yuxin/core';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { ActivityTable, Database } from '../db/types.js';
import { decryptOptional, encryptOptional } from '../crypto/field-crypto.js';
import { notFound, Problem } from '../http/problem.js';
import { placementOf, placementOfUnit } from '../org/placement.js';
import { schoolYearContaining, termOfDay } from '../screening/campaigns/period.js';
import type { ServiceContext } from '../services/context.js';
import { activityInvalid, am } from './messages.js';

/**
 * 活动台账: the school's activities, each counted once in its term's supervision. Head teachers enter their
 * own class's theme meetings; psychology teachers and leaders any kind for the school (core decides which).
 * An entry is corrected or voided with a reason, never deleted: supervision counts must stay explainable.
 */
type Db = Kysely<Database>;
type Row = Pick<
  Selectable<ActivityTable>,
  | 'city_id'
  | 'district_id'
  | 'school_id'
  | 'grade_id'
  | 'class_id'
  | 'kind'
  | 'title'
  | 'held_on'
  | 'school_year'
  | 'term'
  | 'participants'
  | 'hours'
  | 'notes_enc'
  | 'recorded_by'
  | 'voided_at'
  | 'void_reason'
> & { id: string; created_at: Date };

export interface ActivityInput {
  clientId: string;
  schoolId: string;
  classId?: string;
  kind: ActivityKind;
  title: string;
  heldOn: string;
  participants: number;
  hours: number;
  notes?: string;
}

export interface ActivityPatch {
  title?: string;
  heldOn?: string;
  participants?: number;
  hours?: number;
  notes?: string | null;
}

/**
 * The one decision for an activity at a place. Out of scope is 404 (another school's records are not
 * revealed) except for a head teacher of the same school: the other classes are known to them, so 403.
 */
async function requireActivity(ctx: ServiceContext, kind: ActivityKind, placement: OrgPlacement): Promise<RoleBinding> {
  const decision = authorizeActivity(ctx.access.actor, kind, placement);
  if (decision.allowed) return decision.binding;
  if (decision.reason === 'no_role') throw new Problem('forbidden');
  if (decision.reason === 'kind') throw new Problem('forbidden', { detail: am('kind.not-yours', ctx.locale) });
  const classes = ctx.access
    .scopes('activity.record')
    .filter((s) => s.level === 'class')
    .map((s) => s.id);
  if (classes.length && placement.schoolId) {
    const same = await ctx.db
      .selectFrom('org_unit')
      .select('id')
      .where('id', 'in', classes)
      .where('school_id', '=', placement.schoolId)
      .executeTakeFirst();
    if (same) throw new Problem('forbidden', { detail: am('kind.not-yours', ctx.locale) });
  }
  throw notFound();
}

const view = (r: Row, ctx: ServiceContext, names: Map<string, string>, classNames: Map<string, string>) => ({
  id: r.id,
  schoolId: r.school_id,
  classId: r.class_id,
  className: r.class_id ? (classNames.get(r.class_id) ?? null) : null,
  kind: r.kind,
  title: r.title,
  heldOn: r.held_on,
  schoolYear: r.school_year,
  term: r.term as 1 | 2,
  participants: r.participants,
  hours: Number(r.hours),
  notes: decryptOptional(r.notes_enc),
  recordedByName: names.get(r.recorded_by) ?? '',
  recordedAt: r.created_at.toISOString(),
  voided: r.voided_at !== null,
  voidReason: r.void_reason,
  // Whether the reader may correct or void it: the same rule that let it be recorded.
  mine: !r.voided_at && authorizeActivity(ctx.access.actor, r.kind, placementOf(r)).allowed,
});
export type ActivityView = ReturnType<typeof view>;

async function namesOf(db: Db, rows: Row[]) {
  const users = [...new Set(rows.map((r) => r.recorded_by))];
  const classes = [...new Set(rows.flatMap((r) => (r.class_id ? [r.class_id] : [])))];
  const [u, c] = await Promise.all([
    users.length ? db.selectFrom('user_account').select(['id', 'display_name']).where('id', 'in', users).execute() : [],
    classes.length
      ? db
          .selectFrom('org_unit as c')
          .innerJoin('org_unit as g', 'g.id', 'c.grade_id')
          .select(['c.id', 'g.name_zh as grade', 'c.name_zh as name'])
          .where('c.id', 'in', classes)
          .execute()
      : [],
  ]);
  return {
    names: new Map(u.map((x) => [x.id, x.display_name])),
    classNames: new Map(c.map((x) => [x.id, `${x.grade}${x.name}`])),
  };
}

const COLUMNS = [
  'id',
  'city_id',
  'district_id',
  'school_id',
  'grade_id',
  'class_id',
  'kind',
  'title',
  'held_on',
  'school_year',
  'term',
  'participants',
  'hours',
  'notes_enc',
  'recorded_by',
  'voided_at',
  'void_reason',
  'created_at',
] as const;

async function viewOne(ctx: ServiceContext, db: Db, id: string) {
  const row = await db.selectFrom('activity').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
  const { names, classNames } = await namesOf(db, [row]);
  return view(row, ctx, names, classNames);
}

function checkDate(ctx: ServiceContext, heldOn: string) {
  if (heldOn > chinaDateOf(ctx.clock())) throw activityInvalid(ctx.locale, '/heldOn', 'date.future');
}

const trimmedNotes = (notes: string | null | undefined) => (notes?.trim() ? notes.trim() : null);

/** Records an activity; a retry with the same client id answers with the entry already made. */
export async function recordActivity(ctx: ServiceContext, input: ActivityInput) {
  const existing = await ctx.db
    .selectFrom('activity')
    .select('id')
    .where('recorded_by', '=', ctx.actorId)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (existing) return { created: false, activity: await viewOne(ctx, ctx.db, existing.id) };

  const school = await ctx.db
    .selectFrom('org_unit')
    .selectAll()
    .where('id', '=', input.schoolId)
    .where('kind', '=', 'school')
    .executeTakeFirst();
  if (!school) throw notFound();
  let unit = school;
  if (input.classId) {
    const cls = await ctx.db
      .selectFrom('org_unit')
      .selectAll()
      .where('id', '=', input.classId)
      .where('kind', '=', 'class')
      .where('school_id', '=', school.id)
      .executeTakeFirst();
    // Access first: whether the school is the actor's decides 404 before the class is judged.
    if (!cls) {
      await requireActivity(ctx, input.kind, placementOfUnit(school));
      throw activityInvalid(ctx.locale, '/classId', 'class.unknown');
    }
    unit = cls;
  }
  const placement = placementOfUnit(unit);
  if (CLASS_ACTIVITY_KINDS.includes(input.kind) && !input.classId) {
    // A head teacher has no school-wide scope; tell them what is missing rather than that they may not.
    await requireActivity(ctx, input.kind, { ...placement, classId: null }).catch((e: unknown) => {
      if (!(e instanceof Problem) || e.kind === 'not-found') throw e;
    });
    throw activityInvalid(ctx.locale, '/classId', 'class.required');
  }
  const binding = await requireActivity(ctx, input.kind, placement);
  const title = input.title.trim();
  if (!title) throw activityInvalid(ctx.locale, '/title', 'title.required');
  checkDate(ctx, input.heldOn);

  return ctx.db.transaction().execute(async (tx) => {
    const year = await schoolYearContaining(tx, school.city_id, input.heldOn);
    const row = await tx
      .insertInto('activity')
      .values({
        city_id: school.city_id,
        district_id: school.district_id!,
        school_id: school.id,
        grade_id: placement.gradeId ?? null,
        class_id: placement.classId ?? null,
        kind: input.kind,
        title,
        held_on: input.heldOn,
        school_year: year.code,
        term: termOfDay(year, input.heldOn),
        participants: input.participants,
        hours: input.hours,
        notes_enc: encryptOptional(trimmedNotes(input.notes)),
        recorded_by: ctx.actorId,
        client_id: input.clientId,
        voided_at: null,
        voided_by: null,
        void_reason: null,
      })
      .onConflict((oc) => oc.columns(['recorded_by', 'client_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      // A concurrent retry won the insert.
      const won = await tx
        .selectFrom('activity')
        .select('id')
        .where('recorded_by', '=', ctx.actorId)
        .where('client_id', '=', input.clientId)
        .executeTakeFirstOrThrow();
      return { created: false, activity: await viewOne(ctx, tx, won.id) };
    }
    await ctx.audit(tx, {
      action: 'activity.record',
      targetType: 'activity',
      targetId: row.id,
      placement,
      binding,
      detail: { kind: input.kind, heldOn: input.heldOn, participants: input.participants, hours: input.hours },
    });
    return { created: true, activity: await viewOne(ctx, tx, row.id) };
  });
}

/**
 * The activities in the actor's scopes (a head teacher: their classes'), newest first, optionally of one
 * school and term. Reading notes is audited, one entry per school shown.
 */
export async function listActivities(
  ctx: ServiceContext,
  q: { schoolId?: string; schoolYear?: string; term?: 1 | 2; kind?: ActivityKind },
) {
  let query = ctx.db
    .selectFrom('activity')
    .select(COLUMNS)
    .where(
      ctx.access.filter('activity.record', {
        city: 'city_id',
        district: 'district_id',
        school: 'school_id',
        grade: 'grade_id',
        class: 'class_id',
      }),
    );
  if (q.schoolId) query = query.where('school_id', '=', q.schoolId);
  if (q.schoolYear) query = query.where('school_year', '=', q.schoolYear);
  if (q.term) query = query.where('term', '=', q.term);
  if (q.kind) query = query.where('kind', '=', q.kind);
  const rows = await query.orderBy('held_on', 'desc').orderBy('created_at', 'desc').limit(500).execute();
  for (const schoolId of new Set(rows.filter((r) => r.notes_enc).map((r) => r.school_id))) {
    const ofSchool = rows.filter((r) => r.school_id === schoolId && r.notes_enc);
    await ctx.audit(ctx.db, {
      action: 'activity.read',
      targetType: 'activity',
      targetId: ofSchool[0]!.id,
      placement: { ...placementOf(ofSchool[0]!), gradeId: null, classId: null },
      detail: { activityIds: ofSchool.map((r) => r.id) },
    });
  }
  const { names, classNames } = await namesOf(ctx.db, rows);
  const items = rows.map((r) => view(r, ctx, names, classNames));
  // The per-kind counts of the entries shown that count (not voided): what supervision will see.
  const counts = Object.fromEntries(
    ACTIVITY_KINDS.map((k) => [k, items.filter((i) => i.kind === k && !i.voided).length]),
  ) as Record<ActivityKind, number>;
  return { items, counts };
}

async function loadForChange(ctx: ServiceContext, id: string) {
  const row = await ctx.db.selectFrom('activity').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const binding = await requireActivity(ctx, row.kind, placementOf(row));
  return { row, binding };
}

/** Corrects an entry's title, date, participants, hours or notes; the date decides its term again. */
export async function updateActivity(ctx: ServiceContext, id: string, patch: ActivityPatch) {
  const { row, binding } = await loadForChange(ctx, id);
  if (row.voided_at) throw new Problem('conflict', { detail: am('voided', ctx.locale) });
  const title = patch.title === undefined ? undefined : patch.title.trim();
  if (title === '') throw activityInvalid(ctx.locale, '/title', 'title.required');
  if (patch.heldOn !== undefined) checkDate(ctx, patch.heldOn);
  return ctx.db.transaction().execute(async (tx) => {
    const set: Updateable<ActivityTable> = {};
    if (title !== undefined) set.title = title;
    if (patch.heldOn !== undefined && patch.heldOn !== row.held_on) {
      const year = await schoolYearContaining(tx, row.city_id, patch.heldOn);
      set.held_on = patch.heldOn;
      set.school_year = year.code;
      set.term = termOfDay(year, patch.heldOn);
    }
    if (patch.participants !== undefined) set.participants = patch.participants;
    if (patch.hours !== undefined) set.hours = patch.hours;
    if (patch.notes !== undefined) set.notes_enc = encryptOptional(trimmedNotes(patch.notes));
    const fields = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
    if (fields.length) {
      await tx
        .updateTable('activity')
        .set({ ...set, updated_at: ctx.clock() })
        .where('id', '=', id)
        .execute();
      await ctx.audit(tx, {
        action: 'activity.update',
        targetType: 'activity',
        targetId: id,
        placement: placementOf(row),
        binding,
        detail: { fields },
      });
    }
    return viewOne(ctx, tx, id);
  });
}

/** Voids an entry with a reason; it stays listed but no longer counts. Voiding twice changes nothing. */
export async function voidActivity(ctx: ServiceContext, id: string, reason: string) {
  const { row, binding } = await loadForChange(ctx, id);
  const why = reason.trim();
  if (!why) throw activityInvalid(ctx.locale, '/reason', 'reason.required');
  if (row.voided_at) return viewOne(ctx, ctx.db, id);
  return ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('activity')
      .set({ voided_at: ctx.clock(), voided_by: ctx.actorId, void_reason: why, updated_at: ctx.clock() })
      .where('id', '=', id)
      .where('voided_at', 'is', null)
      .execute();
    await ctx.audit(tx, {
      action: 'activity.void',
      targetType: 'activity',
      targetId: id,
      placement: placementOf(row),
      binding,
      detail: { kind: row.kind, schoolYear: row.school_year, term: row.term },
    });
    return viewOne(ctx, tx, id);
  });
}
