import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../audit/verify.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * The case commands' own rules, each through the API: a reopened case's new episode, one active case per
 * student, who may help, the referral's statuses, and the audit row every command leaves.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let leader: Agent;
let doctor: Agent;
let psychId: string;
let otherHeadId: string;
let classHeadId: string;

const userId = async (username: string) =>
  (await ctx.db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const auditActions = async (targetId: string) =>
  (
    await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', targetId)
      .where('outcome', '=', 'success')
      .where('action', 'not in', ['case.read', 'case.timeline.read'])
      .orderBy('id')
      .execute()
  ).map((r) => r.action);
const headOf = async (classId: string) =>
  (
    await ctx.db
      .selectFrom('role_binding')
      .select('user_id')
      .where('role', '=', 'head_teacher')
      .where('scope_id', '=', classId)
      .executeTakeFirstOrThrow()
  ).user_id;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  leader = await ctx.signIn(ctx.demo.accounts.find((a) => a.role === 'school_leader')!.username);
  doctor = await ctx.signIn('doctor');
  psychId = await userId('psych03');
  classHeadId = await headOf(f.homeClass.id);
  otherHeadId = await headOf(f.otherClassInHome.id);
  // 常州's rule: the school leader reviews (研判) every student before a referral.
  const cityStaff = await ctx.signIn('citycenter');
  expect((await cityStaff.put('/api/v1/settings/cases', { leaderReviewBeforeReferral: true })).statusCode).toBe(200);
});
afterAll(() => ctx?.close());

const hospital = () => f.cases.hospitalId();
const referralBody = async () => ({ hospitalId: await hospital(), reason: '转介理由', summary: '个案摘要' });

