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

type StaffItem = { userId: string; username: string; fullTime: boolean | null; certificateLevel: string | null };

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  [schoolAdmin, leader] = await Promise.all([ctx.signIn('sadmin03'), ctx.signIn('leader03')]);
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
});
