import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountIdOf } from '../testing/account-fixtures.js';
import { DEMO_PASSWORD, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import { totpCode } from '../testing/totp.js';

// Staff second factor, through the routes themselves (not the harness's signIn, which would set it up).
let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ twoFactorFreeFailures: 3 });
});
afterAll(() => ctx?.close());

async function passwordOnly(username: string, ip = '198.51.100.40'): Promise<Agent> {
  const agent = ctx.anonymous();
  const res = await agent.post('/api/v1/auth/login', { username, password: DEMO_PASSWORD }, { 'x-forwarded-for': ip });
  expect(res.statusCode, res.body).toBe(200);
  return agent;
}

/** Sets up psych03-2's authenticator by the book and answers its secret and recovery codes. */
async function enrol(username: string) {
  const agent = await passwordOnly(username);
  const { secret } = (await agent.post('/api/v1/auth/two-factor/enrolment')).json<{ secret: string }>();
  const done = await agent.post('/api/v1/auth/two-factor/enrolment/confirm', { code: await totpCode(secret) });
  expect(done.statusCode, done.body).toBe(200);
  return { secret, recoveryCodes: done.json().recoveryCodes as string[], agent };
}

describe('setting up an authenticator', () => {
  it('sends a psychology teacher to set-up after the password, and lets nothing else through until done', async () => {
    const agent = ctx.anonymous();
    const login = await agent.post('/api/v1/auth/login', { username: 'psych03-2', password: DEMO_PASSWORD });
    expect(login.json().user.secondFactor).toBe('enrol');
    const blocked = await agent.get('/api/v1/students');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().type).toBe('urn:yuxin:problem:second-factor-required');
    expect((await agent.post('/api/v1/auth/two-factor/verify', { code: '123456' })).statusCode).toBe(409);

    const begun = await agent.post('/api/v1/auth/two-factor/enrolment');
    expect(begun.statusCode).toBe(200);
    expect(begun.headers['cache-control']).toBe('no-store');
    const { secret, otpauthUri } = begun.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(otpauthUri).toContain('psych03-2');
    // Encrypted at rest with the data key: the stored value is not the secret.
    const stored = await ctx.db
      .selectFrom('staff_two_factor')
      .select('secret_enc')
      .where('user_id', '=', await accountIdOf(ctx.db, 'psych03-2'))
      .executeTakeFirstOrThrow();
    expect(stored.secret_enc.startsWith('v1.')).toBe(true);
    expect(stored.secret_enc).not.toContain(secret);

    const wrong = await agent.post('/api/v1/auth/two-factor/enrolment/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('/code');
    const oldCookie = agent.cookie;
    const confirmed = await agent.post('/api/v1/auth/two-factor/enrolment/confirm', { code: await totpCode(secret) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().user.secondFactor).toBeNull();
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    // A new session with new tokens; the password-only one is over.
    expect(agent.cookie).not.toBe(oldCookie);
    expect((await agent.get('/api/v1/students?pageSize=1')).statusCode).toBe(200);
    const stale = ctx.anonymous();
    stale.cookie = oldCookie;
    expect((await stale.get('/api/v1/session')).statusCode).toBe(401);
    const hashes = await ctx.db.selectFrom('two_factor_recovery_code').select('code_hash').execute();
    for (const code of confirmed.json().recoveryCodes as string[])
      expect(hashes.map((h) => h.code_hash)).not.toContain(code);
  });

  it('keeps students and guardians on passwords', async () => {
    const student = ctx.demo.accounts.find((a) => a.role === 'student')!.username;
    const agent = await passwordOnly(student);
    expect((await agent.get('/api/v1/session')).json().user.secondFactor).toBeNull();
    expect((await agent.post('/api/v1/auth/two-factor/enrolment')).statusCode).toBe(403);
  });
});

describe('signing in with a code', () => {
  it('accepts a code once: a replayed code within its window is refused', async () => {
    const { secret } = await enrol('leader03');
    const code = await totpCode(secret);
    const first = await passwordOnly('leader03');
    expect((await first.get('/api/v1/session')).json().user.secondFactor).toBe('verify');
    // The code used to finish the set-up is spent already.
    const replayed = await first.post('/api/v1/auth/two-factor/verify', { code });
    expect(replayed.statusCode).toBe(400);
    const next = await totpCode(secret, Math.floor(Date.now() / 1000) + 30);
    expect((await first.post('/api/v1/auth/two-factor/verify', { code: next })).statusCode).toBe(200);
    const second = await passwordOnly('leader03');
    expect((await second.post('/api/v1/auth/two-factor/verify', { code: next })).statusCode).toBe(400);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['outcome'])
      .where('action', '=', 'auth.two_factor')
      .where('username', '=', 'leader03')
      .execute();
    expect(audit.map((a) => a.outcome).sort()).toEqual(['failure', 'failure', 'success', 'success']);
  });

  it('takes a recovery code instead, once', async () => {
    const { recoveryCodes } = await enrol('psych03');
    const first = await passwordOnly('psych03');
    expect((await first.post('/api/v1/auth/two-factor/verify', { code: recoveryCodes[3]! })).statusCode).toBe(200);
    const again = await passwordOnly('psych03');
    expect((await again.post('/api/v1/auth/two-factor/verify', { code: recoveryCodes[3]! })).statusCode).toBe(400);
    expect(
      (await again.post('/api/v1/auth/two-factor/verify', { code: recoveryCodes[4]!.toLowerCase() })).statusCode,
    ).toBe(200);
  });

  it('slows down wrong codes with growing delays, even for the right code', async () => {
    const { secret } = await enrol('head03-8-1');
    const agent = await passwordOnly('head03-8-1');
    const statuses: number[] = [];
    // Three free wrong codes, then 1 s, 2 s, 4 s … of waiting: wrong codes sent at once soon meet a 429.
    while (statuses.length < 10 && !statuses.includes(429))
      statuses.push((await agent.post('/api/v1/auth/two-factor/verify', { code: '000000' })).statusCode);
    expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
    expect(statuses).toContain(429);
    const delayed = await agent.post('/api/v1/auth/two-factor/verify', {
      code: await totpCode(secret, Math.floor(Date.now() / 1000) + 30),
    });
    expect(delayed.statusCode).toBe(429);
    expect(Number(delayed.headers['retry-after'])).toBeGreaterThan(0);
    expect(delayed.json().type).toBe('urn:yuxin:problem:signin-delayed');
  });
});

