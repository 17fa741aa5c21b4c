import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { notFound, Problem } from '../http/problem.js';
import { placementOfUnit } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';

/**
 * 家长学校 for the school's staff: the lectures with their attendance counts, and attendance taken on site
 * (a teacher ticks the guardians present from the grade's list). A guardian marked both by staff and by
 * themself in the app is one attendance: the store keeps one row per lecture and guardian, and the first
 * mark stands.
 */
type Db = Kysely<Database>;

const MESSAGES = {
  'not-held': {
    'zh-CN': '讲座尚未举行，举行后才能登记出席。',
    en: 'The lecture has not taken place yet: attendance is taken once it has.',
  },
  'not-invited': {
    'zh-CN': '只能登记本讲座所面向年级的学生家长。',
    en: "Only guardians of the lecture's grades can be marked present.",
  },
} as const;
const msg = (key: keyof typeof MESSAGES, locale: Locale) => MESSAGES[key][locale];

/** Enough for two years of a large school's lectures; older ones are in the supervision records. */
const LIST_LIMIT = 200;
/** A grade of 20 classes with two guardians per student. */
const GUARDIANS_LIMIT = 2000;

async function schoolUnit(db: Db, schoolId: string) {
  const school = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('id', '=', schoolId)
    .where('kind', '=', 'school')
    .executeTakeFirst();
  if (!school) throw notFound();
  return school;
}

/** The lecture and its school, with the staff policy applied to the school. */
async function staffLecture(ctx: ServiceContext, lectureId: string) {
  const lecture = await ctx.db.selectFrom('parent_lecture').selectAll().where('id', '=', lectureId).executeTakeFirst();
  if (!lecture) throw notFound();
  const school = await schoolUnit(ctx.db, lecture.school_id);
  const binding = ctx.access.require('supervision.record', placementOfUnit(school));
  return { lecture, school, binding };
}

/** Guardians of the active students of the lecture's grades: who may attend it. */
function invitedGuardians(db: Db, lectureId: string, schoolId: string) {
  return db
    .selectFrom('parent_lecture_grade as lg')
    .innerJoin('student as s', (j) => j.onRef('s.grade_id', '=', 'lg.grade_id').on('s.school_id', '=', schoolId))
    .innerJoin('student_guardian as sg', 'sg.student_id', 's.id')
    .where('lg.lecture_id', '=', lectureId)
    .where('s.status', '=', 'active');
}

/** The school's lectures, newest first, with the grades they are for and how many guardians came. */
export async function listSchoolLectures(ctx: ServiceContext, schoolId: string) {
  const school = await schoolUnit(ctx.db, schoolId);
  ctx.access.require('supervision.record', placementOfUnit(school));
  const [grades, lectures] = await Promise.all([
    ctx.db
      .selectFrom('org_unit')
      .select(['id', 'name_zh'])
      .where('school_id', '=', school.id)
      .where('kind', '=', 'grade')
      .orderBy('grade_level')
      .execute(),
    ctx.db
      .selectFrom('parent_lecture as l')
      .select([
        'l.id',
        'l.title',
        'l.held_at',
        'l.hours',
        (eb) =>
          eb
            .selectFrom('parent_lecture_attendance as a')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('a.lecture_id', '=', 'l.id')
            .where('a.source', '=', 'guardian')
            .as('by_guardian'),
        (eb) =>
          eb
            .selectFrom('parent_lecture_attendance as a')
            .select(sql<number>`count(*)::int`.as('n'))
            .whereRef('a.lecture_id', '=', 'l.id')
            .where('a.source', '=', 'staff')
            .as('by_staff'),
      ])
      .where('l.school_id', '=', school.id)
      .orderBy('l.held_at', 'desc')
      .orderBy('l.id')
      .limit(LIST_LIMIT)
      .execute(),
  ]);
  const ids = lectures.map((l) => l.id);
  const [lectureGrades, invited] = ids.length
    ? await Promise.all([
        ctx.db
          .selectFrom('parent_lecture_grade')
          .select(['lecture_id', 'grade_id'])
          .where('lecture_id', 'in', ids)
          .execute(),
        ctx.db
          .selectFrom('parent_lecture_grade as lg')
          .innerJoin('student as s', (j) => j.onRef('s.grade_id', '=', 'lg.grade_id').on('s.school_id', '=', school.id))
          .innerJoin('student_guardian as sg', 'sg.student_id', 's.id')
          .select(['lg.lecture_id', sql<number>`count(distinct sg.guardian_id)::int`.as('n')])
          .where('lg.lecture_id', 'in', ids)
          .where('s.status', '=', 'active')
          .groupBy('lg.lecture_id')
          .execute(),
      ])
    : [[], []];
  const gradeName = new Map(grades.map((g) => [g.id, g.name_zh]));
  const invitedBy = new Map(invited.map((r) => [r.lecture_id, r.n]));
  const now = ctx.clock();
  return {
    grades: grades.map((g) => ({ id: g.id, name: g.name_zh })),
    items: lectures.map((l) => {
      const byGuardian = Number(l.by_guardian ?? 0);
      const byStaff = Number(l.by_staff ?? 0);
      return {
        id: l.id,
        title: l.title,
        heldAt: l.held_at.toISOString(),
        hours: Number(l.hours),
        held: l.held_at <= now,
        grades: lectureGrades
          .filter((g) => g.lecture_id === l.id)
          .map((g) => ({ id: g.grade_id, name: gradeName.get(g.grade_id) ?? '' })),
        attendance: { byGuardian, byStaff, total: byGuardian + byStaff, invited: invitedBy.get(l.id) ?? 0 },
      };
    }),
  };
}

