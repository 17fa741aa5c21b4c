import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

// The year-end rollover (issue 14): a dry run first, then a job that moves every waiting student up a grade
// and graduates the final grade, keeping the enrollment history; a second run changes nothing.
let ctx: TestContext;
let f: Fixtures;
let cityAdmin: Agent;
let schoolAdmin: Agent;
let psych: Agent;
let oldYear: string;
let newYear: string;

type Preview = {
  schoolYear: string;
  schools: Array<{ schoolId: string; promoted: number; graduated: number; unplaced: number; classesToCreate: number }>;
  totals: { promoted: number; graduated: number; unplaced: number; classesToCreate: number; gradesToCreate: number };
};

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  [cityAdmin, schoolAdmin, psych] = await Promise.all([
    ctx.signIn('admin'),
    ctx.signIn('sadmin03'),
    ctx.signIn('psych03'),
  ]);
  oldYear = (
    await ctx.db
      .selectFrom('school_year')
      .select('code')
      .where('city_id', '=', f.home.city_id)
      .where('is_current', '=', true)
      .executeTakeFirstOrThrow()
  ).code;
  const start = Number(oldYear.slice(0, 4)) + 1;
  newYear = `${start}-${start + 1}`;
});
afterAll(() => ctx?.close());

async function settle(agent: Agent, jobId: string) {
  for (;;) {
    const job = (await agent.get(`/api/v1/jobs/${jobId}`)).json<{ status: string; result: Record<string, number> }>();
    if (job.status === 'failed' || job.status === 'succeeded') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Active students of the home school by grade level. */
async function homeByLevel() {
  const rows = await ctx.db
    .selectFrom('student as s')
    .innerJoin('org_unit as g', 'g.id', 's.grade_id')
    .select(['g.grade_level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.school_id', '=', f.home.id)
    .where('s.status', '=', 'active')
    .groupBy('g.grade_level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.grade_level!, Number(r.n)]));
}

describe('the year-end rollover', () => {
  it('finds nobody waiting while the current year is the one students are enrolled in', async () => {
    const res = await schoolAdmin.post('/api/v1/org/rollover/preview', { unitId: f.home.id });
    expect(res.statusCode).toBe(200);
    const preview = res.json<Preview>();
    expect(preview.schoolYear).toBe(oldYear);
    expect(preview.totals).toMatchObject({ promoted: 0, graduated: 0, unplaced: 0 });
  });

  it('previews the move once the new year is current, and writes nothing', async () => {
    expect(
      (
        await cityAdmin.post('/api/v1/org/school-years', {
          code: newYear,
          startsOn: `${newYear.slice(0, 4)}-09-01`,
          endsOn: `${newYear.slice(5)}-07-10`,
          term1EndsOn: `${newYear.slice(5)}-01-20`,
        })
      ).statusCode,
    ).toBe(201);
    expect((await cityAdmin.patch(`/api/v1/org/school-years/${newYear}`, { current: true })).statusCode).toBe(200);
    const before = await homeByLevel();
    const res = await schoolAdmin.post('/api/v1/org/rollover/preview', { unitId: f.home.id });
    const preview = res.json<Preview>();
    expect(preview.schoolYear).toBe(newYear);
    expect(preview.schools).toHaveLength(1);
    expect(preview.totals.promoted).toBe((before[7] ?? 0) + (before[8] ?? 0));
    expect(preview.totals.graduated).toBe(before[9]);
    expect(preview.totals.unplaced).toBe(0);
    expect(await homeByLevel()).toEqual(before);
    // The city's preview covers every school.
    const city = (await cityAdmin.post('/api/v1/org/rollover/preview', { unitId: f.home.city_id })).json<Preview>();
    expect(city.schools.length).toBe(f.schools.length);
  });

  it('moves the school up a grade as a job, graduates grade 9 and keeps the enrollment history', async () => {
    const before = await homeByLevel();
    const student = f.homeStudent;
    const res = await schoolAdmin.post('/api/v1/org/rollover', { unitId: f.home.id });
    expect(res.statusCode).toBe(202);
    const job = await settle(schoolAdmin, res.json<{ jobId: string }>().jobId);
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ promoted: (before[7] ?? 0) + (before[8] ?? 0), graduated: before[9] });

    const after = await homeByLevel();
    expect(after[9]).toBe(before[8]);
    expect(after[8]).toBe(before[7]);
    expect(after[7] ?? 0).toBe(0);
    const graduated = await ctx.db
      .selectFrom('student')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', '=', f.home.id)
      .where('status', '=', 'graduated')
      .executeTakeFirstOrThrow();
    expect(Number(graduated.n)).toBe(before[9]);

    // The demo student of 八年级1班 is now in 九年级1班, with last year's enrollment closed.
    const moved = await ctx.db
      .selectFrom('student as s')
      .innerJoin('org_unit as c', 'c.id', 's.class_id')
      .select(['c.grade_level', 'c.class_no'])
      .where('s.id', '=', student.id)
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ grade_level: 9, class_no: 1 });
    const history = await ctx.db
      .selectFrom('enrollment')
      .select(['school_year', 'ended_at', 'class_id'])
      .where('student_id', '=', student.id)
      .orderBy('started_at')
      .execute();
    expect(history.at(-2)).toMatchObject({ school_year: oldYear, class_id: f.homeClass.id });
    expect(history.at(-2)!.ended_at).not.toBeNull();
    expect(history.at(-1)).toMatchObject({ school_year: newYear, ended_at: null });

    // Another school, not rolled over, is still waiting.
    const other = (await cityAdmin.post('/api/v1/org/rollover/preview', { unitId: f.other.id })).json<Preview>();
    expect(other.totals.promoted + other.totals.graduated).toBeGreaterThan(0);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'org.rollover')
      .where('target_id', '=', f.home.id)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('changes nothing when run again', async () => {
    const before = await homeByLevel();
    const res = await schoolAdmin.post('/api/v1/org/rollover', { unitId: f.home.id });
    const job = await settle(schoolAdmin, res.json<{ jobId: string }>().jobId);
    expect(job.result).toMatchObject({ promoted: 0, graduated: 0, unplaced: 0, classesCreated: 0 });
    expect(await homeByLevel()).toEqual(before);
  });

  it('is for org managers in their own scope, of a city, district or school only', async () => {
    expect((await psych.post('/api/v1/org/rollover/preview', { unitId: f.home.id })).statusCode).toBe(403);
    expect((await psych.post('/api/v1/org/rollover', { unitId: f.home.id })).statusCode).toBe(403);
    expect((await schoolAdmin.post('/api/v1/org/rollover/preview', { unitId: f.other.id })).statusCode).toBe(404);
    expect((await schoolAdmin.post('/api/v1/org/rollover', { unitId: f.other.id })).statusCode).toBe(404);
    const klass = await schoolAdmin.post('/api/v1/org/rollover/preview', { unitId: f.homeClass.id });
    expect(klass.statusCode).toBe(400);
    expect(klass.json().errors[0]).toMatchObject({ field: '/unitId' });
    const unknown = await cityAdmin.post('/api/v1/org/rollover/preview', { unitId: crypto.randomUUID() });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: '/unitId' });
  });
});
