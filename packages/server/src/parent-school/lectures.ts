import { chinaDateOf } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { notFound, Problem } from '../http/problem.js';
import { placementOfUnit } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import { insertRecord } from '../supervision/records.js';
import { enqueueNotifications } from '../warning/notify.js';
import { getWarningSettings } from '../warning/settings.js';

/**
 * 家长学校: a school's lectures for the guardians of some of its grades, and who attended. A lecture is
 * also the school's guardian_lecture supervision record for each of its grades, written in the same
 * transaction, so the supervision indicator (≥2 lectures per grade per term, Jinan) counts it.
 */
type Db = Kysely<Database>;

const MESSAGES = {
  'grade-required': { 'zh-CN': '请选择本校的年级。', en: 'Choose grades of this school.' },
  'not-held': { 'zh-CN': '讲座尚未举行，举行后才能登记参加。', en: 'The lecture has not taken place yet.' },
  'notice.title': { 'zh-CN': '家长学校讲座通知', en: 'A parent school lecture' },
  'notice.body': {
    'zh-CN': '{school} 将于 {date} 举办家长学校讲座“{title}”，请在育心平台“我的家庭”中查看。',
    en: '{school} holds the parent school lecture "{title}" on {date}. See "My family" in Yuxin.',
  },
} as const;
const msg = (key: keyof typeof MESSAGES, locale: Locale, params: Record<string, string> = {}) =>
  MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');

const invalid = (locale: Locale, field: string, key: keyof typeof MESSAGES) =>
  new Problem('validation', { errors: [{ field, key: 'field.invalid', message: msg(key, locale) }] });

export interface LectureInput {
  schoolId: string;
  title: string;
  heldAt: string;
  hours: number;
  gradeIds: string[];
}

