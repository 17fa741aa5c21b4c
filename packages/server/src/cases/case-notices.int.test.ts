import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 17.15: people are told what waits for them, through the outbox: the leader of a closure awaiting
 * approval and of a 研判, a helper named on the plan, the person given follow-ups, and whoever filed an
 * observation once the psychology staff received it. Nobody is told of their own step.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let leaderName: string;

const userId = async (username: string) =>
  (await ctx.db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const noticesOf = async (user: string, kind: string) =>
  ctx.db
    .selectFrom('notification')
    .select(['id', 'payload'])
    .where('user_id', '=', await userId(user))
    .where('kind', '=', kind)
    .execute();
const withOutbox = async (ids: string[]) =>
  ids.length
    ? (
        await ctx.db
          .selectFrom('notification_outbox')
          .select('notification_id')
          .where('notification_id', 'in', ids)
          .execute()
      ).length
    : 0;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  leaderName = ctx.demo.accounts.find((a) => a.role === 'school_leader')!.username;
  const cityStaff = await ctx.signIn('citycenter');
  expect((await cityStaff.put('/api/v1/settings/cases', { leaderReviewBeforeReferral: true })).statusCode).toBe(200);
});
afterAll(() => ctx?.close());

describe('notices on a case', () => {
  it('tell the leader of a 研判 and a closure awaiting them', async () => {
    const before = (await noticesOf(leaderName, 'case.review_awaiting')).length;
    // Assessed and planned, still assessing: the next step starts the intervention.
    const caseId = await f.cases.case('home', 'intervening', 'notice-review');
    await ctx.db.updateTable('care_case').set({ state: 'assessing' }).where('id', '=', caseId).execute();
    expect((await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_intervention' })).statusCode).toBe(
      200,
    );
    const review = await noticesOf(leaderName, 'case.review_awaiting');
    expect(review.length).toBe(before + 1);
    expect(await withOutbox(review.map((n) => n.id))).toBeGreaterThan(0);
    expect(JSON.stringify(review.at(-1)!.payload)).not.toContain('个案测试');

    const closing = await f.cases.case('home', 'following_up', 'notice-closure');
    await ctx.db.updateTable('care_case').set({ guardian_informed_at: new Date() }).where('id', '=', closing).execute();
    const res = await psych.post(`/api/v1/cases/${closing}/transition`, {
      event: 'request_closure',
      conclusion: '风险解除。',
    });
    expect(res.json().state, res.body).toBe('closing');
    const closure = await noticesOf(leaderName, 'case.closure_awaiting');
    expect(closure.some((n) => (n.payload as { caseId: string }).caseId === closing)).toBe(true);
  });

  it('tell a helper named on the plan and the person given follow-ups, never the actor', async () => {
    const caseId = await f.cases.case('home', 'intervening', 'notice-helper');
    const c = await ctx.db.selectFrom('care_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const head = (
      await ctx.db
        .selectFrom('role_binding as rb')
        .innerJoin('user_account as u', 'u.id', 'rb.user_id')
        .select('u.username')
        .where('rb.role', '=', 'head_teacher')
        .where('rb.scope_id', '=', c.class_id)
        .executeTakeFirstOrThrow()
    ).username;
    const headId = await userId(head);
    const plan = await psych.put(`/api/v1/cases/${caseId}/plan`, {
      goals: ['稳定情绪'],
      actions: ['talk'],
      helpers: [
        { role: 'head_teacher', userId: headId },
        { role: 'psych_teacher', userId: await userId('psych03') },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const helped = (await noticesOf(head, 'case.helper_assigned')).filter(
      (n) => (n.payload as { caseId: string }).caseId === caseId,
    );
    expect(helped).toHaveLength(1);
    expect(await noticesOf('psych03', 'case.helper_assigned')).toHaveLength(0);

    const schedule = await psych.post(`/api/v1/cases/${caseId}/follow-ups`, {
      responsibleUserId: headId,
      phases: [{ everyDays: 7, count: 2 }],
    });
    expect(schedule.statusCode, schedule.body).toBe(201);
    const given = (await noticesOf(head, 'followup.assigned')).filter(
      (n) => (n.payload as { caseId: string }).caseId === caseId,
    );
    expect(given).toHaveLength(1);
    expect(await withOutbox(given.map((n) => n.id))).toBeGreaterThan(0);
  });
});

describe('an observation', () => {
  it('tells whoever filed it once the psychology staff received it', async () => {
    const head = await ctx.signIn('head03-8-1');
    const filed = await head.post('/api/v1/observations', {
      clientId: randomUUID(),
      studentId: f.homeStudent.id,
      signs: ['self_harm_talk'],
      seenAt: new Date(Date.now() - 60_000).toISOString(),
      urgency: 'crisis',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const alert = await ctx.db
      .selectFrom('alert')
      .select('id')
      .where('observation_id', '=', filed.json().id)
      .executeTakeFirstOrThrow();
    expect(await noticesOf('head03-8-1', 'observation.received')).toHaveLength(0);
    expect((await psych.post(`/api/v1/alerts/${alert.id}/acknowledge`)).statusCode).toBe(200);
    const received = await noticesOf('head03-8-1', 'observation.received');
    expect(received).toHaveLength(1);
    const bell = (await head.get('/api/v1/notifications')).json();
    expect(
      bell.items.some((i: { kind: string; readAt: string | null }) => i.kind === 'observation.received' && !i.readAt),
    ).toBe(true);
  });
});
