import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

// The loop's clock: real time plus whatever the test has "waited". Nothing sleeps.
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const MIN = 60_000;

let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let leaderId: string;
let districtStaffIds: string[];

beforeAll(async () => {
  ctx = await startTestApp({}, { warning: { clock, intervalMs: 0 } });
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  leaderId = (
    await ctx.db.selectFrom('user_account').select('id').where('username', '=', 'leader03').executeTakeFirstOrThrow()
  ).id;
  const district = await ctx.db
    .selectFrom('role_binding')
    .select('user_id')
    .where('role', '=', 'district_staff')
    .where('scope_id', '=', f.home.district_id!)
    .execute();
  districtStaffIds = district.map((r) => r.user_id);
});
afterAll(() => ctx?.close());

async function fileCrisis(): Promise<string> {
  offsetMs = 0;
  const res = await psych.post('/api/v1/observations', {
    clientId: randomUUID(),
    studentId: f.homeStudent.id,
    signs: ['self_harm_sign'],
    seenAt: new Date(Date.now() - 10 * MIN).toISOString(),
    urgency: 'crisis',
  });
  expect(res.statusCode).toBe(201);
  return (
    await ctx.db.selectFrom('alert').select('id').where('observation_id', '=', res.json().id).executeTakeFirstOrThrow()
  ).id;
}

const alertRow = (id: string) => ctx.db.selectFrom('alert').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: string) =>
  ctx.db.selectFrom('alert_event').selectAll().where('alert_id', '=', id).orderBy('id').execute();
const notified = (alertId: string, userIds: string[]) =>
  ctx.db
    .selectFrom('notification')
    .select(['user_id', 'kind'])
    .where('alert_id', '=', alertId)
    .where('user_id', 'in', userIds.length ? userIds : ['00000000-0000-0000-0000-000000000000'])
    .execute();

describe('escalation of an unacknowledged alert', () => {
  it('goes to the school leader after the deadline, then to the district centre one deadline later', async () => {
    expect(districtStaffIds.length).toBeGreaterThan(0);
    const id = await fileCrisis();
    const created = (await alertRow(id)).created_at.getTime();
    const at = (minutes: number) => {
      offsetMs = created + minutes * MIN - Date.now();
    };

    at(59);
    await ctx.app.warning.tick();
    expect((await alertRow(id)).escalation_level).toBe('school');
    expect(await notified(id, [leaderId])).toEqual([]);

    at(61);
    await ctx.app.warning.tick();
    const atLeader = await alertRow(id);
    expect(atLeader.escalation_level).toBe('leader');
    expect(await notified(id, [leaderId])).toEqual([{ user_id: leaderId, kind: 'alert.escalated' }]);
    expect(await notified(id, districtStaffIds)).toEqual([]);

    // The leader's own deadline counts from when they were told.
    at(61 + 59);
    await ctx.app.warning.tick();
    expect((await alertRow(id)).escalation_level).toBe('leader');

    at(61 + 61);
    await ctx.app.warning.tick();
    const atDistrict = await alertRow(id);
    expect(atDistrict.escalation_level).toBe('district');
    expect((await notified(id, districtStaffIds)).map((n) => n.user_id).sort()).toEqual([...districtStaffIds].sort());

    at(10_000);
    await ctx.app.warning.tick();
    expect((await notified(id, [leaderId, ...districtStaffIds])).length).toBe(1 + districtStaffIds.length);

    const kinds = (await events(id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'escalated')).toHaveLength(2);
    expect(kinds[0]).toBe('raised');

    // The queue shows who holds it now, and that it is overdue.
    const queue = await psych.get('/api/v1/alerts?status=open&pageSize=200');
    const view = (queue.json().items as Array<Record<string, any>>).find((a) => a.id === id)!;
    expect(view).toMatchObject({ escalationLevel: 'district', overdue: true, nextEscalationAt: null });
    expect(view.escalatedAt).not.toBeNull();

    const ack = await psych.post(`/api/v1/alerts/${id}/acknowledge`);
    expect(ack.statusCode).toBe(200);
    expect((await events(id)).at(-1)).toMatchObject({ kind: 'acknowledged' });
  });

  it('never escalates an alert acknowledged in time', async () => {
    const id = await fileCrisis();
    expect((await psych.post(`/api/v1/alerts/${id}/acknowledge`)).statusCode).toBe(200);
    offsetMs = 10 * 24 * 60 * MIN;
    await ctx.app.warning.tick();
    const row = await alertRow(id);
    expect(row.escalation_level).toBe('school');
    expect(row.escalated_at).toBeNull();
    expect(await notified(id, [leaderId])).toEqual([]);
  });

  it('escalates once even when two sweeps run at the same time', async () => {
    const id = await fileCrisis();
    offsetMs = 61 * MIN;
    await Promise.all([ctx.app.warning.tick(), ctx.app.warning.tick()]);
    expect((await alertRow(id)).escalation_level).toBe('leader');
    expect((await events(id)).filter((e) => e.kind === 'escalated')).toHaveLength(1);
    expect(await notified(id, [leaderId])).toHaveLength(1);
  });
});
