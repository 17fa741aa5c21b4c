import { randomUUID } from 'node:crypto';
import { isSchoolStage, planRollover, type RoleBinding, type RolloverPlan, type UnitRef } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';
import { fieldProblem } from '../http/problem.js';
import { failJob, JobProgress, jobFailure, succeedJob } from '../jobs/jobs.js';
import { moveEnrollments } from '../roster/enrollment.js';
import type { ServiceContext } from '../services/context.js';
import { findUnit, insertUnit, nextSort } from './org-store.js';
import { placementOfUnit } from './placement.js';
import { currentSchoolYear } from './school-year.js';

/**
 * The year-end rollover (学年升级, issue 14) for a school, a district or the city, once the administrator
 * has made the new school year current: every student still enrolled in an earlier year moves up a grade
 * (core's `planRollover` decides where), the final grades graduate, and the enrollment history keeps the
 * old year. Alerts, cases and follow-ups point at the student, so they stay with them. Running it again
 * finds nobody waiting and changes nothing.
 */
export const YEAR_ROLLOVER_KIND = 'year_rollover';

type Db = Kysely<Database>;

export interface RolloverScope {
  unit: OrgUnit;
  binding: RoleBinding;
  schoolYear: string;
  schools: Array<Pick<OrgUnit, 'id' | 'name_zh' | 'name_en' | 'stage' | 'city_id' | 'district_id'>>;
}

/** The unit to roll over (a city, district or school) and the live schools inside it, for an org manager. */
export async function rolloverScope(ctx: ServiceContext, unitId: string): Promise<RolloverScope> {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw fieldProblem('/unitId', 'field.invalid');
  const binding = ctx.access.require('org.manage', placementOfUnit(unit));
  if (unit.kind !== 'city' && unit.kind !== 'district' && unit.kind !== 'school')
    throw fieldProblem('/unitId', 'org.rollover-kind');
  const column = ({ city: 'city_id', district: 'district_id', school: 'id' } as const)[unit.kind];
  const schools = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'name_zh', 'name_en', 'stage', 'city_id', 'district_id'])
    .where('kind', '=', 'school')
    .where(column, '=', unit.id)
    .where('deactivated_at', 'is', null)
    .orderBy('sort')
    .orderBy('name_zh')
    .execute();
  return { unit, binding, schoolYear: await currentSchoolYear(ctx.db, unit.city_id), schools };
}

/** What one school's rollover would do, from what the school holds now (read in `db`, a transaction when applying). */
async function planSchool(db: Db, school: RolloverScope['schools'][number], schoolYear: string) {
  const units = await db
    .selectFrom('org_unit')
    .select(['id', 'kind', 'grade_id', 'grade_level', 'class_no', 'name_zh', 'deactivated_at'])
    .where('school_id', '=', school.id)
    .where('kind', 'in', ['grade', 'class'])
    .execute();
  const waiting = await db
    .selectFrom('student as s')
    .select(['s.class_id', sql<number>`count(*)::int`.as('n')])
    .where('s.school_id', '=', school.id)
    .where('s.status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('enrollment as e')
            .select('e.id')
            .whereRef('e.student_id', '=', 's.id')
            .where('e.ended_at', 'is', null)
            .where('e.school_year', '=', schoolYear),
        ),
      ),
    )
    .groupBy('s.class_id')
    .orderBy('s.class_id')
    .execute();
  return planRollover({
    stage: school.stage && isSchoolStage(school.stage) ? school.stage : null,
    grades: units
      .filter((u) => u.kind === 'grade')
      .map((g) => ({ id: g.id, level: g.grade_level, active: g.deactivated_at === null })),
    classes: units
      .filter((u) => u.kind === 'class')
      .map((c) => ({
        id: c.id,
        gradeId: c.grade_id!,
        classNo: c.class_no,
        name: c.name_zh,
        active: c.deactivated_at === null,
      })),
    waiting: waiting.map((w) => ({ classId: w.class_id, students: w.n })),
  });
}

export interface SchoolRollover {
  schoolId: string;
  name: string;
  promoted: number;
  graduated: number;
  unplaced: number;
  gradesToCreate: number;
  classesToCreate: number;
}

const summary = (school: RolloverScope['schools'][number], plan: RolloverPlan): SchoolRollover => ({
  schoolId: school.id,
  name: school.name_zh,
  promoted: plan.promoted,
  graduated: plan.graduated,
  unplaced: plan.unplaced,
  gradesToCreate: plan.gradesToCreate,
  classesToCreate: plan.classesToCreate,
});

/** The dry run: what the rollover of this unit would do, school by school; nothing is written. */
export async function previewRollover(ctx: ServiceContext, unitId: string) {
  const scope = await rolloverScope(ctx, unitId);
  const schools: SchoolRollover[] = [];
  for (const school of scope.schools) schools.push(summary(school, await planSchool(ctx.db, school, scope.schoolYear)));
  await ctx.audit(ctx.db, {
    action: 'org.rollover_preview',
    targetType: 'org_unit',
    targetId: scope.unit.id,
    placement: placementOfUnit(scope.unit),
    binding: scope.binding,
    detail: { schoolYear: scope.schoolYear, schools: schools.length },
  });
  return { schoolYear: scope.schoolYear, schools, totals: totalsOf(schools) };
}

