import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../accounts/content-disposition.js';
import { decryptText } from '../crypto/field-crypto.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import { actorUsernames, type Fixtures } from '../testing/matrix.js';

let ctx: TestContext;
let f: Fixtures;
let head: Agent;
let psych: Agent;
let leader: Agent;
let otherPsych: Agent;
let admin: Agent;
const today = chinaDate();

const entry = (body: Record<string, unknown>) => ({
  clientId: randomUUID(),
  schoolId: f.home.id,
  title: '认识情绪',
  heldOn: today,
  participants: 40,
  hours: 1,
  ...body,
});
const indicators = async () => {
  const res = await psych.get(`/api/v1/supervision/schools/${f.home.id}`);
  expect(res.statusCode).toBe(200);
  const body = res.json<{
    activities: Record<string, number>;
    indicators: { id: string; value: number; target: number; rag: string }[];
  }>();
  return { activities: body.activities, byId: Object.fromEntries(body.indicators.map((i) => [i.id, i])) };
};

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  const names = actorUsernames(ctx.demo);
  [head, psych, leader, otherPsych, admin] = await Promise.all([
    ctx.signIn(names.head_teacher),
    ctx.signIn('psych03'),
    ctx.signIn(names.school_leader),
    ctx.signIn('psych07'),
    ctx.signIn('admin'),
  ]);
}, 120_000);
afterAll(async () => ctx?.close());