/** Closes an intervening case the way the API does: follow-ups done, guardian told, conclusion, approval. */
async function closeCase(caseId: string) {
  const schedule = await psych.post(`/api/v1/cases/${caseId}/follow-ups`, {
    responsibleUserId: psychId,
    phases: [{ everyDays: 7, count: 1 }],
  });
  expect(schedule.statusCode, schedule.body).toBe(201);
  expect((await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_follow_up' })).statusCode).toBe(200);
  const followUps = await ctx.db.selectFrom('follow_up').select('id').where('case_id', '=', caseId).execute();
  for (const fu of followUps)
    expect((await psych.post(`/api/v1/follow-ups/${fu.id}/complete`, { outcome: '情况稳定' })).statusCode).toBe(200);
  const told = await psych.post(`/api/v1/cases/${caseId}/records`, {
    type: 'action',
    kind: 'guardian_contact',
    contactMethod: 'phone',
    note: '电话告知家长。',
    guardianInformed: true,
  });
  expect(told.statusCode).toBe(201);
  const closing = await psych.post(`/api/v1/cases/${caseId}/transition`, {
    event: 'request_closure',
    conclusion: '风险解除。',
  });
  expect(closing.json().state, closing.body).toBe('closing');
  const approved = await leader.post(`/api/v1/cases/${caseId}/decisions`, {
    kind: 'closure',
    outcome: 'approved',
    note: '同意结案。',
  });
  expect(approved.json().state).toBe('closed');
}

describe('a reopened case', () => {
  it("needs a new leader review before a referral: the earlier episode's review does not count", async () => {
    const caseId = await f.cases.case('home', 'intervening', 'reopen-review');
    expect(
      (await leader.post(`/api/v1/cases/${caseId}/decisions`, { kind: 'leader_review', outcome: 'refer' })).statusCode,
    ).toBe(200);
    await closeCase(caseId);

    const reopened = await psych.post(`/api/v1/cases/${caseId}/transition`, {
      event: 'reopen',
      reason: '再次出现风险。',
    });
    expect(reopened.json().state).toBe('assessing');
    expect((await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_intervention' })).json().state).toBe(
      'intervening',
    );

    const refused = await psych.post(`/api/v1/cases/${caseId}/referrals`, await referralBody());
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().reasons).toEqual(['leader_review_missing']);
    expect(await ctx.db.selectFrom('referral').select('id').where('case_id', '=', caseId).execute()).toEqual([]);

    expect(
      (await leader.post(`/api/v1/cases/${caseId}/decisions`, { kind: 'leader_review', outcome: 'refer' })).statusCode,
    ).toBe(200);
    const referred = await psych.post(`/api/v1/cases/${caseId}/referrals`, await referralBody());
    expect(referred.statusCode, referred.body).toBe(201);
    expect(referred.json().state).toBe('referred');
  });

  it('reopens only while the student has no other active case', async () => {
    const caseId = await f.cases.case('home', 'closed', 'reopen-twice');
    const closed = await ctx.db.selectFrom('care_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const { id: _id, ...row } = closed;
    // A newer case of the same student, opened while this one was closed.
    await ctx.db
      .insertInto('care_case')
      .values({ ...row, state: 'assessing', closed_at: null, risk_reasons: JSON.stringify([]), plan: null })
      .execute();
    const refused = await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'reopen', reason: '再次求助。' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().reasons).toEqual(['active_case_exists']);
    expect(refused.json().detail).toContain('已有进行中的个案');
    const after = await ctx.db
      .selectFrom('care_case')
      .select('state')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(after.state).toBe('closed');
  });
});

describe('helpers and follow-up owners', () => {
  it("are the school's psychology staff and leader and the student's own head teacher, as the candidates say", async () => {
    const caseId = await f.cases.case('home', 'assessing', 'helpers');
    const candidates = (await psych.get(`/api/v1/cases/${caseId}/candidates`)).json<{
      staff: Array<{ id: string; roles: string[] }>;
    }>();
    const ids = candidates.staff.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([psychId, classHeadId]));
    expect(ids).not.toContain(otherHeadId);
    expect(candidates.staff.find((s) => s.id === classHeadId)!.roles).toContain('head_teacher');

    // Another class's head teacher could neither see nor record this student's follow-ups.
    const plan = (helper: string) =>
      psych.put(`/api/v1/cases/${caseId}/plan`, {
        goals: ['稳定情绪'],
        actions: ['talk'],
        helpers: [{ role: 'head_teacher', userId: helper }],
      });
    const refused = await plan(otherHeadId);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('/helpers/0/userId');
    const followUps = await psych.post(`/api/v1/cases/${caseId}/follow-ups`, { responsibleUserId: otherHeadId });
    expect(followUps.statusCode).toBe(400);
    expect(followUps.json().errors[0].field).toBe('/responsibleUserId');

    expect((await plan(classHeadId)).statusCode).toBe(200);
    const noName = await psych.put(`/api/v1/cases/${caseId}/plan`, {
      goals: ['稳定情绪'],
      actions: [],
      helpers: [{ role: 'peer' }],
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().errors[0].field).toBe('/helpers/0/name');
  });
});

describe('a referral', () => {
  it('moves through consent, the answer and the return, each step once and audited', async () => {
    const caseId = await f.cases.case('home', 'intervening', 'referral-walk');
    expect(
      (await leader.post(`/api/v1/cases/${caseId}/decisions`, { kind: 'leader_review', outcome: 'refer' })).statusCode,
    ).toBe(200);
    const referralId = (await psych.post(`/api/v1/cases/${caseId}/referrals`, await referralBody())).json()
      .referralId as string;
    const second = await psych.post(`/api/v1/cases/${caseId}/referrals`, await referralBody());
    expect(second.statusCode).toBe(409);
    expect(second.json().reasons).toEqual(['wrong_state']);
    const status = async () =>
      (await ctx.db.selectFrom('referral').select('status').where('id', '=', referralId).executeTakeFirstOrThrow())
        .status;
    expect(await status()).toBe('awaiting_consent');

    const consent = {
      guardianName: '母亲',
      method: 'paper',
      occurredAt: new Date().toISOString(),
      contactMethod: 'phone',
    };
    const first = await psych.post(`/api/v1/referrals/${referralId}/consent`, consent);
    expect(first.json()).toMatchObject({ status: 'sent' });
    // A retry answers the same and records nothing twice.
    const retry = await psych.post(`/api/v1/referrals/${referralId}/consent`, consent);
    expect(retry.json()).toEqual(first.json());
    expect(await status()).toBe('sent');

    const early = await psych.post(`/api/v1/referrals/${referralId}/return`, {
      occurredAt: new Date().toISOString(),
      contactMethod: 'phone',
      reassessment: '复评',
      returnPlan: '方案',
    });
    expect(early.statusCode).toBe(409);
    const feedback = { visitedAt: new Date().toISOString(), recommendation: '门诊随访。', admitted: false };
    expect((await doctor.post(`/api/v1/referrals/${referralId}/feedback`, feedback)).json().status).toBe('answered');
    expect(await status()).toBe('answered');
    const back = await psych.post(`/api/v1/referrals/${referralId}/return`, {
      occurredAt: new Date().toISOString(),
      contactMethod: 'phone',
      reassessment: '复评：稳定。',
      returnPlan: '逐步复课。',
    });
    expect(back.json()).toEqual({ id: caseId, state: 'intervening' });
    expect(await status()).toBe('returned');
    const late = await doctor.post(`/api/v1/referrals/${referralId}/feedback`, feedback);
    expect(late.statusCode).toBe(409);

    expect(await auditActions(referralId)).toEqual(['referral.consent', 'referral.feedback', 'referral.return']);
    expect(await auditActions(caseId)).toEqual(['case.decide.leader_review', 'case.refer']);
    const types = (
      await ctx.db.selectFrom('case_event').select('type').where('case_id', '=', caseId).orderBy('id').execute()
    ).map((e) => e.type);
    expect(types).toEqual([
      'opened',
      'leader_review',
      'state_changed',
      'referral_consent',
      'referral_feedback',
      'state_changed',
      'returned_to_school',
    ]);
  });
});

describe('the next steps of a case', () => {
  it('are answered by the server for the reader: the teacher works the case, the leader reviews it', async () => {
    const caseId = await f.cases.case('home', 'intervening', 'steps');
    const mine = (await psych.get(`/api/v1/cases/${caseId}`)).json();
    expect(mine.nextSteps).toEqual([
      { step: 'referral', primary: false },
      { step: 'followUps', primary: true },
      { step: 'start_follow_up', primary: false },
      { step: 'plan', primary: false },
      { step: 'monitoring', primary: false },
      { step: 'record', primary: false },
    ]);
    expect(mine.nextEvents).toEqual(['refer', 'start_follow_up']);
    expect((await leader.get(`/api/v1/cases/${caseId}`)).json().nextSteps).toEqual([
      { step: 'review', primary: true },
      { step: 'conference', primary: false },
    ]);
  });
});

describe('case commands', () => {
  it('leave one audit row each and keep the chains intact', async () => {
    const caseId = await f.cases.case('home', 'assessing', 'audited');
    expect(
      (
        await psych.put(`/api/v1/cases/${caseId}/assessment`, {
          riskLevel: 'moderate',
          reasons: ['bullying'],
          interview: '访谈。',
        })
      ).statusCode,
    ).toBe(200);
    expect((await psych.post(`/api/v1/cases/${caseId}/records`, { type: 'note', note: '备注。' })).statusCode).toBe(
      201,
    );
    const refused = await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_follow_up' });
    expect(refused.statusCode).toBe(409);
    expect(await auditActions(caseId)).toEqual(['case.assess', 'case.record.note']);
    expect((await verifyAuditChains(ctx.db)).problems).toEqual([]);
  });
});
