import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountIdOf, ensureStudentAccount } from '../testing/account-fixtures.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

const PASSWORD = 'Known2026pw';
let ctx: TestContext;
let f: Fixtures;
let schoolAdmin: Agent;
let cityAdmin: Agent;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  schoolAdmin = await ctx.signIn('sadmin03');
  cityAdmin = await ctx.signIn('admin');
});
afterAll(() => ctx?.close());

const login = (username: string, password: string) =>
  ctx.anonymous().post('/api/v1/auth/login', { username, password });

async function lockOut(username: string) {
  for (let i = 1; i < ctx.config.lockoutThreshold; i++)
    expect((await login(username, 'wrong-Pass1')).statusCode).toBe(401);
  return login(username, 'wrong-Pass1');
}

describe('lockout and unlock', () => {
  it('locks after five wrong passwords, refuses the right one while locked, and an admin unlocks it', async () => {
    const { userId, username } = await ensureStudentAccount(ctx.db, f.homeOtherClassStudent.id, PASSWORD);
    const locked = await lockOut(username);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().type).toBe('urn:yuxin:problem:account-locked');
    expect(Date.parse(locked.json().lockedUntil)).toBeGreaterThan(Date.now());
    expect((await login(username, PASSWORD)).statusCode).toBe(423);

    const list = await schoolAdmin.get('/api/v1/accounts/locked');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toContainEqual(
      expect.objectContaining({ userId, username, failedAttempts: ctx.config.lockoutThreshold }),
    );

    expect((await schoolAdmin.post(`/api/v1/accounts/${userId}/unlock`)).statusCode).toBe(204);
    expect(
      (await schoolAdmin.get('/api/v1/accounts/locked')).json().items.map((i: { userId: string }) => i.userId),
    ).not.toContain(userId);
    expect((await login(username, PASSWORD)).statusCode).toBe(200);
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.unlock')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      target_id: userId,
      school_id: f.home.id,
      username: 'sadmin03',
      role: 'system_admin',
    });
  });

  it("lists and unlocks only inside the administrator's scope", async () => {
    const { userId, username } = await ensureStudentAccount(ctx.db, f.otherStudent.id, PASSWORD);
    expect((await lockOut(username)).statusCode).toBe(423);
    const ids = (agent: Agent) =>
      agent
        .get('/api/v1/accounts/locked?pageSize=200')
        .then((r) => r.json().items.map((i: { userId: string }) => i.userId));
    expect(await ids(schoolAdmin)).not.toContain(userId);
    expect(await ids(await ctx.signIn('dadmin01'))).not.toContain(userId);
    expect(await ids(cityAdmin)).toContain(userId);
    expect((await schoolAdmin.post(`/api/v1/accounts/${userId}/unlock`)).statusCode).toBe(404);
    expect((await (await ctx.signIn('leader03')).post(`/api/v1/accounts/${userId}/unlock`)).statusCode).toBe(403);
    expect((await cityAdmin.post(`/api/v1/accounts/${userId}/unlock`)).statusCode).toBe(204);
    expect((await login(username, PASSWORD)).statusCode).toBe(200);
  });
});

describe('reset password', () => {
  it('hands out a temporary password that forces a change and ends the old sessions', async () => {
    const { userId, username } = await ensureStudentAccount(ctx.db, f.homeOtherClassStudent.id, PASSWORD);
    const student = await ctx.signIn(username, PASSWORD);
    const res = await schoolAdmin.post(`/api/v1/accounts/${userId}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { temporaryPassword } = res.json() as { temporaryPassword: string };
    expect(temporaryPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{8,}$/);

    expect((await student.get('/api/v1/session')).statusCode).toBe(401);
    expect((await login(username, PASSWORD)).statusCode).toBe(401);
    const fresh = await login(username, temporaryPassword);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().user.mustChangePassword).toBe(true);

    const entries = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.reset_password')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ target_id: userId, outcome: 'success' });
    const log = (await ctx.db.selectFrom('audit_log').select('payload').execute()).map((r) => r.payload).join('\n');
    expect(log).not.toContain(temporaryPassword);
  });

  it('refuses to hand an administrator an account that holds roles beyond their reach', async () => {
    // A teacher of the home school who also works for the district centre.
    const teacher = await accountIdOf(ctx.db, 'psych03-2');
    const districtAdmin = await ctx.signIn('dadmin01');
    const grant = await districtAdmin.post(`/api/v1/staff/${teacher}/bindings`, {
      role: 'district_staff',
      scopeId: f.home.district_id,
    });
    expect(grant.statusCode).toBe(201);

    const refused = await schoolAdmin.post(`/api/v1/accounts/${teacher}/reset-password`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('您只能在自己的管理范围内授予角色。');
    expect((await districtAdmin.post(`/api/v1/accounts/${teacher}/reset-password`)).statusCode).toBe(200);
    // Unlocking hands nothing over, so the school administrator may still do that.
    expect((await schoolAdmin.post(`/api/v1/accounts/${teacher}/unlock`)).statusCode).toBe(204);
  });

  it("keeps other schools' accounts and non-administrators out", async () => {
    const { userId } = await ensureStudentAccount(ctx.db, f.otherStudent.id, PASSWORD);
    expect((await schoolAdmin.post(`/api/v1/accounts/${userId}/reset-password`)).statusCode).toBe(404);
    expect((await (await ctx.signIn('psych03')).post(`/api/v1/accounts/${userId}/reset-password`)).statusCode).toBe(
      403,
    );
    expect(
      (await schoolAdmin.post('/api/v1/accounts/00000000-0000-4000-8000-000000000000/reset-password')).statusCode,
    ).toBe(404);
  });
});