describe('the activity ledger', () => {
  it("lets a head teacher record their own class's theme meeting, once however often it is retried", async () => {
    const body = entry({ kind: 'class_meeting', classId: f.homeClass.id, notes: '小组分享，王同学情绪低落' });
    const first = await head.post('/api/v1/activities', body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'class_meeting', classId: f.homeClass.id, mine: true, voided: false });
    const retry = await head.post('/api/v1/activities', body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    const row = await ctx.db
      .selectFrom('activity')
      .select(['notes_enc', 'term', 'school_year'])
      .where('id', '=', first.json().id)
      .executeTakeFirstOrThrow();
    // Notes are encrypted at rest, and the audit keeps none of them.
    expect(row.notes_enc).not.toContain('王同学');
    expect(decryptText(row.notes_enc!)).toBe('小组分享，王同学情绪低落');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('target_id', '=', first.json().id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['activity.record']);
    expect(JSON.stringify(audit)).not.toContain('王同学');
  });

  it('refuses a head teacher anything else: another class (403), a lecture (403), another school (404)', async () => {
    const other = await head.post(
      '/api/v1/activities',
      entry({ kind: 'class_meeting', classId: f.otherClassInHome.id }),
    );
    expect(other.statusCode).toBe(403);
    const lecture = await head.post('/api/v1/activities', entry({ kind: 'lecture', classId: f.homeClass.id }));
    expect(lecture.statusCode).toBe(403);
    expect(lecture.json().detail).toContain('主题班会');
    const away = await head.post(
      '/api/v1/activities',
      entry({ schoolId: f.other.id, kind: 'class_meeting', classId: f.otherClass.id }),
    );
    expect(away.statusCode).toBe(404);
    // A theme meeting needs its class: named as the field at fault.
    const noClass = await psych.post('/api/v1/activities', entry({ kind: 'class_meeting' }));
    expect(noClass.statusCode).toBe(400);
    expect(noClass.json().errors[0].field).toBe('/classId');
    const future = await psych.post('/api/v1/activities', entry({ kind: 'lecture', heldOn: '2999-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('/heldOn');
  });

  it('refuses other schools and roles that record nothing', async () => {
    expect((await otherPsych.post('/api/v1/activities', entry({ kind: 'lecture' }))).statusCode).toBe(404);
    expect((await admin.post('/api/v1/activities', entry({ kind: 'lecture' }))).statusCode).toBe(403);
    const foreign = await otherPsych.post(
      '/api/v1/activities',
      entry({ schoolId: f.other.id, kind: 'class_meeting', classId: f.homeClass.id }),
    );
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe('/classId');
  });

  it('lists by scope: the head teacher their class, the psychology teacher the school', async () => {
    const lecture = await psych.post('/api/v1/activities', entry({ kind: 'lecture', participants: 300, hours: 1.5 }));
    expect(lecture.statusCode).toBe(201);
    const mine = (await head.get('/api/v1/activities')).json<{ items: { kind: string }[] }>();
    expect(mine.items.map((i) => i.kind)).toEqual(['class_meeting']);
    const school = (await psych.get(`/api/v1/activities?schoolId=${f.home.id}`)).json<{
      items: { kind: string; notes: string | null }[];
      counts: Record<string, number>;
    }>();
    expect(school.counts).toMatchObject({ class_meeting: 1, lecture: 1, group_session: 0 });
    expect(school.items.find((i) => i.kind === 'class_meeting')?.notes).toBe('小组分享，王同学情绪低落');
    expect((await otherPsych.get('/api/v1/activities')).json().items).toEqual([]);
    expect((await admin.get('/api/v1/activities')).statusCode).toBe(403);
  });

  it('is counted in supervision only where the city sets a standard (Jining: ≥1 lecture, ≥4 group sessions)', async () => {
    const jinan = await indicators();
    expect(jinan.activities).toMatchObject({ class_meeting: 1, lecture: 1, group_session: 0 });
    expect(jinan.byId.activity_lectures).toBeUndefined();

    expect((await admin.put('/api/v1/supervision/standards', { preset: 'jining' })).statusCode).toBe(200);
    let jining = await indicators();
    expect(jining.byId.activity_lectures).toMatchObject({ value: 1, target: 1, rag: 'green' });
    expect(jining.byId.activity_group_sessions).toMatchObject({ value: 0, target: 4, rag: 'red' });

    const sessions = [];
    for (let i = 0; i < 4; i++) {
      const res = await leader.post('/api/v1/activities', entry({ kind: 'group_session', title: `团辅 ${i + 1}` }));
      expect(res.statusCode).toBe(201);
      sessions.push(res.json<{ id: string }>().id);
    }
    jining = await indicators();
    expect(jining.byId.activity_group_sessions).toMatchObject({ value: 4, target: 4, rag: 'green' });

    // A voided entry stays in the ledger and stops counting: three sessions do not meet Jining's four.
    const voided = await psych.request('DELETE', `/api/v1/activities/${sessions[0]}`, { reason: '重复登记' });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ voided: true, voidReason: '重复登记', mine: false });
    jining = await indicators();
    expect(jining.byId.activity_group_sessions).toMatchObject({ value: 3, rag: 'red' });
    // The district sees the school's colour beside the others'.
    const district = await ctx.signIn('district01');
    const unit = await district.get(`/api/v1/supervision/units/${f.home.district_id}`);
    expect(unit.statusCode).toBe(200);
    const row = unit
      .json<{ schools: { id: string; rag: Record<string, string> }[] }>()
      .schools.find((s) => s.id === f.home.id);
    expect(row?.rag).toMatchObject({ activity_lectures: 'green', activity_group_sessions: 'red' });

    // A voided entry is no longer changed; the void is audited once even when repeated.
    expect((await psych.patch(`/api/v1/activities/${sessions[0]}`, { participants: 3 })).statusCode).toBe(409);
    expect((await psych.request('DELETE', `/api/v1/activities/${sessions[0]}`, { reason: '再次' })).statusCode).toBe(
      200,
    );
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', sessions[0]!).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['activity.record', 'activity.void']);
    const blank = await psych.request('DELETE', `/api/v1/activities/${sessions[1]}`, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('/reason');
    // A city may set its own number for one of the two and leave the other unchecked.
    const own = await admin.put('/api/v1/supervision/standards', {
      preset: 'jinan',
      overrides: { groupSessionsPerTerm: 2, lecturesPerTerm: null },
    });
    expect(own.statusCode).toBe(200);
    const custom = await indicators();
    expect(custom.byId.activity_group_sessions).toMatchObject({ value: 3, target: 2, rag: 'green' });
    expect(custom.byId.activity_lectures).toBeUndefined();
    expect((await admin.put('/api/v1/supervision/standards', { preset: 'jinan' })).statusCode).toBe(200);
  });

  it('corrects an entry (audited); the head teacher corrects only their class’s', async () => {
    const list = (await head.get('/api/v1/activities')).json<{ items: { id: string }[] }>();
    const id = list.items[0]!.id;
    const res = await head.patch(`/api/v1/activities/${id}`, { participants: 38, notes: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ participants: 38, notes: null });
    const lecture = (await psych.get('/api/v1/activities?kind=lecture')).json<{ items: { id: string }[] }>().items[0]!;
    expect((await head.patch(`/api/v1/activities/${lecture.id}`, { participants: 1 })).statusCode).toBe(403);
    expect((await otherPsych.patch(`/api/v1/activities/${lecture.id}`, { participants: 1 })).statusCode).toBe(404);
    const moved = await psych.patch(`/api/v1/activities/${lecture.id}`, { heldOn: '2025-10-10' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ heldOn: '2025-10-10' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('target_id', '=', lecture.id)
      .where('action', '=', 'activity.update')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