describe('resetting an authenticator', () => {
  it('lets an administrator reset a staff member, audited, ending their sessions; never their own', async () => {
    const { agent: teacher } = await enrol('head03-8-2');
    const schoolAdmin = await ctx.signIn('sadmin03');
    const userId = await accountIdOf(ctx.db, 'head03-8-2');
    expect((await schoolAdmin.post(`/api/v1/staff/${userId}/two-factor/reset`)).statusCode).toBe(204);
    expect((await teacher.get('/api/v1/session')).statusCode).toBe(401);
    expect((await (await passwordOnly('head03-8-2')).get('/api/v1/session')).json().user.secondFactor).toBe('enrol');
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'staff.two_factor_reset')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ target_id: userId, username: 'sadmin03', outcome: 'success' });

    const own = await schoolAdmin.post(`/api/v1/staff/${await accountIdOf(ctx.db, 'sadmin03')}/two-factor/reset`);
    expect(own.statusCode).toBe(403);
    const districtCentre = await ctx.signIn('district01');
    expect((await districtCentre.post(`/api/v1/staff/${userId}/two-factor/reset`)).statusCode).toBe(403);
    expect(
      (await schoolAdmin.post(`/api/v1/staff/${await accountIdOf(ctx.db, 'psych07')}/two-factor/reset`)).statusCode,
    ).toBe(404);
  });

  it('never leaves both factors of a psychology account known to an administrator', async () => {
    const userId = await accountIdOf(ctx.db, 'head03-9-1');
    const schoolAdmin = await ctx.signIn('sadmin03');
    // No authenticator yet: a new password would open the account to whoever set it.
    const refused = await schoolAdmin.post(`/api/v1/accounts/${userId}/reset-password`);
    expect(refused.statusCode).toBe(403);
    await enrol('head03-9-1');
    expect((await schoolAdmin.post(`/api/v1/accounts/${userId}/reset-password`)).statusCode).toBe(200);
    // The administrator now knows the password: the authenticator stays until its owner has changed it.
    expect((await schoolAdmin.post(`/api/v1/staff/${userId}/two-factor/reset`)).statusCode).toBe(403);
  });
});

describe('the city rule', () => {
  it('asks every staff member for a second factor when the city says so', async () => {
    expect((await (await passwordOnly('teacher03')).get('/api/v1/session')).json().user.secondFactor).toBeNull();
    const cityAdmin = await ctx.signIn('admin');
    expect(
      (await (await ctx.signIn('sadmin03')).put('/api/v1/settings/two-factor', { allStaff: true })).statusCode,
    ).toBe(404);
    expect((await cityAdmin.put('/api/v1/settings/two-factor', { allStaff: true })).json()).toEqual({ allStaff: true });
    expect((await (await passwordOnly('teacher03')).get('/api/v1/session')).json().user.secondFactor).toBe('enrol');
    const student = ctx.demo.accounts.find((a) => a.role === 'student')!.username;
    expect((await (await passwordOnly(student)).get('/api/v1/session')).json().user.secondFactor).toBeNull();
    await cityAdmin.put('/api/v1/settings/two-factor', { allStaff: false });
  });
});
