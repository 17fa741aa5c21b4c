import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../../testing/harness.js';
import { actorUsernames } from '../../testing/matrix.js';
import { createAssignment, createCampaign, CALM_ANSWERS } from '../../testing/screening-factory.js';
import { codeFinder, generateCode, hashCode, normalizeCode } from './codes.js';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let teacher: Agent;

beforeAll(async () => {
  ctx = await startTestApp({ clientFailureLimit: 5, clientWindowMinutes: 10 });
  f = await demoFixtures(ctx.db);
  teacher = await ctx.signIn(actorUsernames(ctx.demo).head_teacher);
});
afterAll(() => ctx?.close());

interface Slip {
  assignmentId: string;
  studentNo: string;
  code: string;
  url: string;
}

/** A fresh open campaign with a self-report for two students of the demo class, and its codes. */
async function classWithCodes(body: Record<string, unknown> = {}) {
  const campaignId = await createCampaign(ctx.db, f.home);
  const students = await ctx.db
    .selectFrom('student')
    .selectAll()
    .where('class_id', '=', f.homeClass.id)
    .orderBy('student_no')
    .limit(2)
    .execute();
  for (const s of students) await createAssignment(ctx.db, campaignId, s);
  const url = `/api/v1/campaigns/${campaignId}/classes/${f.homeClass.id}/screening-codes`;
  const res = await teacher.post(url, body);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return { campaignId, url, students, slips: res.json<{ slips: Slip[] }>().slips };
}

const signInWith = async (code: string, extra: Record<string, unknown> = {}) => {
  const agent = ctx.anonymous();
  const res = await agent.post('/api/v1/auth/screening-code', { code, ...extra });
  return { agent, res };
};

