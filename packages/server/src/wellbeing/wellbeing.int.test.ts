import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import { actorUsernames, type MatrixActor } from '../testing/matrix.js';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let teacher: Agent;
let teacherId: string;
const agents = new Map<string, Agent>();

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  const names = actorUsernames(ctx.demo);
  teacher = await ctx.signIn(names.teacher);
  teacherId = (
    await ctx.db.selectFrom('user_account').select('id').where('username', '=', names.teacher).executeTakeFirstOrThrow()
  ).id;
  for (const actor of [
    'school_leader',
    'school_admin',
    'city_admin',
    'psych_teacher',
    'district_staff',
    'city_staff',
    'supervisor',
    'other_school_psych',
  ] as const satisfies readonly MatrixActor[])
    agents.set(actor, await ctx.signIn(names[actor]));
});
afterAll(() => ctx?.close());

const phq9 = (answers: Array<number | null>, clientId = randomUUID()) => ({ clientId, instrument: 'phq9', answers });
const as = (actor: MatrixActor) => agents.get(actor)!;

type Taken = {
  id: string;
  level: string | null;
  total: number | null;
  critical: boolean;
  offerCallback: boolean;
  hotlines: Array<{ name: string; number: string }>;
};

describe("a teacher's own self-screening", () => {
  it('offers the adult instruments and shows their questions without scoring hints', async () => {
    const page = (await teacher.get('/api/v1/my/wellbeing')).json<{ instruments: Array<{ code: string }> }>();
    expect(page.instruments.map((i) => i.code)).toEqual(['phq9', 'gad7', 'who5']);
    const def = await teacher.get('/api/v1/my/wellbeing/instruments/phq9');
    expect(def.statusCode).toBe(200);
    expect(def.json<{ items: unknown[] }>().items).toHaveLength(9);
    expect(def.body).not.toMatch(/band|critical/i);
    expect((await teacher.get('/api/v1/my/wellbeing/instruments/phqa')).statusCode).toBe(400);
  });

  it('keeps only score and level, once per retry key, and reads it back to the teacher alone', async () => {
    const body = phq9([0, 1, 0, 0, 0, 0, 0, 0, 0]);
    const first = await teacher.post('/api/v1/my/wellbeing', body);
    expect(first.statusCode).toBe(201);
    const taken = first.json<Taken>();
    expect(taken).toMatchObject({ level: 'steady', total: 1, critical: false, offerCallback: false });
    const again = await teacher.post('/api/v1/my/wellbeing', body);
    expect(again.statusCode).toBe(200);
    expect(again.json<Taken>().id).toBe(taken.id);

    // Nothing of the answers is stored: the row has a score and a band and no other content.
    const row = await ctx.db
      .selectFrom('staff_wellbeing_result')
      .selectAll()
      .where('id', '=', taken.id)
      .executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(
      [
        'band',
        'city_id',
        'client_id',
        'district_id',
        'id',
        'instrument_code',
        'instrument_version',
        'school_id',
        'taken_at',
        'total',
        'user_id',
      ].sort(),
    );

    const mine = (await teacher.get('/api/v1/my/wellbeing')).json<{ results: Array<{ id: string }> }>();
    expect(mine.results.map((r) => r.id)).toContain(taken.id);
    expect((await teacher.get(`/api/v1/my/wellbeing/results/${taken.id}`)).statusCode).toBe(200);

    // Nobody else reads it: not the leader, the psychology teacher, an administrator or a centre.
    for (const [actor, agent] of agents) {
      const res = await agent.get(`/api/v1/my/wellbeing/results/${taken.id}`);
      expect([403, 404], actor).toContain(res.statusCode);
      const own = await agent.get('/api/v1/my/wellbeing');
      if (own.statusCode === 200) expect(own.body, actor).not.toContain(taken.id);
    }
  });

  it("audits the take without the outcome and out of the school's audit log", async () => {
    const taken = (await teacher.post('/api/v1/my/wellbeing', phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]))).json<Taken>();
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'school_id', 'district_id', 'payload'])
      .where('target_id', '=', taken.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['wellbeing.self.take']);
    expect(audit[0]!.school_id).toBeNull();
    expect(audit[0]!.district_id).toBeNull();
    expect(audit[0]!.payload).not.toMatch(/"(total|band|level)"|some_strain|mild/);
  });

  it('refuses incomplete or malformed answers with a 400 naming the item', async () => {
    const skipped = await teacher.post('/api/v1/my/wellbeing', phq9([0, 0, 0, 0, 0, 0, 0, 0, null]));
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toEqual(['/answers/8']);
    const short = await teacher.post('/api/v1/my/wellbeing', phq9([0, 0, 0]));
    expect(short.statusCode).toBe(400);
    const outOfRange = await teacher.post('/api/v1/my/wellbeing', phq9([0, 0, 0, 0, 7, 0, 0, 0, 0]));
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json<{ errors: Array<{ field: string }> }>().errors[0]!.field).toBe('/answers/4');
  });
});

