import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureStudentAccount } from '../testing/account-fixtures.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 15, 心理信箱: a student writes to the school's psychology teachers, named or anonymous. Teachers of
 * another school never see a letter, a student never sees another's, an anonymous letter leads to no one
 * (not in its row, its audit rows or its refusal), a named one marked at risk becomes the student's alert,
 * and every letter is encrypted at rest.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let psychOther: Agent;
let student: Agent;
let otherStudent: Agent;
let head: Agent;
let studentUserId: string;

const NAMED = '最近总是睡不着，觉得活着没意思，不知道该跟谁说。';
const ANON = '我被同学孤立了，不想让人知道是我。';

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  const students = ctx.demo.accounts.filter((a) => a.role === 'student');
  const by = (role: string) => ctx.demo.accounts.find((a) => a.role === role)!.username;
  psych = await ctx.signIn('psych03');
  psychOther = await ctx.signIn('psych07');
  student = await ctx.signIn(students[0]!.username);
  // A classmate of the demo student with an account of their own.
  const other = await ensureStudentAccount(
    ctx.db,
    f.homeStudent.id === f.demoStudent.id ? f.homeOtherClassStudent.id : f.homeStudent.id,
    'Classmate-2026',
  );
  otherStudent = await ctx.signIn(other.username, 'Classmate-2026');
  head = await ctx.signIn(by('head_teacher'));
  const u = await ctx.db
    .selectFrom('user_account')
    .select(['id', 'student_id'])
    .where('username', '=', students[0]!.username)
    .executeTakeFirstOrThrow();
  studentUserId = u.id;
});
afterAll(() => ctx?.close());

async function write(agent: Agent, text: string, anonymous: boolean, clientId = randomUUID()) {
  const res = await agent.post('/api/v1/my/mailbox', { text, anonymous, clientId });
  expect([200, 201], res.body).toContain(res.statusCode);
  return res.json<{ id: string; created: boolean }>();
}

