import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 17.14: a guardian contact, a consent and a return to school are recorded with when they really
 * happened and how the guardian was reached, not with the moment the teacher clicked.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let doctor: Agent;

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  doctor = await ctx.signIn('doctor');
});
afterAll(() => ctx?.close());

/** A case opened two days ago, so a step "yesterday" is after it. */
async function caseOpenedDaysAgo(key: string, state: 'intervening' | 'referred' = 'intervening') {
  const caseId = await f.cases.case('home', state, key);
  await ctx.db
    .updateTable('care_case')
    .set({ opened_at: new Date(ago(48)) })
    .where('id', '=', caseId)
    .execute();
  return caseId;
}

const auditDetail = async (targetId: string, action: string) =>
  JSON.parse(
    (
      await ctx.db
        .selectFrom('audit_log')
        .select('payload')
        .where('target_id', '=', targetId)
        .where('action', '=', action)
        .where('outcome', '=', 'success')
        .executeTakeFirstOrThrow()
    ).payload,
  ).detail as Record<string, unknown>;

describe('a guardian contact', () => {
  it('keeps the real time and the method, and the guardian counts as told from then', async () => {
    const caseId = await caseOpenedDaysAgo('contact');
    const when = ago(24);
    const res = await psych.post(`/api/v1/cases/${caseId}/records`, {
      type: 'action',
      kind: 'guardian_contact',
      occurredAt: when,
      contactMethod: 'visit',
      note: '家访，告知家长。',
      guardianInformed: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await psych.get(`/api/v1/cases/${caseId}`)).json();
    expect(detail.guardianInformedAt).toBe(when);
    expect(detail.guardianContactMethod).toBe('visit');
    const timeline = (await psych.get(`/api/v1/cases/${caseId}/timeline`)).json().items;
    const entry = timeline.find((e: { type: string }) => e.type === 'action.guardian_contact');
    expect(entry.payload).toMatchObject({ occurredAt: when, method: 'visit' });
    expect(await auditDetail(caseId, 'case.record.action')).toMatchObject({ occurredAt: when, method: 'visit' });
  });

  it('needs the method, and refuses a time in the future or before the case, naming the field', async () => {
    const caseId = await caseOpenedDaysAgo('contact-refused');
    const body = { type: 'action', kind: 'guardian_contact', note: '电话联系。' };
    const noMethod = await psych.post(`/api/v1/cases/${caseId}/records`, body, { 'accept-language': 'en' });
    expect(noMethod.statusCode).toBe(400);
    expect(noMethod.json().errors[0].field).toBe('/contactMethod');
    expect(noMethod.json().detail).toMatch(/guardian was reached/);
    const future = await psych.post(`/api/v1/cases/${caseId}/records`, {
      ...body,
      contactMethod: 'phone',
      occurredAt: new Date(Date.now() + 2 * HOUR).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0]).toMatchObject({ field: '/occurredAt', message: '发生时间不能晚于现在。' });
    const early = await psych.post(`/api/v1/cases/${caseId}/records`, {
      ...body,
      contactMethod: 'phone',
      occurredAt: ago(72),
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0]).toMatchObject({ field: '/occurredAt', message: '发生时间不能早于开案时间。' });
    const written = await ctx.db.selectFrom('case_event').select('type').where('case_id', '=', caseId).execute();
    expect(written.map((e) => e.type)).toEqual(['opened']);
  });
});

describe('a consent and a return to school', () => {
  it('keep when they happened and how, beside the time they were written down', async () => {
    const { caseId, referralId } = await f.cases.referral('home', 'awaiting_consent', 'dates');
    await ctx.db
      .updateTable('care_case')
      .set({ opened_at: new Date(ago(48)) })
      .where('id', '=', caseId)
      .execute();
    const consentedAt = ago(30);
    const refused = await psych.post(`/api/v1/referrals/${referralId}/consent`, {
      guardianName: '父亲',
      method: 'paper',
      contactMethod: 'meeting',
      occurredAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('/occurredAt');
    const missing = await psych.post(`/api/v1/referrals/${referralId}/consent`, {
      guardianName: '父亲',
      method: 'paper',
    });
    expect(missing.statusCode).toBe(400);

    const consent = await psych.post(`/api/v1/referrals/${referralId}/consent`, {
      guardianName: '父亲',
      method: 'paper',
      contactMethod: 'meeting',
      occurredAt: consentedAt,
    });
    expect(consent.statusCode, consent.body).toBe(200);
    expect(await auditDetail(referralId, 'referral.consent')).toMatchObject({
      occurredAt: consentedAt,
      contactMethod: 'meeting',
    });
    const feedback = { visitedAt: ago(20), recommendation: '门诊随访。', admitted: false };
    expect((await doctor.post(`/api/v1/referrals/${referralId}/feedback`, feedback)).statusCode).toBe(200);

    const returnedAt = ago(2);
    const back = await psych.post(`/api/v1/referrals/${referralId}/return`, {
      occurredAt: returnedAt,
      contactMethod: 'online',
      reassessment: '复评：稳定。',
      returnPlan: '逐步复课。',
    });
    expect(back.statusCode, back.body).toBe(200);
    const detail = (await psych.get(`/api/v1/cases/${caseId}`)).json();
    expect(detail.referrals[0]).toMatchObject({
      consentGivenAt: consentedAt,
      consentContactMethod: 'meeting',
      returnOccurredAt: returnedAt,
      returnMethod: 'online',
    });
    // The record's own time is when it was written down: later than when it happened.
    expect(new Date(detail.referrals[0].consentRecordedAt).getTime()).toBeGreaterThan(Date.parse(consentedAt));
    const timeline = (await psych.get(`/api/v1/cases/${caseId}/timeline`)).json().items as Array<{
      type: string;
      payload: Record<string, unknown>;
    }>;
    expect(timeline.find((e) => e.type === 'referral_consent')!.payload).toMatchObject({
      occurredAt: consentedAt,
      contactMethod: 'meeting',
    });
    expect(timeline.find((e) => e.type === 'returned_to_school')!.payload).toMatchObject({
      occurredAt: returnedAt,
      contactMethod: 'online',
    });
    expect(await auditDetail(referralId, 'referral.return')).toMatchObject({
      occurredAt: returnedAt,
      contactMethod: 'online',
    });
  });
});
