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
  // One free failure, then 1 s, 2 s, 4 s: a few wrong passwords reach a delay that outlasts the checks.
  ctx = await startTestApp({ signInFreeFailures: 1 });
  f = await demoFixtures(ctx.db);
  schoolAdmin = await ctx.signIn('sadmin03');
  cityAdmin = await ctx.signIn('admin');
});
afterAll(() => ctx?.close());

const login = (username: string, password: string, ip = '127.0.0.1') =>
  ctx.anonymous().post('/api/v1/auth/login', { username, password }, { 'x-forwarded-for': ip });

/** Wrong passwords from this test's address, waiting out each delay, until the delay is 4 s long. */
async function lockOut(username: string) {
  for (const wait of [0, 1_050, 2_050]) {
    await new Promise((r) => setTimeout(r, wait));
    expect((await login(username, 'wrong-Pass1')).statusCode).toBe(401);
  }
  return login(username, 'wrong-Pass1');
}

describe('sign-in delays and unlock', () => {
  it('delays a username after wrong passwords, refuses the right one meanwhile, and an admin clears it', async () => {
    const { userId, username } = await ensureStudentAccount(ctx.db, f.homeOtherClassStudent.id, PASSWORD);
    const locked = await lockOut(username);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().type).toBe('urn:yuxin:problem:signin-delayed');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(username, PASSWORD)).statusCode).toBe(429);

    const list = await schoolAdmin.get('/api/v1/accounts/locked');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toContainEqual(expect.objectContaining({ userId, username, failedAttempts: 3 }));

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
    expect((await lockOut(username)).statusCode).toBe(429);
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
    const { temporaryPassword } = res.json<{ temporaryPassword: string }>();
    expect(temporaryPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{8,}$/);

    expect((await student.get('/api/v1/session')).statusCode).toBe(401);
    // From another address: this file's single free failure would otherwise delay the next attempt here.
    expect((await login(username, PASSWORD, '198.51.100.77')).statusCode).toBe(401);
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
    // A subject teacher of the home school whom the district made the school's administrator: above the
    // school administrator's reach (admins are made only from a higher level).
    const teacher = await accountIdOf(ctx.db, 'teacher03');
    const districtAdmin = await ctx.signIn('dadmin01');
    const grant = await districtAdmin.post(`/api/v1/staff/${teacher}/bindings`, {
      role: 'system_admin',
      scopeId: f.home.id,
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