describe('a critical answer and the call-back', () => {
  it('shows the hotline at once and asks nobody to call until the teacher chooses it', async () => {
    const res = await teacher.post('/api/v1/my/wellbeing', phq9([0, 0, 0, 0, 0, 0, 0, 0, 2]));
    expect(res.statusCode).toBe(201);
    const taken = res.json<Taken>();
    expect(taken.critical).toBe(true);
    expect(taken.offerCallback).toBe(true);
    expect(taken.hotlines.length).toBeGreaterThan(0);
    const queued = await ctx.db
      .selectFrom('staff_wellbeing_callback')
      .select('id')
      .where('user_id', '=', teacherId)
      .execute();
    expect(queued).toEqual([]);
    const queue = (await as('district_staff').get('/api/v1/wellbeing/callbacks')).json<{ items: unknown[] }>();
    expect(JSON.stringify(queue)).not.toContain(teacherId);
  });

  it("queues the call-back the teacher asks for at their district's centre, with name, phone and time only", async () => {
    const bad = await teacher.post('/api/v1/my/wellbeing/callback', { clientId: randomUUID(), phone: '12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: Array<{ field: string }> }>().errors[0]!.field).toBe('/phone');

    const body = { clientId: randomUUID(), phone: '139 1234 5678' };
    const asked = await teacher.post('/api/v1/my/wellbeing/callback', body);
    expect(asked.statusCode).toBe(201);
    const { id } = asked.json<{ id: string }>();
    expect((await teacher.post('/api/v1/my/wellbeing/callback', body)).json<{ id: string }>().id).toBe(id);
    const stored = await ctx.db
      .selectFrom('staff_wellbeing_callback')
      .select('phone_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.phone_enc).not.toContain('13912345678');

    const queue = await as('district_staff').get('/api/v1/wellbeing/callbacks');
    expect(queue.statusCode).toBe(200);
    const items = queue.json<{ items: Array<Record<string, unknown>> }>().items;
    const item = items.find((i) => i.id === id)!;
    expect(Object.keys(item).sort()).toEqual(['doneAt', 'id', 'name', 'phone', 'requestedAt']);
    expect(item.phone).toBe('13912345678');
    // Not a word of the screening reaches the centre.
    expect(queue.body).not.toMatch(/phq9|PHQ|"total"|"level"|"band"|steady|more_support|critical/);

    // The city centre calls back staff without a school, not a district's; the leader has no queue.
    const city = (await as('city_staff').get('/api/v1/wellbeing/callbacks')).json<{ items: Array<{ id: string }> }>();
    expect(city.items.map((i) => i.id)).not.toContain(id);
    expect((await as('school_leader').get('/api/v1/wellbeing/callbacks')).statusCode).toBe(403);
    expect((await as('city_staff').post(`/api/v1/wellbeing/callbacks/${id}/done`)).statusCode).toBe(404);

    const done = await as('district_staff').post(`/api/v1/wellbeing/callbacks/${id}/done`);
    expect(done.statusCode).toBe(200);
    expect((await as('district_staff').post(`/api/v1/wellbeing/callbacks/${id}/done`)).statusCode).toBe(409);
    const open = (await as('district_staff').get('/api/v1/wellbeing/callbacks')).json<{
      items: Array<{ id: string }>;
    }>();
    expect(open.items.map((i) => i.id)).not.toContain(id);
    const doneList = (await as('district_staff').get('/api/v1/wellbeing/callbacks?status=done')).json<{
      items: Array<{ id: string }>;
    }>();
    expect(doneList.items.map((i) => i.id)).toContain(id);
    const mine = (await teacher.get('/api/v1/my/wellbeing')).json<{
      callbacks: Array<{ id: string; doneAt: string }>;
    }>();
    expect(mine.callbacks.find((c) => c.id === id)?.doneAt).toBeTruthy();
  });
});

describe('counts for schools and districts', () => {
  type Counts = {
    levels: string[];
    rows: Array<{ unitId: string | null; counts: Array<number | null>; total: number | null }>;
    totals: Array<number | null>;
    total: number | null;
  };

  async function staffWithResult(band: string, instrument = 'gad7') {
    const user = await ctx.db
      .insertInto('user_account')
      .values({
        kind: 'staff',
        username: `wb-${randomUUID().slice(0, 12)}`,
        display_name: '测试老师',
        password_hash: 'x',
        student_id: null,
        guardian_id: null,
        city_id: f.home.city_id,
        district_id: f.home.district_id,
        school_id: f.home.id,
        full_time: null,
        activated_at: null,
        disabled_at: null,
        locked_until: null,
        password_changed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('staff_wellbeing_result')
      .values({
        user_id: user.id,
        city_id: f.home.city_id,
        district_id: f.home.district_id,
        school_id: f.home.id,
        instrument_code: instrument,
        instrument_version: 1,
        total: 0,
        band,
        client_id: randomUUID(),
      })
      .execute();
  }

  it('counts each person once at a neutral level and hides small cells as the student reports do', async () => {
    for (let i = 0; i < 6; i++) await staffWithResult('minimal');
    for (let i = 0; i < 2; i++) await staffWithResult('severe');
    const leader = await as('school_leader').get('/api/v1/wellbeing/counts?instrument=gad7');
    expect(leader.statusCode).toBe(200);
    const counts = leader.json<Counts>();
    expect(counts.levels).toEqual(['steady', 'some_strain', 'more_support']);
    expect(counts.rows.map((r) => r.unitId)).toEqual([f.home.id]);
    const row = counts.rows[0]!;
    expect(row.counts[0]).toBe(6);
    // Two people at one level could be named: hidden, and a complement with it so the total does not tell.
    expect(row.counts[2]).toBeNull();
    expect(row.counts[1]).toBeNull();
    expect(counts.totals[2]).toBeNull();
    expect(leader.body).not.toMatch(/"user|name":"测试老师/);

    const district = (await as('district_staff').get('/api/v1/wellbeing/counts?instrument=gad7')).json<Counts>();
    expect(district.rows.map((r) => r.unitId)).toContain(f.home.id);
    expect(district.rows.at(-1)!.unitId).toBeNull();
    expect(district.rows.find((r) => r.unitId === f.home.id)!.counts[2]).toBeNull();
    const city = (await as('city_staff').get('/api/v1/wellbeing/counts?instrument=gad7')).json<Counts>();
    expect(city.rows.map((r) => r.unitId)).toContain(f.home.district_id);

    expect((await as('psych_teacher').get('/api/v1/wellbeing/counts?instrument=gad7')).statusCode).toBe(403);
    expect((await as('school_admin').get('/api/v1/wellbeing/counts?instrument=gad7')).statusCode).toBe(403);
    const badRange = await as('school_leader').get(
      '/api/v1/wellbeing/counts?instrument=gad7&from=2026-05-01&to=2026-01-01',
    );
    expect(badRange.statusCode).toBe(400);
  });
});