/**
 * The guardians of the lecture's grades, for ticking who is in the room: name, relation and child's class,
 * and whether (and by whom) they are marked. Audited: it lists families by name.
 */
export async function lectureGuardians(ctx: ServiceContext, lectureId: string) {
  const { lecture, school, binding } = await staffLecture(ctx, lectureId);
  const rows = await invitedGuardians(ctx.db, lecture.id, school.id)
    .innerJoin('guardian as gd', 'gd.id', 'sg.guardian_id')
    .innerJoin('org_unit as c', 'c.id', 's.class_id')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .leftJoin('parent_lecture_attendance as a', (j) =>
      j.on('a.lecture_id', '=', lecture.id).onRef('a.guardian_id', '=', 'sg.guardian_id'),
    )
    .select([
      'sg.guardian_id',
      'gd.name as guardian_name',
      'sg.relation',
      's.name as student_name',
      'g.name_zh as grade_name',
      'c.name_zh as class_name',
      'a.source',
    ])
    .orderBy('g.grade_level')
    .orderBy('c.class_no')
    .orderBy('s.name')
    .orderBy('gd.name')
    .limit(GUARDIANS_LIMIT)
    .execute();
  // A guardian of two children in the lecture's grades is one row, with both children.
  const byGuardian = new Map<
    string,
    {
      id: string;
      name: string;
      children: { name: string; className: string; relation: string }[];
      attended: 'guardian' | 'staff' | null;
    }
  >();
  for (const r of rows) {
    const entry = byGuardian.get(r.guardian_id) ?? {
      id: r.guardian_id,
      name: r.guardian_name,
      children: [],
      attended: r.source ?? null,
    };
    entry.children.push({ name: r.student_name, className: `${r.grade_name}${r.class_name}`, relation: r.relation });
    byGuardian.set(r.guardian_id, entry);
  }
  const items = [...byGuardian.values()];
  await ctx.audit(ctx.db, {
    action: 'parent_lecture.guardians.read',
    targetType: 'parent_lecture',
    targetId: lecture.id,
    placement: placementOfUnit(school),
    binding,
    detail: { returned: items.length },
  });
  return { id: lecture.id, title: lecture.title, held: lecture.held_at <= ctx.clock(), items };
}

/**
 * Staff mark guardians present at a lecture held on site. Guardians already marked (by themselves or an
 * earlier tick) are left as they are, so a retry or a second teacher's list counts nobody twice.
 */
export async function recordAttendance(ctx: ServiceContext, lectureId: string, guardianIds: string[]) {
  const { lecture, school, binding } = await staffLecture(ctx, lectureId);
  if (lecture.held_at > ctx.clock()) throw new Problem('conflict', { detail: msg('not-held', ctx.locale) });
  const wanted = [...new Set(guardianIds)];
  const invited = wanted.length
    ? await invitedGuardians(ctx.db, lecture.id, school.id)
        .select('sg.guardian_id')
        .distinct()
        .where('sg.guardian_id', 'in', wanted)
        .execute()
    : [];
  if (invited.length !== wanted.length)
    throw new Problem('validation', {
      errors: [{ field: '/guardianIds', key: 'field.invalid', message: msg('not-invited', ctx.locale) }],
      detail: msg('not-invited', ctx.locale),
    });
  return ctx.db.transaction().execute(async (tx) => {
    const added = wanted.length
      ? await tx
          .insertInto('parent_lecture_attendance')
          .values(
            wanted.map((guardianId) => ({
              lecture_id: lecture.id,
              guardian_id: guardianId,
              city_id: lecture.city_id,
              district_id: lecture.district_id,
              school_id: lecture.school_id,
              source: 'staff' as const,
              recorded_by: ctx.actorId,
            })),
          )
          .onConflict((oc) => oc.columns(['lecture_id', 'guardian_id']).doNothing())
          .returning('guardian_id')
          .execute()
      : [];
    if (added.length)
      await ctx.audit(tx, {
        action: 'parent_lecture.attendance.record',
        targetType: 'parent_lecture',
        targetId: lecture.id,
        placement: placementOfUnit(school),
        binding,
        detail: { added: added.length, guardianIds: added.map((a) => a.guardian_id) },
      });
    const [{ total }] = (await tx
      .selectFrom('parent_lecture_attendance')
      .select(sql<number>`count(*)::int`.as('total'))
      .where('lecture_id', '=', lecture.id)
      .execute()) as [{ total: number }];
    return { id: lecture.id, added: added.length, alreadyMarked: wanted.length - added.length, total };
  });
}
