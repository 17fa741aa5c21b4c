import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import { actorUsernames } from '../testing/matrix.js';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let counselor: Agent;
let psych: Agent;
let otherPsych: Agent;
let cityStaff: Agent;
let leader: Agent;

beforeAll(async () => {
  ctx = await startTestApp({}, { warning: { intervalMs: 0 } });
  f = await demoFixtures(ctx.db);
  const names = actorUsernames(ctx.demo);
  counselor = await ctx.signIn(names.hotline_counselor);
  psych = await ctx.signIn('psych03');
  otherPsych = await ctx.signIn('psych07');
  cityStaff = await ctx.signIn(names.city_staff);
  leader = await ctx.signIn(names.school_leader);
});
afterAll(() => ctx?.close());

const NOTES = '来电学生说最近常想到死，已和母亲吵架三天没说话。';
const call = (over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  startedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
  durationMinutes: 25,
  callerType: 'student',
  anonymous: false,
  topics: ['family', 'suicidal_thoughts'],
  risk: 'high',
  intervention: '共情倾听，安全评估，约定安全计划。',
  outcome: 'referred',
  followUp: '明晚回访',
  followUpAt: new Date(Date.now() + 86_400_000).toISOString(),
  notes: NOTES,
  ...over,
});

type Problem = { errors?: Array<{ field: string; message: string }> };
const fields = (res: { json: <T>() => T }) => res.json<Problem>().errors?.map((e) => e.field) ?? [];

describe('the role', () => {
  it("gives the counselor the hotline's pages, and the city centre's staff the counts only", async () => {
    const mine = (await counselor.get('/api/v1/session')).json<{ nav: string[]; can: string[] }>();
    expect(mine.nav).toEqual(['home', 'my-wellbeing', 'hotline-calls', 'hotline-shifts', 'hotline-report']);
    const city = (await cityStaff.get('/api/v1/session')).json<{ nav: string[]; can: string[] }>();
    expect(city.nav).toContain('hotline-report');
    expect(city.can).not.toContain('hotline.call');
    expect((await leader.get('/api/v1/session')).json<{ nav: string[] }>().nav).not.toContain('hotline-report');
  });
});