describe('screening codes', () => {
  it('issues a ≥128-bit code per student, keeps only its SHA-256, and signs in to that one questionnaire', async () => {
    const { slips, students } = await classWithCodes();
    expect(slips).toHaveLength(2);
    const slip = slips[0]!;
    expect(normalizeCode(slip.code)).toHaveLength(26);
    expect(slip.url).toMatch(/\/login#code=/);
    const stored = await ctx.db
      .selectFrom('screening_code')
      .selectAll()
      .where('assignment_id', '=', slip.assignmentId)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.code_hash).toBe(hashCode(normalizeCode(slip.code)!));
    expect(JSON.stringify(stored)).not.toContain(normalizeCode(slip.code));

    // Typed in lower case, without dashes, with O for 0: read as meant.
    const typed = slip.code.toLowerCase().replace(/-/g, '').replace(/0/g, 'o');
    const { agent, res } = await signInWith(typed);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.user.onlyAssignment).toBe(slip.assignmentId);
    expect(view.nav).toEqual(['my-screenings']);
    expect(view.can).toEqual(['screening.take']);
    // The account made for the code has no password yet; a code session is never sent to change one.
    expect(view.user.mustChangePassword).toBe(false);
    // Only the student's own binding is kept, named as a password sign-in names it.
    const student = students.find((s) => s.student_no === slip.studentNo)!;
    expect(view.user.bindings).toEqual([
      { id: expect.any(String), role: 'student', scope: { level: 'person', id: student.id, name: student.name } },
    ]);

    const list = await agent.get('/api/v1/my/screenings');
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([slip.assignmentId]);
    const detail = await agent.get(`/api/v1/my/screenings/${slip.assignmentId}?definitions=by-url`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().instruments).toEqual([]);
    expect(detail.json().definitionUrls[0]).toBe('/api/v1/questionnaire-definitions/phqa/1/zh-CN');
    const draft = await agent.put(`/api/v1/my/screenings/${slip.assignmentId}/draft`, { answers: { phqa: [1, 0] } });
    expect(draft.statusCode, draft.body).toBe(200);
    const submit = await agent.post(`/api/v1/my/screenings/${slip.assignmentId}/submit`, {
      submissionId: crypto.randomUUID(),
      answers: CALM_ANSWERS,
    });
    expect(submit.statusCode, submit.body).toBe(200);

    // The classmate's questionnaire, and everything else of the account, stay closed.
    expect((await agent.get(`/api/v1/my/screenings/${slips[1]!.assignmentId}`)).statusCode).toBe(404);
    expect((await agent.get('/api/v1/me/profile')).statusCode).toBe(403);
    expect((await agent.put('/api/v1/me/locale', { locale: 'en' })).statusCode).toBe(403);

    // Audited with the assignment it opened, never the code.
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['outcome', 'target_id', 'payload'])
      .where('action', '=', 'auth.screening_code')
      .where('target_id', '=', slip.assignmentId)
      .execute();
    expect(audit.map((a) => a.outcome)).toEqual(['success']);
    const issuedAudit = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', 'in', ['screening_code.issue', 'auth.screening_code'])
      .execute();
    for (const a of issuedAudit) expect(a.payload).not.toContain(normalizeCode(slip.code)!.slice(0, 12));
    expect(students.length).toBe(2);
  });

  it('keeps one device per code, and a reissue or a class revocation ends the old code and its session', async () => {
    const { slips, url } = await classWithCodes();
    const first = await signInWith(slips[0]!.code);
    const second = await signInWith(slips[0]!.code);
    expect(second.res.statusCode).toBe(200);
    expect((await first.agent.get('/api/v1/session')).statusCode).toBe(401);
    expect((await second.agent.get('/api/v1/session')).statusCode).toBe(200);

    const reissued = await teacher.post(url, {});
    expect(reissued.json().replaced).toBe(2);
    expect((await second.agent.get('/api/v1/session')).statusCode).toBe(401);
    expect((await signInWith(slips[0]!.code)).res.statusCode).toBe(401);
    const fresh = reissued.json<{ slips: Slip[] }>().slips[0]!;
    const third = await signInWith(fresh.code);
    expect(third.res.statusCode).toBe(200);

    const before = (await teacher.get(url)).json();
    expect(before.active).toBe(2);
    const revoked = await teacher.delete(url);
    expect(revoked.json()).toEqual({ revoked: 2 });
    // Taken back, not never issued: the last issue is still known.
    expect((await teacher.get(url)).json()).toEqual({ active: 0, lastIssuedAt: before.lastIssuedAt });
    expect((await third.agent.get('/api/v1/session')).statusCode).toBe(401);
    const refused = await signInWith(fresh.code);
    expect(refused.res.statusCode).toBe(401);
    expect(refused.res.json().detail).toContain('筛查码');
  });

  it('looks up the codes of sign-ins arriving together in one statement, each answered as its own', async () => {
    const { slips } = await classWithCodes();
    let statements = 0;
    const counted = ctx.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => (statements++, args.result),
    });
    const finder = codeFinder(counted);
    const lookup = (code: string, clientKey: string) =>
      finder.load({ codeHash: hashCode(normalizeCode(code)!), clientKey });
    const [first, unknown, second] = await Promise.all([
      lookup(slips[0]!.code, 'code-ip:one'),
      lookup(generateCode(), 'code-ip:two'),
      lookup(slips[1]!.code.toLowerCase(), 'code-ip:three'),
    ]);
    expect(statements).toBe(1);
    expect(first?.assignment_id).toBe(slips[0]!.assignmentId);
    expect(unknown).toBeUndefined();
    expect(second?.assignment_id).toBe(slips[1]!.assignmentId);
    // Nothing is kept between lookups: a code revoked since opens nothing.
    await ctx.db
      .updateTable('screening_code')
      .set({ revoked_at: new Date() })
      .where('assignment_id', '=', slips[0]!.assignmentId)
      .execute();
    expect((await lookup(slips[0]!.code, 'code-ip:one'))?.revoked_at).toBeInstanceOf(Date);
    expect(statements).toBe(2);

    // Through the route: sign-ins at the same moment each get their own student's session, or their own refusal.
    const { slips: other } = await classWithCodes();
    const results = await Promise.all([
      signInWith(other[0]!.code),
      signInWith(generateCode()),
      signInWith(other[1]!.code),
    ]);
    expect(results.map((r) => r.res.statusCode)).toEqual([200, 401, 200]);
    const sessions = await Promise.all([results[0], results[2]].map((r) => r.agent.get('/api/v1/session')));
    expect(sessions.map((r) => r.statusCode)).toEqual([200, 200]);
    const names = sessions.map((r) => JSON.stringify(r.json()));
    expect(names[0]).not.toEqual(names[1]);
    // The unknown code counted against this test client's address; the next tests start without it.
    await ctx.db.deleteFrom('signin_throttle').where('client_key', 'like', 'code-ip:%').execute();
  });

  it('asks for the birth date when the class was issued codes with it', async () => {
    const { slips, students } = await classWithCodes({ confirmBirthDate: true });
    const student = students.find((s) => s.id !== undefined && slips[0]!.studentNo === s.student_no)!;
    await ctx.db.updateTable('student').set({ birth_date: '2012-05-06' }).where('id', '=', student.id).execute();
    expect((await signInWith(slips[0]!.code)).res.statusCode).toBe(401);
    expect((await signInWith(slips[0]!.code, { birthDate: '2012-05-07' })).res.statusCode).toBe(401);
    expect((await signInWith(slips[0]!.code, { birthDate: '2012-05-06' })).res.statusCode).toBe(200);
  });

  it('opens nothing outside the campaign window, and refuses to issue codes for a closed campaign', async () => {
    const { slips, campaignId, url } = await classWithCodes();
    await ctx.db
      .updateTable('campaign')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where('id', '=', campaignId)
      .execute();
    const late = await signInWith(slips[0]!.code);
    expect(late.res.statusCode).toBe(403);
    const again = await teacher.post(url, {});
    expect(again.statusCode).toBe(409);
  });

  it('throttles a client address that keeps sending wrong codes', async () => {
    await ctx.db.deleteFrom('signin_throttle').where('client_key', 'like', 'code-ip:%').execute();
    const agent = ctx.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await agent.post('/api/v1/auth/screening-code', { code: `wrong-code-${i}` })).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[6]).toBe(429);
    // A right code from the locked-out address waits as well: its throttle comes with the code's lookup.
    const { slips } = await classWithCodes();
    const right = await agent.post('/api/v1/auth/screening-code', { code: slips[0]!.code });
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBeDefined();
    await ctx.db.deleteFrom('signin_throttle').where('client_key', 'like', 'code-ip:%').execute();
    expect((await agent.post('/api/v1/auth/screening-code', { code: slips[0]!.code })).statusCode).toBe(200);
    await ctx.db.deleteFrom('signin_throttle').where('client_key', 'like', 'code-ip:%').execute();
  });
});

describe('questionnaire definitions', () => {
  it('serves an immutable definition with a strong ETag and answers 304 when it is current', async () => {
    const agent = ctx.anonymous();
    const res = await agent.get('/api/v1/questionnaire-definitions/phqa/1/en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(res.json().code).toBe('phqa');
    expect(res.json().items.length).toBeGreaterThan(0);
    const zh = await agent.get('/api/v1/questionnaire-definitions/phqa/1/zh-CN');
    expect(zh.headers.etag).not.toBe(etag);
    const cached = await agent.get('/api/v1/questionnaire-definitions/phqa/1/en', { 'if-none-match': etag });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    expect((await agent.get('/api/v1/questionnaire-definitions/phqa/999/en')).statusCode).toBe(404);
  });
});
