import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app.js';
import { demoFixtures, startTestApp, type TestContext } from '../testing/harness.js';
import { LogChannel, type NotificationChannel, type OutgoingMessage } from './channels.js';
import { CLAIM_LEASE_MS } from './dispatch.js';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
const later: App[] = [];

beforeAll(async () => {
  // The first app never ticks on its own: it is "killed" before its dispatcher runs.
  ctx = await startTestApp({}, { warning: { intervalMs: 0 } });
  f = await demoFixtures(ctx.db);
});
afterAll(async () => {
  for (const app of later) await app.close();
  await ctx?.close();
});

/** A restarted process on the same database, with its own clock and channels. */
async function restart(opts: { clock?: () => Date; channels?: NotificationChannel[] } = {}): Promise<App> {
  const app = await buildApp(
    { db: ctx.db, config: ctx.config, warning: { ...opts, intervalMs: 0 } },
    { logger: false },
  );
  await app.ready();
  later.push(app);
  return app;
}

async function fileCrisisAs(username: string): Promise<string> {
  const agent = await ctx.signIn(username);
  const res = await agent.post('/api/v1/observations', {
    clientId: randomUUID(),
    studentId: f.homeStudent.id,
    signs: ['self_harm_talk'],
    seenAt: new Date(Date.now() - 60_000).toISOString(),
    urgency: 'crisis',
  });
  expect(res.statusCode).toBe(201);
  return (
    await ctx.db.selectFrom('alert').select('id').where('observation_id', '=', res.json().id).executeTakeFirstOrThrow()
  ).id;
}

const outboxOf = (alertId: string) =>
  ctx.db
    .selectFrom('notification_outbox as o')
    .innerJoin('notification as n', 'n.id', 'o.notification_id')
    .selectAll('o')
    .where('n.alert_id', '=', alertId)
    .orderBy('o.recipient_id')
    .execute();

const deliveredFor = async (alertId: string) => {
  const rows = await ctx.db.selectFrom('notification_log').selectAll().execute();
  return rows.filter((r) => (r.payload as { alertId: string }).alertId === alertId);
};

describe('notification outbox', () => {
  it('delivers exactly once per recipient after the app is closed before its dispatcher ran', async () => {
    const alertId = await fileCrisisAs('psych03');
    const queued = await outboxOf(alertId);
    const psychTeachers = await ctx.db
      .selectFrom('role_binding')
      .select('user_id')
      .where('role', '=', 'psych_teacher')
      .where('scope_id', '=', f.home.id)
      .execute();
    expect(queued.map((r) => r.recipient_id).sort()).toEqual(psychTeachers.map((r) => r.user_id).sort());
    expect(queued.every((r) => r.status === 'pending' && r.channel === 'log')).toBe(true);

    await ctx.app.close();

    const sent: OutgoingMessage[] = [];
    const counting: NotificationChannel = { name: 'log', send: async (m) => void sent.push(m) };
    const second = await restart({ channels: [counting] });
    await second.warning.tick();
    await second.warning.tick();
    expect(sent.map((m) => m.recipientId).sort()).toEqual(queued.map((r) => r.recipient_id).sort());
    expect(sent.map((m) => m.idempotencyKey).sort()).toEqual(queued.map((r) => r.id).sort());
    expect((await outboxOf(alertId)).every((r) => r.status === 'sent' && r.sent_at !== null && r.attempts === 1)).toBe(
      true,
    );

    // A third start finds nothing left to send.
    const third = await restart({ channels: [counting] });
    await third.warning.tick();
    expect(sent).toHaveLength(queued.length);
  });

  it('does not send twice when the process dies after sending but before marking the row sent', async () => {
    const first = await restart();
    const alertId = await fileCrisisAsOn(first);
    const t0 = Date.now();
    const queued = await outboxOf(alertId);
    expect(queued.length).toBeGreaterThan(0);

    // The first process hands every message to the log channel, then dies before marking: its send never returns.
    const log = new LogChannel(ctx.db);
    let release!: (err: Error) => void;
    const dead = new Promise<never>((_, reject) => (release = reject));
    const dying: NotificationChannel = {
      name: 'log',
      send: async (m) => {
        await log.send(m);
        await dead;
      },
    };
    const crashed = await restart({ clock: () => new Date(t0), channels: [dying] });
    const abandoned = crashed.warning.tick();
    await waitFor(async () => (await deliveredFor(alertId)).length >= 1);
    // Only the first row was handed over before the "crash"; the rest stay claimed too.
    expect((await outboxOf(alertId)).every((r) => r.status === 'sending')).toBe(true);

    // A new process, after the claim's lease has run out, sends every claimed row again under the same key.
    const revived = await restart({ clock: () => new Date(t0 + CLAIM_LEASE_MS + 1000) });
    await revived.warning.tick();
    const after = await outboxOf(alertId);
    expect(after.every((r) => r.status === 'sent')).toBe(true);
    const delivered = await deliveredFor(alertId);
    expect(delivered.map((d) => d.recipient_id).sort()).toEqual(queued.map((r) => r.recipient_id).sort());
    expect(delivered.map((d) => d.idempotency_key).sort()).toEqual(queued.map((r) => r.id).sort());

    // The dead process's send finally fails: it must not undo the delivery.
    release(new Error('connection reset'));
    await abandoned;
    expect((await outboxOf(alertId)).every((r) => r.status === 'sent')).toBe(true);
    expect(await deliveredFor(alertId)).toHaveLength(queued.length);
  });

  it('retries a failed send later and gives the in-app notification at once', async () => {
    let failing = true;
    const flaky: NotificationChannel = {
      name: 'log',
      send: async () => {
        if (failing) throw new Error('gateway down');
      },
    };
    let now = Date.now();
    const app = await restart({ clock: () => new Date(now), channels: [flaky] });
    const alertId = await fileCrisisAsOn(app);
    const t0 = Date.now();
    now = t0;
    expect(
      (await ctx.db.selectFrom('notification').select('id').where('alert_id', '=', alertId).execute()).length,
    ).toBeGreaterThan(0);
    await app.warning.tick();
    let rows = await outboxOf(alertId);
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 1 && r.last_error === 'gateway down')).toBe(true);
    failing = false;
    await app.warning.tick();
    expect((await outboxOf(alertId)).every((r) => r.attempts === 1)).toBe(true);
    now = t0 + 61_000;
    await app.warning.tick();
    rows = await outboxOf(alertId);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 2 && r.last_error === null)).toBe(true);
  });
});

async function fileCrisisAsOn(app: App): Promise<string> {
  const { signInTo } = await import('../testing/harness.js');
  const agent = await signInTo(app, ctx.db, 'psych03');
  const res = await agent.post('/api/v1/observations', {
    clientId: randomUUID(),
    studentId: f.homeStudent.id,
    signs: ['self_harm_talk'],
    seenAt: new Date(Date.now() - 60_000).toISOString(),
    urgency: 'crisis',
  });
  expect(res.statusCode).toBe(201);
  return (
    await ctx.db.selectFrom('alert').select('id').where('observation_id', '=', res.json().id).executeTakeFirstOrThrow()
  ).id;
}

async function waitFor(check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('condition never held');
}