export async function createLecture(ctx: ServiceContext, input: LectureInput) {
  const school = await ctx.db
    .selectFrom('org_unit')
    .selectAll()
    .where('id', '=', input.schoolId)
    .where('kind', '=', 'school')
    .executeTakeFirst();
  if (!school) throw notFound();
  const binding = ctx.access.require('supervision.record', placementOfUnit(school));
  const gradeIds = [...new Set(input.gradeIds)];
  const grades = await ctx.db
    .selectFrom('org_unit')
    .select('id')
    .where('id', 'in', gradeIds)
    .where('kind', '=', 'grade')
    .where('school_id', '=', school.id)
    .execute();
  if (grades.length !== gradeIds.length) throw invalid(ctx.locale, '/gradeIds', 'grade-required');
  const heldAt = new Date(input.heldAt);
  const title = input.title.trim();
  return ctx.db.transaction().execute(async (tx) => {
    const lecture = await tx
      .insertInto('parent_lecture')
      .values({
        city_id: school.city_id,
        district_id: school.district_id!,
        school_id: school.id,
        title,
        held_at: heldAt,
        hours: input.hours,
        created_by: ctx.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('parent_lecture_grade')
      .values(gradeIds.map((g) => ({ lecture_id: lecture.id, grade_id: g })))
      .execute();
    for (const gradeId of gradeIds)
      await insertRecord(
        tx,
        school,
        { kind: 'guardian_lecture', occurredOn: chinaDateOf(heldAt), hours: input.hours, gradeId, topic: title },
        ctx.actorId,
      );
    const told = await notifyGuardians(tx, lecture.id, school, gradeIds, title, heldAt);
    await ctx.audit(tx, {
      action: 'parent_lecture.create',
      targetType: 'parent_lecture',
      targetId: lecture.id,
      placement: placementOfUnit(school),
      binding,
      detail: { grades: gradeIds.length, hours: input.hours, told },
    });
    return { id: lecture.id, title, heldAt: heldAt.toISOString(), hours: input.hours, gradeIds, told };
  });
}

/** The guardians of the grades' students who have an account hear of the lecture in the app. */
async function notifyGuardians(
  tx: Db,
  lectureId: string,
  school: { id: string; city_id: string; name_zh: string },
  gradeIds: string[],
  title: string,
  heldAt: Date,
): Promise<number> {
  const rows = await tx
    .selectFrom('student as s')
    .innerJoin('student_guardian as sg', 'sg.student_id', 's.id')
    .innerJoin('user_account as u', 'u.guardian_id', 'sg.guardian_id')
    .select('u.id')
    .distinct()
    .where('s.school_id', '=', school.id)
    .where('s.grade_id', 'in', gradeIds)
    .where('u.kind', '=', 'guardian')
    .where('u.disabled_at', 'is', null)
    .execute();
  const users = rows.map((r) => r.id);
  if (users.length === 0) return 0;
  const { channels } = await getWarningSettings(tx, school.city_id);
  const date = chinaDateOf(heldAt);
  await enqueueNotifications(tx, {
    users,
    payload: {
      kind: 'lecture.scheduled',
      lectureId,
      title: { 'zh-CN': msg('notice.title', 'zh-CN'), en: msg('notice.title', 'en') },
      body: {
        'zh-CN': msg('notice.body', 'zh-CN', { school: school.name_zh, date, title }),
        en: msg('notice.body', 'en', { school: school.name_zh, date, title }),
      },
    },
    channels,
    dedupePrefix: `lecture:${lectureId}`,
  });
  return users.length;
}

/** The guardian of the signed-in account; the guardian is never named in the request. */
async function guardianOf(db: Db, userId: string) {
  const row = await db.selectFrom('user_account').select('guardian_id').where('id', '=', userId).executeTakeFirst();
  return row?.guardian_id ?? null;
}

/** Lectures of their children's schools and grades, whether they attended, and their hours so far. */
export async function listMyLectures(ctx: ServiceContext) {
  const childIds = ctx.access
    .scopes('parent_school.attend')
    .filter((s) => s.level === 'person')
    .map((s) => s.id);
  const guardianId = await guardianOf(ctx.db, ctx.actorId);
  if (childIds.length === 0 || !guardianId) return { items: [], attendedHours: 0 };
  const rows = await ctx.db
    .selectFrom('parent_lecture as l')
    .innerJoin('org_unit as sch', 'sch.id', 'l.school_id')
    .leftJoin('parent_lecture_attendance as a', (j) =>
      j.onRef('a.lecture_id', '=', 'l.id').on('a.guardian_id', '=', guardianId),
    )
    .select(['l.id', 'l.title', 'l.held_at', 'l.hours', 'sch.name_zh as school_name', 'a.recorded_at'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('parent_lecture_grade as g')
          .innerJoin('student as s', (j) =>
            j.onRef('s.grade_id', '=', 'g.grade_id').onRef('s.school_id', '=', 'l.school_id'),
          )
          .select('g.lecture_id')
          .whereRef('g.lecture_id', '=', 'l.id')
          .where('s.id', 'in', childIds),
      ),
    )
    .orderBy('l.held_at', 'desc')
    .orderBy('l.id')
    .limit(50)
    .execute();
  const now = ctx.clock();
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    schoolName: r.school_name,
    heldAt: r.held_at.toISOString(),
    hours: Number(r.hours),
    held: r.held_at <= now,
    attended: r.recorded_at !== null,
  }));
  const attendedHours = items.filter((i) => i.attended).reduce((n, i) => n + i.hours, 0);
  return { items, attendedHours };
}

/** A guardian marks a lecture attended; only one of their children's lectures, and only once it was held. */
export async function attendLecture(ctx: ServiceContext, lectureId: string) {
  const guardianId = await guardianOf(ctx.db, ctx.actorId);
  if (!guardianId) throw notFound();
  const mine = await listMyLectures(ctx);
  const item = mine.items.find((i) => i.id === lectureId);
  if (!item) throw notFound();
  if (!item.held) throw new Problem('conflict', { detail: msg('not-held', ctx.locale) });
  const lecture = await ctx.db
    .selectFrom('parent_lecture')
    .select(['id', 'city_id', 'district_id', 'school_id'])
    .where('id', '=', lectureId)
    .executeTakeFirstOrThrow();
  await ctx.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('parent_lecture_attendance')
      .values({
        lecture_id: lecture.id,
        guardian_id: guardianId,
        city_id: lecture.city_id,
        district_id: lecture.district_id,
        school_id: lecture.school_id,
        source: 'guardian',
        recorded_by: ctx.actorId,
      })
      .onConflict((oc) => oc.columns(['lecture_id', 'guardian_id']).doNothing())
      .returning('lecture_id')
      .executeTakeFirst();
    // A repeated tap changes nothing and writes nothing.
    if (inserted)
      await ctx.audit(tx, {
        action: 'parent_lecture.attend',
        targetType: 'parent_lecture',
        targetId: lecture.id,
        placement: { cityId: lecture.city_id, districtId: lecture.district_id, schoolId: lecture.school_id },
      });
  });
  return { id: lecture.id, attended: true, attendedHours: mine.attendedHours + (item.attended ? 0 : item.hours) };
}
