import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import { adoptByDemoGuardian } from '../testing/case-factory.js';

/**
 * Issue 15 (Guardians): a guardian consents to or refuses a referral of their own child on the phone, through
 * the same consent rule as the school's staff; staff recording it for a guardian who has an account need a
 * reason; another family's referral is a 404.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let doctor: Agent;
let guardian: Agent;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  doctor = await ctx.signIn('doctor');
  guardian = await ctx.signIn(ctx.demo.accounts.find((a) => a.role === 'guardian')!.username);
});
afterAll(() => ctx?.close());

const auditActions = async (targetId: string) =>
  (
    await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', targetId)
      .where('outcome', '=', 'success')
      .orderBy('at')
      .execute()
  ).map((r) => r.action);

describe('a guardian decides on a referral on the phone', () => {
  it('sees the referral with its consent text and nothing of the case, is notified, and consents', async () => {
    const { referralId, caseId } = await f.cases.guardianReferral('consent');
    const list = await guardian.get('/api/v1/my/referrals');
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items.find((i: { id: string }) => i.id === referralId);
    expect(item).toMatchObject({ state: 'waiting', needsDecision: true, decidedAt: null });
    expect(item.consentText).toContain(item.hospitalName);
    // No reason, summary, case or score reaches the guardian.
    expect(JSON.stringify(item)).not.toMatch(/matrix (reason|summary)|caseId|band|total/);
    expect(await auditActions(referralId)).toContain('referral.guardian.read');

    // Before consent the doctor does not see it.
    expect((await doctor.get(`/api/v1/referrals/${referralId}`)).statusCode).toBe(404);
    const res = await guardian.post(`/api/v1/my/referrals/${referralId}/decision`, { consent: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: referralId, status: 'sent', decision: 'granted' });
    // A retry answers the same.
    expect((await guardian.post(`/api/v1/my/referrals/${referralId}/decision`, { consent: true })).json()).toEqual(
      res.json(),
    );
    const packet = await doctor.get(`/api/v1/referrals/${referralId}`);
    expect(packet.statusCode).toBe(200);
    expect(packet.json()).toMatchObject({ reason: 'matrix reason', status: 'sent' });
    // The same rule as staff: the same timeline entry and audit action, marked as the guardian's own.
    const timeline = (await psych.get(`/api/v1/cases/${caseId}/timeline`)).json().items as Array<{
      type: string;
      payload: Record<string, unknown>;
    }>;
    expect(timeline.find((e) => e.type === 'referral_consent')?.payload).toMatchObject({
      method: 'online',
      byGuardian: true,
      onBehalf: false,
    });
    expect(await auditActions(referralId)).toContain('referral.consent');
    const after = (await guardian.get('/api/v1/my/referrals'))
      .json()
      .items.find((i: { id: string }) => i.id === referralId);
    expect(after).toMatchObject({ state: 'consented', needsDecision: false });
    // Refusing after consent is the school's cancellation, not the guardian's decision any more.
    const late = await guardian.post(`/api/v1/my/referrals/${referralId}/decision`, { consent: false });
    expect(late.statusCode).toBe(409);
  });

  it('a refusal keeps the referral waiting, tells the school, and a later consent replaces it', async () => {
    const { referralId, caseId } = await f.cases.guardianReferral('refuse');
    const res = await guardian.post(`/api/v1/my/referrals/${referralId}/decision`, { consent: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: referralId, status: 'awaiting_consent', decision: 'refused' });
    expect((await doctor.get(`/api/v1/referrals/${referralId}`)).statusCode).toBe(404);
    const notes = (await psych.get('/api/v1/notifications')).json().items as Array<{ kind: string; caseId: string }>;
    expect(notes.some((n) => n.kind === 'referral.consent_refused' && n.caseId === caseId)).toBe(true);
    expect(await auditActions(referralId)).toContain('referral.consent.refuse');
    const item = (await guardian.get('/api/v1/my/referrals'))
      .json()
      .items.find((i: { id: string }) => i.id === referralId);
    expect(item).toMatchObject({ state: 'refused', needsDecision: true });
    const changed = await guardian.post(`/api/v1/my/referrals/${referralId}/decision`, { consent: true });
    expect(changed.json()).toMatchObject({ status: 'sent', decision: 'granted' });
  });

  it("another family's referral and another school's are 404; staff are refused", async () => {
    const home = await f.cases.referral('home', 'awaiting_consent', 'not-mine');
    const other = await f.cases.referral('other', 'awaiting_consent', 'not-mine');
    for (const r of [home, other]) {
      const res = await guardian.post(`/api/v1/my/referrals/${r.referralId}/decision`, { consent: true });
      expect(res.statusCode).toBe(404);
    }
    const items = (await guardian.get('/api/v1/my/referrals')).json().items as Array<{ id: string }>;
    expect(items.map((i) => i.id)).not.toContain(home.referralId);
    expect((await psych.post(`/api/v1/my/referrals/${home.referralId}/decision`, { consent: true })).statusCode).toBe(
      403,
    );
    const bad = await guardian.post(`/api/v1/my/referrals/${home.referralId}/decision`, { consent: 'yes' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('staff recording consent for a guardian', () => {
  const body = () => ({
    guardianName: '母亲',
    method: 'paper',
    occurredAt: new Date().toISOString(),
    contactMethod: 'meeting',
  });

  it('needs a reason when the guardian has an account, and keeps it in the timeline', async () => {
    const { referralId, caseId } = await f.cases.guardianReferral('proxy');
    const refused = await psych.post(`/api/v1/referrals/${referralId}/consent`, body());
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('/proxyReason');
    const ok = await psych.post(`/api/v1/referrals/${referralId}/consent`, {
      ...body(),
      proxyReason: '家长在家长会上签署了纸质同意书',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const timeline = (await psych.get(`/api/v1/cases/${caseId}/timeline`)).json().items as Array<{
      type: string;
      payload: Record<string, unknown>;
      note: string | null;
    }>;
    expect(timeline.find((e) => e.type === 'referral_consent')).toMatchObject({
      payload: { onBehalf: true, byGuardian: false },
      note: '家长在家长会上签署了纸质同意书',
    });
  });

  it('needs no reason when no guardian has an account', async () => {
    const { referralId } = await f.cases.referral('home', 'awaiting_consent', 'no-account');
    expect((await psych.post(`/api/v1/referrals/${referralId}/consent`, body())).statusCode).toBe(200);
  });
});

describe('a new referral reaches the guardian', () => {
  it('a referral written by the school notifies the guardian in the app, without the child or the reason', async () => {
    const caseId = await f.cases.case('home', 'intervening', 'guardian-notice');
    const c = await ctx.db
      .selectFrom('care_case')
      .select('student_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    await adoptByDemoGuardian(ctx.db, f.demoStudent.id, c.student_id);
    const res = await psych.post(`/api/v1/cases/${caseId}/referrals`, {
      hospitalId: await f.cases.hospitalId(),
      reason: '持续自伤念头',
      summary: '摘要',
    });
    expect(res.statusCode, res.body).toBe(201);
    const notes = (await guardian.get('/api/v1/notifications')).json().items as Array<{
      kind: string;
      title: string;
      body: string;
    }>;
    const note = notes.find((n) => n.kind === 'referral.consent_requested');
    expect(note).toBeDefined();
    expect(`${note!.title}${note!.body}`).not.toContain('自伤');
  });
});
