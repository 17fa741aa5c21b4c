import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import { actorUsernames } from '../testing/matrix.js';

// #17.3: "去复核" on an observation alert leads to that observation's own review, which ends in a tier or
// "no change" after a talk.
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let peer: Agent;
let psych: Agent;

beforeAll(async () => {
  ctx = await startTestApp({}, { warning: { intervalMs: 0 } });
  f = await demoFixtures(ctx.db);
  peer = await ctx.signIn(actorUsernames(ctx.demo).teacher);
  psych = await ctx.signIn('psych03');
});
afterAll(() => ctx?.close());

async function observe(studentId: string, urgency = 'high') {
  const res = await peer.post('/api/v1/observations', {
    clientId: randomUUID(),
    studentId,
    signs: ['withdrawal'],
    seenAt: new Date(Date.now() - 3_600_000).toISOString(),
    urgency,
  });
  expect(res.statusCode).toBe(201);
  const alert = await ctx.db
    .selectFrom('alert')
    .select('id')
    .where('observation_id', '=', res.json<{ id: string }>().id)
    .executeTakeFirstOrThrow();
  return alert.id;
}

interface AlertView {
  id: string;
  tierAssessmentId: string | null;
}
interface QueueItem {
  id: string;
  alertId: string | null;
  suggestedTier: number | null;
  status: string;
  confirmedTier: number | null;
  talkRecord: string | null;
}

async function reviewOf(alertId: string): Promise<QueueItem> {
  const alerts = await psych.get('/api/v1/alerts?pageSize=100');
  expect(alerts.statusCode).toBe(200);
  const view = alerts.json<{ items: AlertView[] }>().items.find((a) => a.id === alertId)!;
  expect(view.tierAssessmentId).toEqual(expect.any(String));
  const queue = await psych.get(`/api/v1/tier-assessments?id=${view.tierAssessmentId}`);
  expect(queue.statusCode).toBe(200);
  const [item] = queue.json<{ items: QueueItem[] }>().items;
  return item!;
}

const TALK = '与学生面谈二十分钟，了解到近期与同学关系紧张，情绪低落但无自伤计划。';

describe("an observation alert's review", () => {
  it('is created with the alert, with no suggested tier, and found through the alert', async () => {
    const alertId = await observe(f.homeStudent.id);
    const item = await reviewOf(alertId);
    expect(item).toMatchObject({ alertId, suggestedTier: null, status: 'suggested', confirmedTier: null });
  });

  it('ends in "no change": confirmed with the talk, the student\'s tier untouched', async () => {
    const before = await ctx.db
      .selectFrom('student_tier')
      .selectAll()
      .where('student_id', '=', f.homeStudent.id)
      .executeTakeFirst();
    const alertId = await observe(f.homeStudent.id);
    const item = await reviewOf(alertId);
    const short = await psych.post(`/api/v1/tier-assessments/${item.id}/review`, {
      confirmedTier: null,
      talkRecord: '短',
    });
    expect(short.statusCode).toBe(400);
    expect(JSON.stringify(short.json())).toContain('/talkRecord');
    const res = await psych.post(`/api/v1/tier-assessments/${item.id}/review`, {
      confirmedTier: null,
      talkRecord: TALK,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', suggestedTier: null, confirmedTier: null, alertId: null });
    const after = await ctx.db
      .selectFrom('student_tier')
      .selectAll()
      .where('student_id', '=', f.homeStudent.id)
      .executeTakeFirst();
    expect(after).toEqual(before);
    expect(await reviewOf(alertId)).toMatchObject({ status: 'confirmed', confirmedTier: null, talkRecord: TALK });
  });

  it("ends in a tier without a reason (nothing was suggested), which becomes the student's tier", async () => {
    const alertId = await observe(f.homeOtherClassStudent.id);
    const item = await reviewOf(alertId);
    const res = await psych.post(`/api/v1/tier-assessments/${item.id}/review`, { confirmedTier: 2, talkRecord: TALK });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', confirmedTier: 2 });
    const tier = await ctx.db
      .selectFrom('student_tier')
      .select(['tier', 'assessment_id'])
      .where('student_id', '=', f.homeOtherClassStudent.id)
      .executeTakeFirstOrThrow();
    expect(tier).toEqual({ tier: 2, assessment_id: item.id });
  });

  it('refuses "no change" on a screening suggestion, naming the field', async () => {
    const t = await ctx.db
      .insertInto('tier_assessment')
      .values({
        student_id: f.homeStudent.id,
        campaign_id: null,
        city_id: f.homeStudent.city_id,
        district_id: f.homeStudent.district_id,
        school_id: f.homeStudent.school_id,
        grade_id: f.homeStudent.grade_id,
        class_id: f.homeStudent.class_id,
        suggested_tier: 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await psych.post(`/api/v1/tier-assessments/${t.id}/review`, { confirmedTier: null, talkRecord: TALK });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('/confirmedTier');
  });
});
