import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

/**
 * The parent-school indicators (issue 15) computed from the school's lectures and attendance: Jinan's 8
 * hours of parent courses per grade a year, and Changzhou's certificates for half of the first-year parents.
 */
let ctx: TestContext;
let f: Fixtures;
let psych: Agent;
let city: Agent;
type Indicator = { id: string; value: number; target: number; rag: string; shortfalls: { name: string }[] };
let grades: { id: string; grade_level: number | null }[];

const school = async () => {
  const res = await psych.get(`/api/v1/supervision/schools/${f.home.id}`);
  expect(res.statusCode).toBe(200);
  const body = res.json<{ figures: Record<string, number>; indicators: Indicator[] }>();
  return { figures: body.figures, byId: Object.fromEntries(body.indicators.map((i) => [i.id, i])) };
};
const lecture = async (gradeId: string, hours: number) => {
  const res = await psych.post('/api/v1/parent-lectures', {
    schoolId: f.home.id,
    title: `家长课程 ${hours} 小时`,
    heldAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    hours,
    gradeIds: [gradeId],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
};
const guardiansOf = async (lectureId: string) =>
  (await psych.get(`/api/v1/parent-lectures/${lectureId}/guardians`)).json<{ items: { id: string }[] }>().items;
const mark = async (lectureId: string, ids: string[]) =>
  expect((await psych.post(`/api/v1/parent-lectures/${lectureId}/attendance`, { guardianIds: ids })).statusCode).toBe(
    200,
  );

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  [psych, city] = await Promise.all([ctx.signIn('psych03'), ctx.signIn('citycenter')]);
  grades = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'grade_level'])
    .where('school_id', '=', f.home.id)
    .where('kind', '=', 'grade')
    .orderBy('grade_level')
    .execute();
}, 120_000);
afterAll(async () => ctx?.close());

describe('Jinan: 8 hours of parent courses per grade a year', () => {
  it('is red with no lectures, names the grades short of hours, and turns green when each grade has its hours', async () => {
    const before = await school();
    expect(before.byId.guardian_course_hours).toMatchObject({ value: 0, rag: 'red' });
    expect(before.byId.parent_certificates).toBeUndefined();

    await lecture(grades[0]!.id, 8);
    await lecture(grades[1]!.id, 4);
    const partly = (await school()).byId.guardian_course_hours!;
    expect(partly.rag).toBe('red');
    expect(partly.shortfalls.map((s) => s.name)).toEqual(['八年级', '九年级']);

    await lecture(grades[1]!.id, 4);
    await lecture(grades[2]!.id, 8);
    expect((await school()).byId.guardian_course_hours).toMatchObject({ value: 1, rag: 'green', shortfalls: [] });
  });
});

describe('Changzhou: certificates for half of the first-year parents', () => {
  it('counts a guardian of 七年级 who attended the year’s hours, not one who came to a shorter course', async () => {
    expect((await city.put('/api/v1/supervision/standards', { preset: 'changzhou' })).statusCode).toBe(200);
    const first = grades.find((g) => g.grade_level === 7)!;
    const none = await school();
    expect(none.byId.parent_certificates).toMatchObject({ value: 0, target: 0.5, rag: 'red' });
    const total = none.figures.startingGradeGuardians!;
    expect(total).toBeGreaterThan(3);
    expect(none.figures.startingGradeGuardiansCertified).toBe(0);

    // The 8-hour lecture of the Jinan test above: a quarter of the grade's guardians were there.
    const long = (
      await ctx.db
        .selectFrom('parent_lecture as l')
        .innerJoin('parent_lecture_grade as g', 'g.lecture_id', 'l.id')
        .select('l.id')
        .where('g.grade_id', '=', first.id)
        .where('l.hours', '=', 8)
        .executeTakeFirstOrThrow()
    ).id;
    const everyone = (await guardiansOf(long)).map((g) => g.id);
    expect(everyone).toHaveLength(total);
    const quarter = everyone.slice(0, Math.floor(total / 4));
    await mark(long, quarter);
    // A short lecture alone earns no certificate.
    const short = await lecture(first.id, 2);
    await mark(short, everyone.slice(quarter.length));
    const notMet = await school();
    expect(notMet.figures.startingGradeGuardiansCertified).toBe(quarter.length);
    expect(notMet.byId.parent_certificates!.rag).toBe('red');

    // Half of them through the long lecture: met.
    await mark(long, everyone.slice(0, Math.ceil(total / 2)));
    const met = await school();
    expect(met.figures.startingGradeGuardiansCertified).toBe(Math.ceil(total / 2));
    expect(met.byId.parent_certificates).toMatchObject({ rag: 'green', target: 0.5 });
    expect(met.byId.parent_certificates!.value).toBeGreaterThanOrEqual(0.5);
  });
});
