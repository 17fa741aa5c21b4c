import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 17.13: the hospital records the admission and discharge dates, the discharge summary (encrypted at
 * rest) and the return-to-school certificate, which the school's return step then takes as given; the
 * hospital's doctors are told when a consented referral arrives.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let doctor: Agent;

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();
const SUMMARY = '住院两周，情绪平稳，出院后门诊随访。';

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  doctor = await ctx.signIn('doctor');
});
afterAll(() => ctx?.close());

async function admittedReferral(key: string) {
  const { caseId, referralId } = await f.cases.referral('home', 'consented', key);
  await ctx.db
    .updateTable('care_case')
    .set({ opened_at: new Date(daysAgo(30)) })
    .where('id', '=', caseId)
    .execute();
  const feedback = { visitedAt: daysAgo(20), recommendation: '建议住院。', admitted: true };
  expect((await doctor.post(`/api/v1/referrals/${referralId}/feedback`, feedback)).statusCode).toBe(200);
  return { caseId, referralId };
}

describe("the hospital's record of a stay", () => {
  it('keeps the dates, the summary encrypted and the certificate, which the return step takes as given', async () => {
    const { caseId, referralId } = await admittedReferral('stay');
    const admission = await doctor.put(`/api/v1/referrals/${referralId}/stay`, { admittedAt: daysAgo(18) });
    expect(admission.statusCode, admission.body).toBe(200);
    const backwards = await doctor.put(`/api/v1/referrals/${referralId}/stay`, {
      admittedAt: daysAgo(18),
      dischargedAt: daysAgo(19),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0]).toMatchObject({ field: '/dischargedAt', message: '出院日期不能早于入院日期。' });
    const early = await doctor.put(`/api/v1/referrals/${referralId}/stay`, {
      admittedAt: daysAgo(18),
      certificateRef: 'FX-1',
    });
    expect(early.statusCode).toBe(400);
    expect([403, 404]).toContain(
      (await psych.put(`/api/v1/referrals/${referralId}/stay`, { admittedAt: daysAgo(18) })).statusCode,
    );

    const discharge = await doctor.put(`/api/v1/referrals/${referralId}/stay`, {
      admittedAt: daysAgo(18),
      dischargedAt: daysAgo(4),
      dischargeSummary: SUMMARY,
      certificateRef: 'FX-2026-0042',
    });
    expect(discharge.statusCode, discharge.body).toBe(200);
    const row = await ctx.db.selectFrom('referral').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
    expect(row.discharge_summary_enc).not.toContain('住院');
    expect(row.discharged_at).not.toBeNull();

    const packet = (await doctor.get(`/api/v1/referrals/${referralId}`)).json();
    expect(packet.stay).toMatchObject({ dischargeSummary: SUMMARY, certificateRef: 'FX-2026-0042' });
    const detail = (await psych.get(`/api/v1/cases/${caseId}`)).json();
    expect(detail.referrals[0].stay).toMatchObject({ dischargeSummary: SUMMARY, certificateRef: 'FX-2026-0042' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['payload', 'role'])
      .where('target_id', '=', referralId)
      .where('action', '=', 'referral.stay')
      .where('outcome', '=', 'success')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.role === 'hospital_doctor' && !a.payload.includes('出院后'))).toBe(true);

    // The school does not type the number the doctor already gave.
    const back = await psych.post(`/api/v1/referrals/${referralId}/return`, {
      occurredAt: daysAgo(1),
      contactMethod: 'meeting',
      reassessment: '复评：稳定。',
      returnPlan: '逐步复课。',
    });
    expect(back.statusCode, back.body).toBe(200);
    const after = (await psych.get(`/api/v1/cases/${caseId}`)).json();
    expect(after.referrals[0]).toMatchObject({ status: 'returned', certificateRef: 'FX-2026-0042' });
  });

  it('is refused for a student who was not admitted', async () => {
    const { referralId } = await f.cases.referral('home', 'answered', 'stay-not-admitted');
    const res = await doctor.put(`/api/v1/referrals/${referralId}/stay`, { admittedAt: daysAgo(3) });
    expect(res.statusCode).toBe(409);
  });
});

describe('a consented referral', () => {
  it("tells the hospital's doctors through the outbox, without the student's name, once", async () => {
    const { referralId } = await f.cases.referral('home', 'awaiting_consent', 'notice');
    const doctorId = (
      await ctx.db.selectFrom('user_account').select('id').where('username', '=', 'doctor').executeTakeFirstOrThrow()
    ).id;
    const notices = () =>
      ctx.db
        .selectFrom('notification')
        .selectAll()
        .where('user_id', '=', doctorId)
        .where('kind', '=', 'referral.received')
        .execute();
    const before = (await notices()).length;
    const body = { guardianName: '母亲', method: 'paper', occurredAt: daysAgo(0), contactMethod: 'phone' };
    expect((await psych.post(`/api/v1/referrals/${referralId}/consent`, body)).statusCode).toBe(200);
    expect((await psych.post(`/api/v1/referrals/${referralId}/consent`, body)).statusCode).toBe(200);
    const mine = (await notices()).filter((n) => (n.payload as { referralId: string }).referralId === referralId);
    expect(mine).toHaveLength(1);
    expect((await notices()).length).toBe(before + 1);
    expect(JSON.stringify(mine[0]!.payload)).not.toContain('个案测试');
    const outbox = await ctx.db
      .selectFrom('notification_outbox')
      .select('recipient_id')
      .where('notification_id', '=', mine[0]!.id)
      .execute();
    expect(outbox.length).toBeGreaterThan(0);
    const bell = (await doctor.get('/api/v1/notifications')).json();
    expect(
      bell.items.some(
        (i: { kind: string; title: string }) => i.kind === 'referral.received' && i.title === '收到新的转介',
      ),
    ).toBe(true);
  });
});
