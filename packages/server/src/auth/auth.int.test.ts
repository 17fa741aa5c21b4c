import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { hashToken } from './sessions.js';
import { DEMO_PASSWORD, startTestApp, type TestContext } from '../testing/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ clientFailureLimit: 6, clientWindowMinutes: 10 });
});
afterAll(() => ctx?.close());

async function sessionRow(cookie: string) {
  const token = cookie.replace('yx_sid=', '');
  return ctx.db
    .selectFrom('user_session')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirstOrThrow();
}

describe('sign-in and sessions', () => {
  it('sets an HttpOnly SameSite cookie and stores only a hash of the token', async () => {
    const agent = ctx.anonymous();
    const res = await agent.post('/api/v1/auth/login', { username: 'psych03', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'yx_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const stored = await sessionRow(agent.cookie!);
    expect(stored.token_hash).not.toContain(cookie.value);
    // A psychology teacher's password alone opens nothing: the session owes a second factor first.
    expect(res.json().user.secondFactor).toBe('enrol');
    expect(res.json().nav).toEqual(['home']);
    expect(res.json().can).toEqual([]);
    expect((await agent.get('/api/v1/students')).json().type).toBe('urn:yuxin:problem:second-factor-required');
    const full = (await (await ctx.signIn('psych03')).get('/api/v1/session')).json();
    expect(full.user.secondFactor).toBeNull();
    expect(full.nav).toEqual([
      'home',
      'my-wellbeing',
      'alerts',
      'cases',
      'follow-ups',
      'sweeps',
      'observe',
      'counseling',
      'mailbox',
      'transfers',
      'tier-review',
      'screening-results',
      'class-tiers',
      'campaigns',
      'reports',
      'supervision',
      'activities',
      'parent-lectures',
      'org',
      'students',
    ]);
    expect(full.can).toContain('response.read');
    expect(full.can).not.toContain('roster.import');
  });

  it('refuses unknown users and wrong passwords with the same localized message', async () => {
    const a = ctx.anonymous();
    const unknown = await a.post('/api/v1/auth/login', { username: 'no-such-user', password: 'whatever1' });
    const wrong = await a.post('/api/v1/auth/login', { username: 'leader03', password: 'whatever1' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    expect(unknown.json().detail).toBe('用户名或密码不正确。');
    a.locale = 'en';
    expect((await a.post('/api/v1/auth/login', { username: 'no-such-user', password: 'x' })).json().detail).toBe(
      'The username or password is incorrect.',
    );
  });

  it('ends a session that was idle too long, and one past its absolute lifetime', async () => {
    const idle = await ctx.signIn('psych03');
    await ctx.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('token_hash', '=', (await sessionRow(idle.cookie!)).token_hash)
      .execute();
    expect((await idle.get('/api/v1/session')).statusCode).toBe(401);

    const old = await ctx.signIn('psych03');
    await ctx.db
      .updateTable('user_session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', (await sessionRow(old.cookie!)).token_hash)
      .execute();
    expect((await old.get('/api/v1/session')).statusCode).toBe(401);
  });

  it('gives requests arriving together each its own session, and refuses a revoked one among them', async () => {
    const usernames = (['head_teacher', 'guardian', 'student'] as const).map(
      (role) => ctx.demo.accounts.find((a) => a.role === role)!.username,
    );
    const agents = await Promise.all(usernames.map((u) => ctx.signIn(u)));
    const revoked = await ctx.signIn(usernames[0]!);
    await ctx.db
      .updateTable('user_session')
      .set({ revoked_at: new Date() })
      .where('token_hash', '=', hashToken(revoked.cookie!.replace('yx_sid=', '')))
      .execute();
    const answers = await Promise.all([...agents, revoked].map((a) => a.get('/api/v1/session')));
    expect(answers.map((r) => r.statusCode)).toEqual([...usernames.map(() => 200), 401]);
    expect(answers.slice(0, -1).map((r) => r.json().user.username)).toEqual(usernames);
  });

  it("records first sign-ins arriving together and clears an account's failures, each in its session's write", async () => {
    // Students and guardians of the demo city, whose passwords are the demo one.
    const usernames = (
      await ctx.db
        .selectFrom('user_account')
        .select('username')
        .where('kind', 'in', ['student', 'guardian'])
        .where('disabled_at', 'is', null)
        .orderBy('username')
        .limit(3)
        .execute()
    ).map((a) => a.username);
    expect(usernames).toHaveLength(3);
    const ids = (
      await ctx.db.selectFrom('user_account').select(['id', 'username']).where('username', 'in', usernames).execute()
    ).map((a) => a.id);
    const lockedUntil = new Date(Date.now() - 60_000);
    await ctx.db
      .updateTable('user_account')
      .set({ activated_at: null, failed_attempts: 0, locked_until: null })
      .where('id', 'in', ids)
      .execute();
    await ctx.db
      .updateTable('user_account')
      .set({ failed_attempts: 4, locked_until: lockedUntil })
      .where('username', '=', usernames[0]!)
      .execute();
    const before = Date.now();
    await Promise.all(usernames.map((u) => ctx.signIn(u)));
    const after = await ctx.db
      .selectFrom('user_account')
      .select(['activated_at', 'failed_attempts', 'locked_until'])
      .where('id', 'in', ids)
      .execute();
    expect(after).toHaveLength(3);
    for (const a of after) {
      expect(a.failed_attempts).toBe(0);
      expect(a.locked_until).toBeNull();
      expect(a.activated_at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    }
    // An activation is kept from the first sign-in on.
    const first = after.map((a) => a.activated_at!.getTime()).sort();
    await Promise.all(usernames.map((u) => ctx.signIn(u)));
    const again = await ctx.db.selectFrom('user_account').select('activated_at').where('id', 'in', ids).execute();
    expect(again.map((a) => a.activated_at!.getTime()).sort()).toEqual(first);
  });

  it('signs out everywhere', async () => {
    const phone = await ctx.signIn('leader03');
    const laptop = await ctx.signIn('leader03');
    expect((await laptop.post('/api/v1/auth/logout-all')).statusCode).toBe(204);
    expect((await phone.get('/api/v1/session')).statusCode).toBe(401);
    expect((await laptop.get('/api/v1/session')).statusCode).toBe(401);
  });

  it('demands the CSRF token on every state-changing request', async () => {
    const agent = await ctx.signIn('psych03');
    const csrf = agent.csrf;
    agent.csrf = undefined;
    const missing = await agent.put('/api/v1/me/locale', { locale: 'en' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().type).toBe('urn:yuxin:problem:csrf');
    agent.csrf = 'forged';
    expect((await agent.put('/api/v1/me/locale', { locale: 'en' })).statusCode).toBe(403);
    agent.csrf = csrf;
    expect((await agent.put('/api/v1/me/locale', { locale: 'en' })).statusCode).toBe(204);
    await agent.put('/api/v1/me/locale', { locale: 'zh-CN' });
  });

  it('uses the saved language when the request names none', async () => {
    const agent = await ctx.signIn('head03-8-1');
    await agent.put('/api/v1/me/locale', { locale: 'en' });
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/students?pageSize=999',
      headers: { cookie: agent.cookie! },
    });
    expect(res.json().detail).toBe('"page size" must be at most 200.');
    await agent.put('/api/v1/me/locale', { locale: 'zh-CN' });
    // A change to one's own account is a write like any other: both are in the audit log, in order.
    const changes = await ctx.db
      .selectFrom('audit_log')
      .innerJoin('user_account', 'user_account.id', 'audit_log.user_id')
      .select(['audit_log.payload', 'audit_log.outcome', 'audit_log.target_id', 'user_account.id as accountId'])
      .where('user_account.username', '=', 'head03-8-1')
      .where('audit_log.action', '=', 'auth.locale')
      .orderBy('audit_log.id')
      .execute();
    expect(
      changes.map((c) => [
        (JSON.parse(c.payload) as { detail: unknown }).detail,
        c.outcome,
        c.target_id === c.accountId,
      ]),
    ).toEqual([
      [{ locale: 'en' }, 'success', true],
      [{ locale: 'zh-CN' }, 'success', true],
    ]);
  });

  it('throttles a client address after repeated failures, across accounts', async () => {
    const a = ctx.anonymous();
    const ip = '203.0.113.7';
    let last = await a.post('/api/v1/auth/login', { username: 'guess0', password: 'nope' }, { 'x-forwarded-for': ip });
    for (let i = 1; i < 7; i++) {
      last = await a.post('/api/v1/auth/login', { username: `guess${i}`, password: 'nope' }, { 'x-forwarded-for': ip });
    }
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.json().retryAfter).toBeGreaterThan(0);
    // Other addresses (another school's NAT) are unaffected.
    expect(
      (
        await a.post(
          '/api/v1/auth/login',
          { username: 'psych03', password: DEMO_PASSWORD },
          { 'x-forwarded-for': '198.51.100.9' },
        )
      ).statusCode,
    ).toBe(200);
  });
});

describe('failed sign-ins tell nobody who exists', () => {
  /** Status, Retry-After and body of each attempt, without the per-request fields. */
  async function attempts(username: string, ip: string, n: number) {
    const a = ctx.anonymous();
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const res = await a.post('/api/v1/auth/login', { username, password: 'Wrong2026x' }, { 'x-forwarded-for': ip });
      const { instance: _instance, requestId: _requestId, ...body } = res.json<Record<string, unknown>>();
      out.push({ status: res.statusCode, retryAfter: res.headers['retry-after'] ?? null, body });
    }
    return out;
  }

  it('answers five wrong passwords for an existing and for an unknown username identically', async () => {
    const existing = await attempts('leader03', '198.51.100.21', 6);
    const unknown = await attempts('leader99', '198.51.100.22', 6);
    expect(existing).toEqual(unknown);
    expect(existing.slice(0, 5).map((r) => (r as { status: number }).status)).toEqual([401, 401, 401, 401, 401]);
    // The sixth comes inside the growing delay: 429 with Retry-After, for both alike.
    expect(existing[5]).toMatchObject({
      status: 429,
      retryAfter: '1',
      body: { type: 'urn:yuxin:problem:signin-delayed' },
    });
    // Failures are counted per submitted name, whether an account has it or not.
    const rows = await ctx.db
      .selectFrom('signin_backoff')
      .selectAll()
      .where('username_key', 'in', ['leader03', 'leader99'])
      .execute();
    expect(rows.map((r) => [r.username_key, r.failures]).sort()).toEqual([
      ['leader03', 5],
      ['leader99', 5],
    ]);
  });

  it("lets a student sign in from their own address while a stranger's guesses are delayed; an admin clears the delay", async () => {
    const student = ctx.demo.accounts.find((a) => a.role === 'student')!.username;
    const stranger = '203.0.113.50';
    const guesses = await attempts(student, stranger, 6);
    expect((guesses[5] as { status: number }).status).toBe(429);
    // Even the right password waits at the stranger's address…
    const a = ctx.anonymous();
    expect(
      (
        await a.post(
          '/api/v1/auth/login',
          { username: student, password: DEMO_PASSWORD },
          { 'x-forwarded-for': stranger },
        )
      ).statusCode,
    ).toBe(429);
    // …while the student, at school, signs in at once.
    expect(
      (
        await a.post(
          '/api/v1/auth/login',
          { username: student, password: DEMO_PASSWORD },
          { 'x-forwarded-for': '198.51.100.30' },
        )
      ).statusCode,
    ).toBe(200);
    const admin = await ctx.signIn('sadmin03');
    const delays = () =>
      ctx.db
        .selectFrom('signin_backoff')
        .select('client_key')
        .where('username_key', '=', student.toLowerCase())
        .execute();
    expect((await delays()).map((d) => d.client_key)).toEqual([`ip:${stranger}`]);
    const userId = (
      await ctx.db.selectFrom('user_account').select('id').where('username', '=', student).executeTakeFirstOrThrow()
    ).id;
    expect((await admin.post(`/api/v1/accounts/${userId}/unlock`)).statusCode).toBe(204);
    expect(await delays()).toEqual([]);
    expect(
      (
        await a.post(
          '/api/v1/auth/login',
          { username: student, password: DEMO_PASSWORD },
          { 'x-forwarded-for': stranger },
        )
      ).statusCode,
    ).toBe(200);
  });
});

describe('errors', () => {
  it('answers bad input with problem+json naming the field, in the caller language', async () => {
    const a = ctx.anonymous();
    const zh = await a.post('/api/v1/auth/login', { username: 'psych03' });
    expect(zh.statusCode).toBe(400);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json()).toMatchObject({
      type: 'urn:yuxin:problem:validation',
      status: 400,
      errors: [{ field: '/password', message: '“密码”为必填项。' }],
    });
    a.locale = 'en';
    expect((await a.post('/api/v1/auth/login', { username: 'psych03' })).json().errors[0].message).toBe(
      '"password" is required.',
    );
  });

  it('limits request bodies', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().type).toBe('urn:yuxin:problem:payload-too-large');
  });

  it('answers unknown API routes with a problem, and serves the OpenAPI document', async () => {
    const res = await ctx.anonymous().get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().type).toBe('urn:yuxin:problem:not-found');
    const doc = await ctx.anonymous().get('/api/docs/json');
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain('/api/v1/students/{id}');
  });
});

describe('logs', () => {
  it('never contain passwords, session tokens or CSRF tokens', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({ db: ctx.db, config: { ...ctx.config, logLevel: 'trace' } }, { logStream: stream });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'psych03', password: DEMO_PASSWORD },
    });
    const token = login.cookies.find((c) => c.name === 'yx_sid')!.value;
    const csrf = login.json().csrfToken as string;
    await app.inject({
      method: 'PUT',
      url: '/api/v1/me/locale',
      payload: { locale: 'zh-CN' },
      headers: { cookie: `yx_sid=${token}`, 'x-csrf-token': csrf },
    });
    await app.close();
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(DEMO_PASSWORD);
    expect(all).not.toContain(token);
    expect(all).not.toContain(csrf);
  });
});
