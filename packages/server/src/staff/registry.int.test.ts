import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountIdOf } from '../testing/account-fixtures.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

// The staff registry (issue 14): 专职/兼职, certificate level and qualification are kept on the staff
// account, set when the account is made or later, audited, and the staffing indicator counts full-time
// psychology teachers from them.
let ctx: TestContext;
let f: Fixtures;
let schoolAdmin: Agent;
let leader: Agent;
let psychAgent: Agent;

type StaffItem = { userId: string; username: string; fullTime: boolean | null; certificateLevel: string | null };

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  [schoolAdmin, leader, psychAgent] = await Promise.all([
    ctx.signIn('sadmin03'),
    ctx.signIn('leader03'),
    ctx.signIn('psych03'),
  ]);
});
afterAll(() => ctx?.close());

const fullTimeCount = async () => {
  const res = await leader.get(`/api/v1/supervision/schools/${f.home.id}`);
  expect(res.statusCode).toBe(200);
  return res.json<{ figures: { fullTimePsychTeachers: number } }>().figures.fullTimePsychTeachers;
};

describe('the staff registry', () => {
  it('records a new full-time psychology teacher, who counts once the leader approves the role', async () => {
    const before = await fullTimeCount();
    const created = await schoolAdmin.post('/api/v1/staff', {
      username: 'registry-psych',
      name: '专职心理老师',
      password: 'Registry2026x',
      role: 'psych_teacher',
      scopeId: f.home.id,
      fullTime: true,
      certificateLevel: 'B',
      qualification: '心理健康教育教师资格证',
    });
    expect(created.statusCode).toBe(202);
    expect(created.json()).toMatchObject({
      fullTime: true,
      certificateLevel: 'B',
      qualification: '心理健康教育教师资格证',
    });
    // The role waits for the school leader: not yet a psychology teacher, not yet counted.
    expect(await fullTimeCount()).toBe(before);
    const approved = await leader.post(`/api/v1/role-grants/${created.json().pending[0].requestId}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(await fullTimeCount()).toBe(before + 1);

    const listed = (await schoolAdmin.get('/api/v1/staff?q=registry-psych')).json<{ items: StaffItem[] }>().items;
    expect(listed[0]).toMatchObject({ username: 'registry-psych', fullTime: true, certificateLevel: 'B' });
  });

  it('changes a teacher to part-time and back, audited, and the indicator follows', async () => {
    const psych = await accountIdOf(ctx.db, 'psych03');
    const set = async (fullTime: boolean) => {
      const res = await schoolAdmin.patch(`/api/v1/staff/${psych}/registry`, { fullTime });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ fullTime });
    };
    await set(true);
    const withPsych = await fullTimeCount();
    await set(false);
    expect(await fullTimeCount()).toBe(withPsych - 1);
    await set(true);
    expect(await fullTimeCount()).toBe(withPsych);
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'staff.registry_update')
      .where('target_id', '=', psych)
      .execute();
    expect(audited).toHaveLength(3);
  });

  it('refuses a bad level naming the field, an empty change, and anyone outside the account’s school', async () => {
    const psych = await accountIdOf(ctx.db, 'psych03');
    const bad = await schoolAdmin.patch(`/api/v1/staff/${psych}/registry`, { certificateLevel: 'E' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/certificateLevel');
    expect((await schoolAdmin.patch(`/api/v1/staff/${psych}/registry`, {})).statusCode).toBe(400);
    const other = await accountIdOf(ctx.db, 'psych07');
    expect((await schoolAdmin.patch(`/api/v1/staff/${other}/registry`, { fullTime: true })).statusCode).toBe(404);
    expect((await leader.patch(`/api/v1/staff/${psych}/registry`, { fullTime: true })).statusCode).toBe(403);
    const student = await accountIdOf(ctx.db, ctx.demo.accounts.find((a) => a.role === 'student')!.username);
    expect((await schoolAdmin.patch(`/api/v1/staff/${student}/registry`, { fullTime: true })).statusCode).toBe(404);
  });

  it('keeps a teacher’s training and supervision hours for a school year; the training indicator takes them', async () => {
    const psych = await accountIdOf(ctx.db, 'psych03');
    const name = (
      await ctx.db.selectFrom('user_account').select('display_name').where('id', '=', psych).executeTakeFirstOrThrow()
    ).display_name;
    const year = (await schoolAdmin.get('/api/v1/staff?q=psych03')).json<{
      items: Array<StaffItem & { training: unknown }>;
    }>();
    const schoolYear = await currentYear();
    expect(year.items[0]!.training).toEqual({ schoolYear, hours: null, supervisionHours: null });
    const setHours = async (hours: number | null, supervisionHours: number | null) => {
      const res = await schoolAdmin.patch(`/api/v1/staff/${psych}/registry`, {
        fullTime: true,
        training: { schoolYear, hours, supervisionHours },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ fullTime: true, training: { schoolYear, hours, supervisionHours } });
    };
    // Jinan: 40 training hours and 10 supervision hours a year for a full-time psychology teacher.
    await setHours(40, 4);
    expect((await training()).shortfalls.map((s) => s.name)).toContain(name);
    await setHours(40, 10);
    expect((await training()).shortfalls.map((s) => s.name)).not.toContain(name);
    await setHours(12.5, 10);
    expect((await training()).shortfalls.find((s) => s.name === name)).toMatchObject({ value: 12.5, target: 40 });

    // The registry's total stands for the year: a training record logged as well is not added to it.
    const logged = await psychAgent.post('/api/v1/supervision/records', {
      schoolId: f.home.id,
      occurredOn: new Date().toISOString().slice(0, 10),
      kind: 'training',
      staffId: psych,
      staffGroup: 'psych_full_time',
      hours: 30,
    });
    expect(logged.statusCode).toBe(201);
    expect((await training()).shortfalls.find((s) => s.name === name)).toMatchObject({ value: 12.5 });
    // Cleared, the year falls back to the logged trainings.
    await setHours(null, 10);
    expect((await training()).shortfalls.find((s) => s.name === name)).toMatchObject({ value: 30, target: 40 });

    const listed = (await schoolAdmin.get('/api/v1/staff?q=psych03')).json<{ items: Array<{ training: unknown }> }>();
    expect(listed.items[0]!.training).toEqual({ schoolYear, hours: null, supervisionHours: 10 });
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'staff.registry_update')
      .where('target_id', '=', psych)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audited.payload).toContain(schoolYear);
  });

  it('refuses hours out of range and a malformed school year, naming the field', async () => {
    const psych = await accountIdOf(ctx.db, 'psych03');
    const bad = await schoolAdmin.patch(`/api/v1/staff/${psych}/registry`, {
      training: { schoolYear: '2025-2026', hours: -1, supervisionHours: null },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/training/hours');
    const year = await schoolAdmin.patch(`/api/v1/staff/${psych}/registry`, {
      training: { schoolYear: '2025', hours: 1, supervisionHours: null },
    });
    expect(year.statusCode).toBe(400);
    expect(year.json().errors[0].field).toBe('/training/schoolYear');
  });
});

const currentYear = async () => {
  // The year the supervision page reads by default: its figures carry it.
  const res = await leader.get(`/api/v1/supervision/schools/${f.home.id}`);
  return res.json<{ window: { schoolYear: string } }>().window.schoolYear;
};

type Indicator = { id: string; shortfalls: Array<{ name: string; value: number; target: number }> };
const training = async () => {
  const res = await leader.get(`/api/v1/supervision/schools/${f.home.id}`);
  expect(res.statusCode).toBe(200);
  return (res.json().indicators as Indicator[]).find((i) => i.id === 'training')!;
};