function totalsOf(schools: readonly SchoolRollover[]) {
  const sum = (k: keyof Omit<SchoolRollover, 'schoolId' | 'name'>) => schools.reduce((n, s) => n + s[k], 0);
  return {
    promoted: sum('promoted'),
    graduated: sum('graduated'),
    unplaced: sum('unplaced'),
    gradesToCreate: sum('gradesToCreate'),
    classesToCreate: sum('classesToCreate'),
  };
}

/**
 * Applies the rollover as a job: every school in one transaction, so a failure leaves the city as it was
 * and the job can simply run again. Progress is reported per school.
 */
export async function runRollover(ctx: ServiceContext, job: { jobId: string; scope: RolloverScope }): Promise<void> {
  const { scope } = job;
  const progress = new JobProgress(ctx.db, job.jobId);
  const total = scope.schools.length;
  progress.report('applying', 0, total);
  let done: SchoolRollover[];
  try {
    done = await ctx.db.transaction().execute(async (tx) => {
      const results: SchoolRollover[] = [];
      for (const [i, school] of scope.schools.entries()) {
        // One rollover of a school at a time: a second job waits here and then finds nobody waiting.
        await tx.selectFrom('org_unit').select('id').where('id', '=', school.id).forUpdate().execute();
        const plan = await planSchool(tx, school, scope.schoolYear);
        await applySchool(tx, school, plan, scope.schoolYear, ctx.clock());
        const result = summary(school, plan);
        results.push(result);
        if (plan.steps.length > 0)
          await ctx.audit(tx, {
            action: 'org.rollover',
            targetType: 'org_unit',
            targetId: school.id,
            placement: placementOfUnit({ ...school, school_id: school.id, grade_id: null, kind: 'school' }),
            binding: scope.binding,
            detail: { jobId: job.jobId, schoolYear: scope.schoolYear, ...result, name: undefined },
          });
        progress.report('applying', i + 1, total);
      }
      return results;
    });
  } catch (err) {
    await progress.flush();
    await failJob(ctx.db, job.jobId, [jobFailure(ROLLOVER_FAILED)]);
    throw err;
  }
  await progress.flush();
  const totals = totalsOf(done);
  await succeedJob(
    ctx.db,
    job.jobId,
    {
      promoted: totals.promoted,
      graduated: totals.graduated,
      unplaced: totals.unplaced,
      classesCreated: totals.classesToCreate + totals.gradesToCreate,
    },
    total,
  );
}

const ROLLOVER_FAILED = {
  'zh-CN': '学年升级失败，所有学校均未改动。请稍后再次运行。',
  en: 'The year-end rollover failed; no school was changed. Please run it again later.',
};

async function applySchool(
  tx: Db,
  school: RolloverScope['schools'][number],
  plan: RolloverPlan,
  schoolYear: string,
  now: Date,
) {
  const created = new Map<string, string>();
  const gradeIdOf = async (ref: UnitRef): Promise<string> => {
    if ('id' in ref) return ref.id;
    const key = `grade/${ref.create.level}`;
    let id = created.get(key);
    if (!id) {
      id = randomUUID();
      await insertUnit(tx, {
        id,
        kind: 'grade',
        parent_id: school.id,
        city_id: school.city_id,
        district_id: school.district_id,
        school_id: school.id,
        grade_id: id,
        name_zh: ref.create.name,
        name_en: ref.create.nameEn,
        grade_level: ref.create.level,
        sort: ref.create.level,
      });
      created.set(key, id);
    }
    return id;
  };
  const classIdOf = async (ref: UnitRef, gradeId: string): Promise<string> => {
    if ('id' in ref) return ref.id;
    const key = `class/${gradeId}/${ref.create.name}`;
    let id = created.get(key);
    if (!id) {
      id = randomUUID();
      await insertUnit(tx, {
        id,
        kind: 'class',
        parent_id: gradeId,
        city_id: school.city_id,
        district_id: school.district_id,
        school_id: school.id,
        grade_id: gradeId,
        name_zh: ref.create.name,
        name_en: ref.create.nameEn,
        grade_level: ref.create.level,
        class_no: ref.create.classNo ?? null,
        sort: await nextSort(tx, gradeId),
      });
      created.set(key, id);
    }
    return id;
  };

  for (const step of plan.steps) {
    if (step.kind === 'unplaced') continue;
    const students = await tx
      .selectFrom('student as s')
      .select(['s.id', 's.city_id', 's.district_id', 's.school_id'])
      .where('s.class_id', '=', step.fromClassId)
      .where('s.status', '=', 'active')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('enrollment as e')
              .select('e.id')
              .whereRef('e.student_id', '=', 's.id')
              .where('e.ended_at', 'is', null)
              .where('e.school_year', '=', schoolYear),
          ),
        ),
      )
      .execute();
    if (students.length === 0) continue;
    const ids = students.map((s) => s.id);
    if (step.kind === 'graduate') {
      await tx.updateTable('student').set({ status: 'graduated', updated_at: now }).where('id', 'in', ids).execute();
      await tx
        .updateTable('enrollment')
        .set({ ended_at: now })
        .where('student_id', 'in', ids)
        .where('ended_at', 'is', null)
        .execute();
      continue;
    }
    const gradeId = await gradeIdOf(step.toGrade);
    const classId = await classIdOf(step.toClass, gradeId);
    await tx
      .updateTable('student')
      .set({ grade_id: gradeId, class_id: classId, updated_at: now })
      .where('id', 'in', ids)
      .execute();
    await moveEnrollments(
      tx,
      students.map((student) => ({ student, classId, gradeId })),
    );
  }
}