describe('the mailbox', () => {
  let named: string;
  let anon: string;

  it('takes a named and an anonymous letter, once per client id, and lists them for their writer only', async () => {
    const key = randomUUID();
    const first = await write(student, NAMED, false, key);
    const again = await write(student, NAMED, false, key);
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    named = first.id;
    anon = (await write(student, ANON, true)).id;

    const mine = (await student.get('/api/v1/my/mailbox')).json().items as { id: string; state: string }[];
    expect(mine.map((t) => t.id).sort()).toEqual([named, anon].sort());
    expect(mine.every((t) => t.state === 'waiting')).toBe(true);
    const theirs = (await otherStudent.get('/api/v1/my/mailbox')).json().items as { id: string }[];
    expect(theirs.map((t) => t.id)).not.toContain(named);
    expect((await otherStudent.get(`/api/v1/my/mailbox/${named}`)).statusCode).toBe(404);
    expect((await otherStudent.get(`/api/v1/my/mailbox/${anon}`)).statusCode).toBe(404);
    expect(
      (await otherStudent.post(`/api/v1/my/mailbox/${anon}/messages`, { text: '冒充', clientId: randomUUID() }))
        .statusCode,
    ).toBe(404);
  });

  it('stores letters encrypted, and an anonymous one with no student, class or raw id', async () => {
    const bodies = await ctx.db.selectFrom('mailbox_message').select('body_enc').execute();
    const dump = JSON.stringify(bodies);
    expect(dump).not.toContain('睡不着');
    expect(dump).not.toContain('孤立');
    const rows = await ctx.db.selectFrom('mailbox_thread').selectAll().where('id', 'in', [named, anon]).execute();
    const a = rows.find((r) => r.id === anon)!;
    expect(a.student_id).toBeNull();
    expect(a.class_id).toBeNull();
    expect(a.grade_id).toBeNull();
    const raw = JSON.stringify(a);
    expect(raw).not.toContain(f.demoStudent.id);
    expect(raw).not.toContain(studentUserId);
    // Nowhere in the database in plain text, whatever the column.
    const hits = await sql<{ n: number }>`select count(*)::int as n from mailbox_message m
      where m::text like ${'%睡不着%'}`.execute(ctx.db);
    expect(hits.rows[0]!.n).toBe(0);
  });

  it("shows the school's letters to its psychology teachers only, unanswered first, the writer only when named", async () => {
    const list = await psych.get('/api/v1/mailbox');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string; anonymous: boolean; student: unknown; state: string }[];
    const n = items.find((t) => t.id === named)!;
    const a = items.find((t) => t.id === anon)!;
    expect(n.student).toMatchObject({ name: expect.any(String), className: expect.any(String) });
    expect(a.student).toBeNull();
    expect(JSON.stringify(a)).not.toContain(f.demoStudent.id);

    expect((await psychOther.get('/api/v1/mailbox')).json().items.map((t: { id: string }) => t.id)).not.toContain(
      named,
    );
    expect((await psychOther.get(`/api/v1/mailbox/${named}`)).statusCode).toBe(404);
    expect((await psychOther.get(`/api/v1/mailbox/${anon}`)).statusCode).toBe(404);
    expect(
      (await psychOther.post(`/api/v1/mailbox/${named}/replies`, { text: 'x', clientId: randomUUID() })).statusCode,
    ).toBe(404);
    expect((await head.get(`/api/v1/mailbox/${named}`)).statusCode).toBe(403);
    expect((await head.get('/api/v1/my/mailbox')).statusCode).toBe(403);

    const read = await psych.get(`/api/v1/mailbox/${anon}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().student).toBeNull();
    expect(read.json().messages[0].text).toBe(ANON);
  });

  it('answers a letter once per client id, tells the writer without naming the letter, and the writer reads it', async () => {
    const key = randomUUID();
    const answer = '谢谢你愿意说出来。明天中午来心理辅导室找我好吗？';
    const res = await psych.post(`/api/v1/mailbox/${named}/replies`, { text: answer, clientId: key });
    expect(res.statusCode, res.body).toBe(201);
    const again = await psych.post(`/api/v1/mailbox/${named}/replies`, { text: answer, clientId: key });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(res.json().id);
    await psych.post(`/api/v1/mailbox/${anon}/replies`, { text: '我们一直都在。', clientId: randomUUID() });

    const notices = await ctx.db
      .selectFrom('notification')
      .select(['payload'])
      .where('user_id', '=', studentUserId)
      .where('kind', '=', 'mailbox.answered')
      .execute();
    expect(notices).toHaveLength(2);
    const text = JSON.stringify(notices);
    expect(text).not.toContain(named);
    expect(text).not.toContain(anon);
    expect(text).not.toContain('辅导室找我');

    const thread = (await student.get(`/api/v1/my/mailbox/${named}`)).json();
    expect(thread.state).toBe('answered');
    expect(thread.messages.map((m: { author: string; text: string }) => [m.author, m.text])).toEqual([
      ['student', NAMED],
      ['teacher', answer],
    ]);
    const followUp = await student.post(`/api/v1/my/mailbox/${named}/messages`, {
      text: '好的，我会去。',
      clientId: randomUUID(),
    });
    expect(followUp.statusCode).toBe(201);
    const queue = (await psych.get('/api/v1/mailbox')).json().items as { id: string; state: string }[];
    const waiting = queue.filter((t) => t.state === 'waiting');
    expect(queue.slice(0, waiting.length).every((t) => t.state === 'waiting')).toBe(true);
    expect(queue.find((t) => t.id === named)!.state).toBe('waiting');
  });

  it('refuses a risk mark on an anonymous letter, localized and audited, and names no one', async () => {
    const res = await psych.post(
      `/api/v1/mailbox/${anon}/risk`,
      { reason: '提到被孤立', urgency: 'high' },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/anonymous/);
    expect(res.body).not.toContain(f.demoStudent.id);
    const zh = await psych.post(`/api/v1/mailbox/${anon}/risk`, { reason: '提到被孤立', urgency: 'high' });
    expect(zh.json().detail).toMatch(/匿名/);
    const alerts = await ctx.db.selectFrom('alert').select('id').where('source', '=', 'mailbox').execute();
    expect(alerts).toHaveLength(0);
  });

  it("turns a named letter at risk into the student's alert, raised like every other", async () => {
    const bad = await psych.post(`/api/v1/mailbox/${named}/risk`, { reason: ' ', urgency: 'crisis' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/reason');
    const res = await psych.post(`/api/v1/mailbox/${named}/risk`, {
      reason: '有消极念头，需当面评估',
      urgency: 'crisis',
    });
    expect(res.statusCode, res.body).toBe(201);
    const alertId = res.json().alertId as string;
    const alert = await ctx.db.selectFrom('alert').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ student_id: f.demoStudent.id, source: 'mailbox', urgency: 'crisis', status: 'open' });
    expect(JSON.stringify(alert.reasons)).not.toContain('消极念头');
    // announceAlert ran: the raise is recorded and the school's psychology teachers are told.
    const events = await ctx.db.selectFrom('alert_event').select('kind').where('alert_id', '=', alertId).execute();
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['raised', 'notified']));
    const view = (await psych.get(`/api/v1/alerts/${alertId}`)).json();
    expect(view.source).toBe('mailbox');
    expect(view.reasons[0].text).toContain('有消极念头');
    expect((await psych.post(`/api/v1/mailbox/${named}/risk`, { reason: '再次', urgency: 'high' })).statusCode).toBe(
      409,
    );
    expect((await psych.get(`/api/v1/mailbox/${named}`)).json().risk).toMatchObject({ alertId });
  });

  it('audits every write and staff read, and no audit row pairs the writer with the anonymous letter', async () => {
    const rows = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'target_id', 'outcome', 'payload'])
      .where('action', 'like', 'mailbox.%')
      .execute();
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'mailbox.write',
        'mailbox.list',
        'mailbox.thread.read',
        'mailbox.answer',
        'mailbox.risk',
      ]),
    );
    expect(rows.some((r) => r.action === 'mailbox.risk' && r.outcome === 'denied' && r.target_id === anon)).toBe(true);
    const byStudent = rows.filter((r) => r.user_id === studentUserId);
    expect(byStudent.length).toBeGreaterThan(0);
    expect(JSON.stringify(byStudent)).not.toContain(anon);
    // The anonymous write is placed at the city only: the school's audit readers do not see who wrote.
    const anonWrites = await ctx.db
      .selectFrom('audit_log')
      .select(['school_id', 'district_id', 'target_id'])
      .where('action', '=', 'mailbox.write')
      .where('user_id', '=', studentUserId)
      .where('target_type', '=', 'mailbox')
      .execute();
    expect(anonWrites.length).toBeGreaterThan(0);
    expect(anonWrites.every((r) => r.school_id === null && r.district_id === null && r.target_id === null)).toBe(true);
    const all = JSON.stringify(rows);
    expect(all).not.toContain('睡不着');
    expect(all).not.toContain('孤立');
  });
});
