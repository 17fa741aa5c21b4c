import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 17.12: a referral can be cancelled or re-routed to another partner hospital until the student is
 * admitted, and a recorded consent can be corrected; each needs a reason, is audited and keeps what was before.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let doctor: Agent;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  doctor = await ctx.signIn('doctor');
});
afterAll(() => ctx?.close());

const audit = async (targetId: string, action: string) =>
  (
    await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('target_id', '=', targetId)
      .where('action', '=', action)
      .where('outcome', '=', 'success')
      .execute()
  ).map((r) => JSON.parse(r.payload).detail as Record<string, unknown>);
const timeline = async (caseId: string) =>
  (await psych.get(`/api/v1/cases/${caseId}/timeline`)).json().items as Array<{
    type: string;
    payload: Record<string, unknown>;
    note: string | null;
  }>;
const caseState = async (caseId: string) => (await psych.get(`/api/v1/cases/${caseId}`)).json().state;

describe('cancelling a referral', () => {
  it('needs a reason, ends the referral and takes the case back to intervention', async () => {
    const { caseId, referralId } = await f.cases.referral('home', 'consented', 'cancel-int');
    const noReason = await psych.post(`/api/v1/referrals/${referralId}/cancel`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('/reason');

    const res = await psych.post(`/api/v1/referrals/${referralId}/cancel`, { reason: '家长决定先门诊观察。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: referralId, status: 'cancelled', state: 'intervening' });
    expect(await caseState(caseId)).toBe('intervening');
    const detail = (await psych.get(`/api/v1/cases/${caseId}`)).json();
    expect(detail.referrals[0]).toMatchObject({ status: 'cancelled', endReason: '家长决定先门诊观察。' });
    const entry = (await timeline(caseId)).find((e) => e.payload.event === 'cancel_referral')!;
    expect(entry).toMatchObject({ type: 'state_changed', note: '家长决定先门诊观察。' });
    expect(await audit(referralId, 'referral.cancel')).toEqual([
      expect.objectContaining({ caseId, from: 'sent', caseTo: 'intervening' }),
    ]);

    // Over: the hospital can no longer answer it, nor the school cancel it twice.
    const feedback = { visitedAt: new Date().toISOString(), recommendation: '门诊。', admitted: false };
    const late = await doctor.post(`/api/v1/referrals/${referralId}/feedback`, feedback, { 'accept-language': 'en' });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/cancelled or re-routed/);
    expect((await psych.post(`/api/v1/referrals/${referralId}/cancel`, { reason: '再次' })).statusCode).toBe(409);
    // A new referral may now be written for the case.
    const again = await psych.post(`/api/v1/cases/${caseId}/referrals`, {
      hospitalId: await f.cases.hospitalId(),
      reason: '再次转介',
      summary: '摘要',
    });
    expect(again.statusCode, again.body).toBe(201);
  });

  it('is refused once the student was admitted', async () => {
    const { referralId } = await f.cases.referral('home', 'answered', 'cancel-admitted');
    await ctx.db.updateTable('referral').set({ admitted: true }).where('id', '=', referralId).execute();
    const res = await psych.post(`/api/v1/referrals/${referralId}/cancel`, { reason: '不需要了' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('学生已住院，不能撤销或改转；请在出院后办理复学。');
    const reroute = await psych.post(`/api/v1/referrals/${referralId}/reroute`, {
      hospitalId: await f.cases.otherHospitalId(),
      reason: '换医院',
    });
    expect(reroute.statusCode).toBe(409);
  });
});

describe('re-routing a referral', () => {
  it('ends this one and writes a new one to the other hospital, awaiting consent again', async () => {
    const { caseId, referralId } = await f.cases.referral('home', 'consented', 'reroute-int');
    const same = await psych.post(`/api/v1/referrals/${referralId}/reroute`, {
      hospitalId: await f.cases.hospitalId(),
      reason: '换医院',
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().errors[0].field).toBe('/hospitalId');

    const other = await f.cases.otherHospitalId();
    const res = await psych.post(`/api/v1/referrals/${referralId}/reroute`, {
      hospitalId: other,
      reason: '家长希望就近就诊。',
    });
    expect(res.statusCode, res.body).toBe(200);
    const newId = res.json().referralId as string;
    expect(res.json()).toMatchObject({ id: referralId, status: 'rerouted' });
    expect(await caseState(caseId)).toBe('referred');
    const detail = (await psych.get(`/api/v1/cases/${caseId}`)).json();
    const byId = new Map(detail.referrals.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(referralId)).toMatchObject({
      status: 'rerouted',
      reroutedTo: newId,
      endReason: '家长希望就近就诊。',
    });
    expect(byId.get(newId)).toMatchObject({
      status: 'awaiting_consent',
      hospital: { id: other },
      consentRecordedAt: null,
    });
    expect(detail.nextSteps.map((s: { step: string }) => s.step)).toContain('consent');
    const entry = (await timeline(caseId)).find((e) => e.type === 'referral_rerouted')!;
    expect(entry.payload).toMatchObject({ referralId, newReferralId: newId });
    expect(await audit(referralId, 'referral.reroute')).toEqual([
      expect.objectContaining({ hospitalId: other, newReferralId: newId }),
    ]);
    // The first hospital's doctor cannot answer it any more.
    const feedback = { visitedAt: new Date().toISOString(), recommendation: '门诊。', admitted: false };
    expect((await doctor.post(`/api/v1/referrals/${referralId}/feedback`, feedback)).statusCode).toBe(409);
  });
});

describe('correcting a consent', () => {
  it('replaces what was written, with a reason, and keeps the old values in the timeline and the audit', async () => {
    const { caseId, referralId } = await f.cases.referral('home', 'consented', 'correct-int');
    const noReason = await psych.post(`/api/v1/referrals/${referralId}/consent/correction`, { guardianName: '父亲' });
    expect(noReason.statusCode).toBe(400);
    const res = await psych.post(`/api/v1/referrals/${referralId}/consent/correction`, {
      guardianName: '父亲',
      method: 'in_person',
      contactMethod: 'meeting',
      reason: '签字的是父亲，记录有误。',
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await psych.get(`/api/v1/cases/${caseId}`)).json();
    expect(detail.referrals[0]).toMatchObject({ consentGuardianName: '父亲', consentContactMethod: 'meeting' });
    const entry = (await timeline(caseId)).find((e) => e.type === 'referral_consent_corrected')!;
    expect(entry.note).toBe('签字的是父亲，记录有误。');
    expect(entry.payload).toMatchObject({
      before: { guardianName: '家长', method: 'paper' },
      after: { guardianName: '父亲', method: 'in_person', contactMethod: 'meeting' },
    });
    const [row] = await audit(referralId, 'referral.consent.correct');
    expect(row).toMatchObject({ changed: ['guardianName', 'method', 'contactMethod'], before: { method: 'paper' } });
    expect(JSON.stringify(row)).not.toContain('家长');

    const { referralId: unconsented } = await f.cases.referral('home', 'awaiting_consent', 'correct-early');
    const early = await psych.post(`/api/v1/referrals/${unconsented}/consent/correction`, {
      guardianName: '父亲',
      reason: '更正',
    });
    expect(early.statusCode).toBe(409);
  });
});
