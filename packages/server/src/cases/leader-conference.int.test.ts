import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 17.16: the school leader records a case conference (when, who, what was decided); the timeline's
 * 领导研判 entry carries its outcome.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let leader: Agent;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  leader = await ctx.signIn(ctx.demo.accounts.find((a) => a.role === 'school_leader')!.username);
});
afterAll(() => ctx?.close());

const DECISION = '会商决定：转介至精神卫生中心，班主任每日关注。';

describe("the leader's case conference", () => {
  it('is recorded by the leader with its date, participants and decision, encrypted, audited', async () => {
    const caseId = await f.cases.case('home', 'intervening', 'leader-conference');
    await ctx.db
      .updateTable('care_case')
      .set({ opened_at: new Date(Date.now() - 3 * 86_400_000) })
      .where('id', '=', caseId)
      .execute();
    const heldAt = new Date(Date.now() - 86_400_000).toISOString();
    const body = {
      heldAt,
      participants: [
        { name: '王校长', role: '校长' },
        { name: '李老师', role: '心理教师' },
      ],
      decision: DECISION,
    };
    const res = await leader.post(`/api/v1/cases/${caseId}/conferences`, body);
    expect(res.statusCode, res.body).toBe(201);
    // The psychology teacher records conferences among her own records, not through the leader's route.
    expect([403, 404]).toContain((await psych.post(`/api/v1/cases/${caseId}/conferences`, body)).statusCode);
    const future = await leader.post(`/api/v1/cases/${caseId}/conferences`, {
      ...body,
      heldAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('/heldAt');

    const row = await ctx.db
      .selectFrom('case_conference')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.conclusions_enc).not.toContain('会商');
    const timeline = (await psych.get(`/api/v1/cases/${caseId}/timeline`)).json().items as Array<{
      type: string;
      payload: Record<string, unknown>;
      note: string | null;
    }>;
    const entry = timeline.find((e) => e.type === 'conference')!;
    expect(entry.note).toBe(DECISION);
    expect(entry.payload).toMatchObject({ heldAt, by: 'leader', attendees: body.participants });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['role', 'payload'])
      .where('target_id', '=', caseId)
      .where('action', '=', 'case.conference')
      .where('outcome', '=', 'success')
      .execute();
    expect(audit.map((a) => a.role)).toEqual(['school_leader']);
    expect(audit[0]!.payload).not.toContain('转介至');
  });

  it("keeps the 研判's outcome on its timeline entry", async () => {
    const caseId = await f.cases.case('home', 'intervening', 'review-outcome');
    const res = await leader.post(`/api/v1/cases/${caseId}/decisions`, {
      kind: 'leader_review',
      outcome: 'no_referral',
      note: '暂不转介，校内干预。',
    });
    expect(res.statusCode).toBe(200);
    const timeline = (await psych.get(`/api/v1/cases/${caseId}/timeline`)).json().items as Array<{
      type: string;
      payload: Record<string, unknown>;
    }>;
    expect(timeline.find((e) => e.type === 'leader_review')!.payload).toEqual({ outcome: 'no_referral' });
  });
});