describe('recording calls', () => {
  it('stores an identified call with its notes encrypted, once per retry key, and audits reading it', async () => {
    const body = call({ studentId: f.demoStudent.id });
    const res = await counselor.post('/api/v1/hotline/calls', body);
    expect(res.statusCode).toBe(201);
    const again = await counselor.post('/api/v1/hotline/calls', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(res.json().id);

    const stored = await ctx.db
      .selectFrom('hotline_call')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.notes_enc).not.toContain('死');
    expect(stored.intervention_enc).not.toContain('安全');
    expect(stored.student_id).toBe(f.demoStudent.id);

    const read = await counselor.get(`/api/v1/hotline/calls/${res.json().id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ notes: NOTES, risk: 'high', student: { id: f.demoStudent.id } });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('target_id', '=', res.json().id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['hotline.call.record', 'hotline.call.read']));
    expect(JSON.stringify(audit)).not.toContain('死');

    // The list shows the structured record, never the free text.
    const list = await counselor.get('/api/v1/hotline/calls');
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toContain(NOTES);
  });

  it('refuses an anonymous call that names someone, a call dated ahead, and a student of no roster', async () => {
    const res = await counselor.post(
      '/api/v1/hotline/calls',
      call({
        anonymous: true,
        studentId: f.demoStudent.id,
        startedAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['/startedAt', '/studentId']));

    const ghost = await counselor.post('/api/v1/hotline/calls', call({ studentId: randomUUID() }));
    expect(ghost.statusCode).toBe(400);
    expect(fields(ghost)).toEqual(['/studentId']);

    const en = await counselor.post('/api/v1/hotline/calls', call({ studentId: randomUUID() }), {
      'accept-language': 'en',
    });
    expect(en.json<Problem>().errors?.[0]?.message).toMatch(/roster/);

    const bad = await counselor.post('/api/v1/hotline/calls', call({ risk: 'extreme' }));
    expect(bad.statusCode).toBe(400);
  });

  it('lets school staff and students reach no call', async () => {
    const id = await f.hotline.call('school-refused');
    for (const agent of [psych, leader, cityStaff]) {
      expect([403, 404]).toContain((await agent.get(`/api/v1/hotline/calls/${id}`)).statusCode);
      expect((await agent.get('/api/v1/hotline/calls')).statusCode).toBe(403);
    }
  });
});

describe('from a call to the school', () => {
  it("raises an alert for the school's psychology teacher with risk and reason, never the notes", async () => {
    const res = await counselor.post(
      '/api/v1/hotline/calls',
      call({ studentId: f.demoStudent.id, risk: 'imminent', schoolAlert: { reason: '学生表示今晚有计划。' } }),
    );
    expect(res.statusCode).toBe(201);
    const detail = (await counselor.get(`/api/v1/hotline/calls/${res.json().id}`)).json();
    expect(detail.schoolAlert).toMatchObject({ status: 'open', urgency: 'crisis', acknowledgedAt: null });

    const alert = await psych.get(`/api/v1/alerts/${detail.schoolAlert.id}`);
    expect(alert.statusCode).toBe(200);
    expect(alert.json().source).toBe('hotline');
    const text = JSON.stringify(alert.json());
    expect(text).toContain('学生表示今晚有计划。');
    expect(text).toContain('紧迫');
    expect(text).not.toContain(NOTES);
    expect(text).not.toContain('共情倾听');
    // The school's psychology teachers are told at once, as for every alert.
    const notified = await ctx.db
      .selectFrom('notification')
      .select('id')
      .where('alert_id', '=', detail.schoolAlert.id)
      .execute();
    expect(notified.length).toBeGreaterThan(0);
    // Another school's teacher does not see it.
    expect((await otherPsych.get(`/api/v1/alerts/${detail.schoolAlert.id}`)).statusCode).toBe(404);

    // The counselor sees the school acknowledge it.
    expect((await psych.post(`/api/v1/alerts/${detail.schoolAlert.id}/acknowledge`, {})).statusCode).toBe(200);
    const after = (await counselor.get(`/api/v1/hotline/calls/${res.json().id}`)).json();
    expect(after.schoolAlert.status).toBe('acknowledged');
    expect(after.schoolAlert.acknowledgedAt).not.toBeNull();

    // A call tells its school once.
    const twice = await counselor.post(`/api/v1/hotline/calls/${res.json().id}/alert`, { reason: '再次' });
    expect(twice.statusCode).toBe(409);
  });

  it('keeps an anonymous caller anonymous and a low risk at the centre', async () => {
    const anon = await counselor.post(
      '/api/v1/hotline/calls',
      call({ anonymous: true, schoolAlert: { reason: '高风险' } }),
    );
    expect(anon.statusCode).toBe(400);
    expect(fields(anon)).toContain('/anonymous');

    const low = await counselor.post(
      '/api/v1/hotline/calls',
      call({ studentId: f.demoStudent.id, risk: 'low', clientId: randomUUID() }),
    );
    expect(low.statusCode).toBe(201);
    const refused = await counselor.post(`/api/v1/hotline/calls/${low.json().id}/alert`, { reason: '想让学校知道' });
    expect(refused.statusCode).toBe(409);
    // Nothing was partially applied: no alert names the call.
    const row = await ctx.db
      .selectFrom('hotline_call')
      .select('alert_id')
      .where('id', '=', low.json().id)
      .executeTakeFirstOrThrow();
    expect(row.alert_id).toBeNull();
  });

  it('raises the alert after the call, in one step', async () => {
    const id = await f.hotline.call('after');
    const res = await counselor.post(`/api/v1/hotline/calls/${id}/alert`, { reason: '来电后评估为高风险。' });
    expect(res.statusCode).toBe(201);
    expect(res.json().schoolAlert).toMatchObject({ urgency: 'high', status: 'open' });
  });
});

describe('editing a call', () => {
  it('lets the recording counselor complete the follow-up and correct the risk, audited by field names only', async () => {
    const res = await counselor.post(
      '/api/v1/hotline/calls',
      call({ studentId: f.demoStudent.id, risk: 'medium', followUp: undefined, followUpAt: undefined }),
    );
    const id = res.json().id as string;
    const FOLLOW_UP = '次日回访，学生说已和母亲和好。';
    const edit = {
      risk: 'high',
      outcome: 'resolved',
      followUp: FOLLOW_UP,
      followUpAt: new Date(Date.now() + 3_600_000).toISOString(),
      notes: `${NOTES}（补记：提到外婆去世）`,
    };
    const updated = await counselor.patch(`/api/v1/hotline/calls/${id}`, edit);
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ risk: 'high', outcome: 'resolved', followUp: FOLLOW_UP });
    expect(updated.json().notes).toContain('外婆');

    const stored = await ctx.db
      .selectFrom('hotline_call')
      .select(['notes_enc', 'follow_up_enc'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.notes_enc).not.toContain('外婆');
    expect(stored.follow_up_enc).not.toContain('回访');

    const audits = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('target_id', '=', id)
      .where('action', '=', 'hotline.call.update')
      .execute();
    expect(audits).toHaveLength(1);
    const text = String(audits[0]!.payload);
    expect(text).toContain('"changed"');
    for (const field of ['risk', 'outcome', 'followUp', 'followUpAt', 'notes']) expect(text).toContain(field);
    expect(text).toContain('medium');
    expect(text).not.toContain('外婆');
    expect(text).not.toContain('回访');
    expect(text).not.toContain('死');

    // The same edit again changes and writes nothing.
    expect((await counselor.patch(`/api/v1/hotline/calls/${id}`, edit)).statusCode).toBe(200);
    const again = await ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('target_id', '=', id)
      .where('action', '=', 'hotline.call.update')
      .execute();
    expect(again).toHaveLength(1);

    // A follow-up time with its description cleared is refused on the field, in the caller's language.
    const cleared = await counselor.patch(`/api/v1/hotline/calls/${id}`, { followUp: '' });
    expect(cleared.statusCode).toBe(400);
    expect(fields(cleared)).toEqual(['/followUp']);
    const both = await counselor.patch(`/api/v1/hotline/calls/${id}`, { followUp: '', followUpAt: null });
    expect(both.statusCode).toBe(200);
    expect(both.json()).toMatchObject({ followUp: null, followUpAt: null });
  });

  it("refuses a colleague's call, an identity on an anonymous call, and anyone outside the centre", async () => {
    const colleagues = await f.hotline.call('colleague-int', 'home', 'colleague');
    const refused = await counselor.patch(`/api/v1/hotline/calls/${colleagues}`, { notes: '改写' });
    expect(refused.statusCode).toBe(403);
    // ...but reads it, as the centre shares its calls.
    expect((await counselor.get(`/api/v1/hotline/calls/${colleagues}`)).statusCode).toBe(200);
    const denied = await ctx.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('action', '=', 'hotline.call')
      .where('target_id', '=', colleagues)
      .execute();
    expect(denied.map((d) => d.outcome)).toContain('denied');

    const anon = await counselor.post('/api/v1/hotline/calls', call({ anonymous: true }));
    const named = await counselor.patch(`/api/v1/hotline/calls/${anon.json().id}`, { callerName: '王某' });
    expect(named.statusCode).toBe(400);
    expect(fields(named)).toEqual(['/callerName']);

    for (const agent of [psych, cityStaff])
      expect([403, 404]).toContain(
        (await agent.patch(`/api/v1/hotline/calls/${anon.json().id}`, { notes: 'x' })).statusCode,
      );
    const unknown = await counselor.patch(`/api/v1/hotline/calls/${randomUUID()}`, { notes: 'x' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('shifts', () => {
  it('shows the gaps in 24-hour coverage and refuses a shift that ends before it starts', async () => {
    const day = '2030-03-01';
    const at = (h: number) => new Date(Date.UTC(2030, 2, 1, h - 8)).toISOString();
    const counselorId = await f.hotline.counselorId();
    for (const [s, e] of [
      [0, 8],
      [8, 16],
    ])
      expect(
        (await counselor.post('/api/v1/hotline/shifts', { counselorId, startsAt: at(s!), endsAt: at(e!) })).statusCode,
      ).toBe(201);
    const board = await counselor.get(`/api/v1/hotline/shifts?from=${day}&days=1`);
    expect(board.statusCode).toBe(200);
    expect(board.json().shifts).toHaveLength(2);
    expect(board.json().gaps).toEqual([{ startsAt: at(16), endsAt: at(24) }]);
    expect(board.json().counselors.map((c: { id: string }) => c.id)).toContain(counselorId);

    const bad = await counselor.post('/api/v1/hotline/shifts', { counselorId, startsAt: at(10), endsAt: at(9) });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['/endsAt']);
    const notCounselor = await counselor.post('/api/v1/hotline/shifts', {
      counselorId: f.demoStudent.id,
      startsAt: at(16),
      endsAt: at(20),
    });
    expect(notCounselor.statusCode).toBe(400);
    expect(fields(notCounselor)).toEqual(['/counselorId']);
  });
});

describe('report', () => {
  it('gives the city centre counts with small cells suppressed, and no call', async () => {
    // Six more anonymous evening calls from guardians, on top of the calls above.
    for (let i = 0; i < 6; i++)
      await counselor.post(
        '/api/v1/hotline/calls',
        call({ anonymous: true, callerType: 'guardian', risk: 'low', followUp: undefined, followUpAt: undefined }),
      );
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const res = await cityStaff.get(`/api/v1/hotline/report?from=${day(-30)}&to=${day(1)}`);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.total).toBeGreaterThanOrEqual(10);
    const guardians = report.byCallerType.find((c: { key: string }) => c.key === 'guardian');
    expect(guardians.count).toBeGreaterThanOrEqual(6);
    // Counts 1–4 never leave the server.
    for (const list of [report.byHour, report.byTopic, report.byCallerType, report.byRisk])
      for (const c of list as Array<{ count: number | null }>)
        expect(c.count === null || c.count === 0 || c.count >= 5).toBe(true);
    expect(JSON.stringify(report)).not.toContain(NOTES);

    // The shifts of 2030-03-01 (00–16 China time) are its coverage; the rest of the day is a gap.
    const cover = (await cityStaff.get('/api/v1/hotline/report?from=2030-03-01&to=2030-03-01')).json();
    expect(cover.coverage).toMatchObject({ hours: 24, coveredHours: 16, share: 0.667, gapCount: 1 });
    expect(cover.coverage.gaps).toEqual([
      {
        startsAt: new Date(Date.UTC(2030, 2, 1, 8)).toISOString(),
        endsAt: new Date(Date.UTC(2030, 2, 1, 16)).toISOString(),
      },
    ]);

    const range = await cityStaff.get('/api/v1/hotline/report?from=2026-05-01&to=2026-04-01');
    expect(range.statusCode).toBe(400);
    expect(fields(range)).toEqual(['/to']);
  });
});
