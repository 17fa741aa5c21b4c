import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../audit/verify.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

/**
 * One case from alert to closure through the API, with every step tried by another school's staff and
 * by a doctor of a hospital the case was not referred to.
 */
let ctx: TestContext;
let f: Fixtures;
let psych: Agent;
let leader: Agent;
let head: Agent;
let otherPsych: Agent;
let doctor: Agent;
let strangerDoctor: Agent;
let districtStaff: Agent;
let otherDistrictStaff: Agent;
let alertId: string;
let hospitalId: string;
const ids: Record<string, string> = {};

const INTERVIEW = '访谈记录：学生自述近两周入睡困难，偶有轻生念头，无具体计划。';
const REASON = '转介理由：PHQ-A 第9题阳性，访谈确认存在自伤意念。';
const RECOMMENDATION = '医生建议：门诊随访，住院观察一周。';

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  const username = (role: string) => ctx.demo.accounts.find((a) => a.role === role)!.username;
  psych = await ctx.signIn('psych03');
  leader = await ctx.signIn(username('school_leader'));
  head = await ctx.signIn('head03-8-1');
  otherPsych = await ctx.signIn('psych07');
  doctor = await ctx.signIn('doctor');
  districtStaff = await ctx.signIn('district01');
  otherDistrictStaff = await ctx.signIn('district02');

  // A second partner hospital and its doctor, to whom this case is never referred.
  const city = f.home.city_id;
  const doctorRow = await ctx.db
    .selectFrom('user_account')
    .selectAll()
    .where('username', '=', 'doctor')
    .executeTakeFirstOrThrow();
  const other = await ctx.db
    .insertInto('hospital')
    .values({ city_id: city, name_zh: '另一家合作医院', name_en: 'Another hospital' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const stranger = await ctx.db
    .insertInto('user_account')
    .values({
      kind: 'staff',
      username: 'doctor-elsewhere',
      display_name: '吴医生',
      password_hash: doctorRow.password_hash,
      city_id: city,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('role_binding')
    .values({
      user_id: stranger.id,
      role: 'hospital_doctor',
      scope_level: 'hospital',
      scope_id: other.id,
      city_id: city,
      district_id: null,
      school_id: null,
      granted_by: null,
    })
    .execute();
  strangerDoctor = await ctx.signIn('doctor-elsewhere');
  hospitalId = (
    await ctx.db
      .selectFrom('role_binding')
      .select('scope_id')
      .where('user_id', '=', doctorRow.id)
      .executeTakeFirstOrThrow()
  ).scope_id;

  // 常州's rule: the school leader reviews every student before a referral.
  const cityStaff = await ctx.signIn('citycenter');
  expect((await cityStaff.put('/api/v1/settings/cases', { leaderReviewBeforeReferral: true })).json()).toEqual({
    leaderReviewBeforeReferral: true,
  });
  alertId = (await f.screening.crisis('home')).alertId;
  const user = (name: string) =>
    ctx.db.selectFrom('user_account').select('id').where('username', '=', name).executeTakeFirstOrThrow();
  ids.psych = (await user('psych03')).id;
  ids.head = (await user('head03-8-1')).id;
});
afterAll(() => ctx?.close());

async function expectRefused(
  agents: Agent[],
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: Record<string, unknown>,
) {
  for (const a of agents) {
    const res = await a.request(method, url, method === 'GET' ? undefined : (body ?? {}));
    expect([403, 404], `${method} ${url}`).toContain(res.statusCode);
    expect(res.headers['content-type']).toContain('application/problem+json');
  }
}

describe('a case from alert to closure', () => {
  let caseId: string;
  let referralId: string;
  let followUpIds: string[];

  it('opens a case from an alert, once', async () => {
    await expectRefused([otherPsych, head, doctor, strangerDoctor, leader], 'POST', '/api/v1/cases', {
      alertIds: [alertId],
    });
    const res = await psych.post('/api/v1/cases', { alertIds: [alertId], note: '班主任反映近期情绪低落。' });
    expect(res.statusCode, res.body).toBe(201);
    caseId = res.json().id;
    expect(res.json().state).toBe('open');
    const again = await psych.post('/api/v1/cases', { alertIds: [alertId] });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(caseId);
    // Taken into the case, the alert is acknowledged once and stops escalating.
    const alert = await ctx.db
      .selectFrom('alert')
      .select(['status', 'acknowledged_at'])
      .where('id', '=', alertId)
      .executeTakeFirstOrThrow();
    expect(alert.status).toBe('acknowledged');
    // The 建案 picker asks for alerts no running case holds: this one is now held.
    const free = (await psych.get('/api/v1/alerts?inActiveCase=false&pageSize=100')).json();
    expect(free.items.map((a: { id: string }) => a.id)).not.toContain(alertId);
    const held = (await psych.get('/api/v1/alerts?inActiveCase=true&pageSize=100')).json();
    expect(held.items.find((a: { id: string }) => a.id === alertId)?.activeCaseId).toBe(caseId);
    const events = await ctx.db
      .selectFrom('alert_event')
      .select('kind')
      .where('alert_id', '=', alertId)
      .where('kind', '=', 'acknowledged')
      .execute();
    expect(events).toHaveLength(1);
    await expectRefused([otherPsych, head, doctor, strangerDoctor, districtStaff], 'GET', `/api/v1/cases/${caseId}`);
  });

  it('refuses intervention before assessment, plan and helpers, naming each', async () => {
    await expectRefused([otherPsych, leader, head, doctor], 'POST', `/api/v1/cases/${caseId}/transition`, {
      event: 'start_assessment',
    });
    expect((await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_assessment' })).json().state).toBe(
      'assessing',
    );
    const refused = await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_intervention' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().reasons).toEqual(['assessment_missing', 'plan_missing', 'helpers_missing']);
    expect(refused.json().errors).toHaveLength(3);
  });

  it('records the assessment and the plan with named helpers', async () => {
    const assessment = { riskLevel: 'high', reasons: ['suicidal_ideation', 'severe_depression'], interview: INTERVIEW };
    await expectRefused([otherPsych, leader, head, doctor], 'PUT', `/api/v1/cases/${caseId}/assessment`, assessment);
    expect((await psych.put(`/api/v1/cases/${caseId}/assessment`, assessment)).statusCode).toBe(200);
    const badHelper = await psych.put(`/api/v1/cases/${caseId}/plan`, {
      goals: ['稳定情绪'],
      actions: ['talk'],
      helpers: [
        {
          role: 'head_teacher',
          userId: (
            await ctx.db
              .selectFrom('user_account')
              .select('id')
              .where('username', '=', 'psych07')
              .executeTakeFirstOrThrow()
          ).id,
        },
      ],
    });
    expect(badHelper.statusCode).toBe(400);
    expect(badHelper.json().errors[0].field).toBe('/helpers/0/userId');
    const plan = {
      goals: ['两周内睡眠改善', '建立安全计划'],
      actions: ['talk', 'guardian_contact', 'safety_plan'],
      note: '每周二下午个别辅导。',
      helpers: [
        { role: 'psych_teacher', userId: ids.psych },
        { role: 'head_teacher', userId: ids.head },
        { role: 'peer', name: '心理委员小林' },
        { role: 'guardian', name: '母亲' },
      ],
    };
    const candidates = (await psych.get(`/api/v1/cases/${caseId}/candidates`)).json();
    expect(candidates.staff.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([ids.psych, ids.head]));
    expect(candidates.hospitals.map((h: { id: string }) => h.id)).toContain(hospitalId);
    expect((await psych.put(`/api/v1/cases/${caseId}/plan`, plan)).statusCode).toBe(200);
    expect((await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_intervention' })).json().state).toBe(
      'intervening',
    );
  });

  it('records actions, a disclosure and a conference', async () => {
    const action = {
      type: 'action',
      kind: 'guardian_contact',
      contactMethod: 'phone',
      note: '电话联系母亲，告知情况并约定面谈。',
      guardianInformed: true,
    };
    await expectRefused([otherPsych, leader, head, doctor], 'POST', `/api/v1/cases/${caseId}/records`, action);
    expect((await psych.post(`/api/v1/cases/${caseId}/records`, action)).statusCode).toBe(201);
    const disclosure = await psych.post(`/api/v1/cases/${caseId}/records`, {
      type: 'disclosure',
      told: ['head_teacher', 'guardian'],
      reason: '存在自伤风险，依规告知班主任和监护人。',
    });
    expect(disclosure.statusCode).toBe(201);
    const noReason = await psych.post(`/api/v1/cases/${caseId}/records`, { type: 'disclosure', told: ['guardian'] });
    expect(noReason.statusCode).toBe(400);
    const conf = await psych.post(`/api/v1/cases/${caseId}/records`, {
      type: 'conference',
      heldAt: new Date().toISOString(),
      attendees: [
        { name: '区中心专家王老师', role: 'expert' },
        { name: '班主任', role: 'head_teacher' },
      ],
      conclusions: '建议转介专科医院评估。',
    });
    expect(conf.statusCode).toBe(201);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', caseId)
      .where('action', '=', 'case.record.disclosure')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refers only after the leader review, and rolls back a refused referral', async () => {
    const body = { hospitalId, reason: REASON, summary: '高风险个案，已建立安全计划。' };
    const refused = await psych.post(`/api/v1/cases/${caseId}/referrals`, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().reasons).toEqual(['leader_review_missing']);
    expect(await ctx.db.selectFrom('referral').select('id').where('case_id', '=', caseId).execute()).toHaveLength(0);

    await expectRefused([psych, otherPsych, head, doctor], 'POST', `/api/v1/cases/${caseId}/decisions`, {
      kind: 'leader_review',
      outcome: 'refer',
    });
    expect(
      (
        await leader.post(`/api/v1/cases/${caseId}/decisions`, {
          kind: 'leader_review',
          outcome: 'refer',
          note: '同意转介。',
        })
      ).statusCode,
    ).toBe(200);
    await expectRefused([otherPsych, leader, head, doctor], 'POST', `/api/v1/cases/${caseId}/referrals`, body);
    const res = await psych.post(`/api/v1/cases/${caseId}/referrals`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().state).toBe('referred');
    referralId = res.json().referralId;
  });

  it('shows the packet to the hospital only after the guardian consents, never to another hospital', async () => {
    expect((await doctor.get('/api/v1/referrals')).json().items).toEqual([]);
    expect((await doctor.get(`/api/v1/referrals/${referralId}`)).statusCode).toBe(404);
    expect(
      (
        await doctor.post(`/api/v1/referrals/${referralId}/feedback`, {
          visitedAt: new Date().toISOString(),
          recommendation: 'x',
          admitted: false,
        })
      ).statusCode,
    ).toBe(404);

    await expectRefused(
      [otherPsych, leader, head, doctor, strangerDoctor],
      'POST',
      `/api/v1/referrals/${referralId}/consent`,
      { guardianName: '母亲', method: 'paper', occurredAt: new Date().toISOString(), contactMethod: 'phone' },
    );
    // The demo student's guardian has an account: staff recording the consent for them say why (issue 15).
    const consent = await psych.post(`/api/v1/referrals/${referralId}/consent`, {
      guardianName: '母亲',
      method: 'paper',
      occurredAt: new Date().toISOString(),
      contactMethod: 'phone',
      proxyReason: '家长在学校签署了纸质同意书',
    });
    expect(consent.statusCode).toBe(200);
    expect(consent.json().status).toBe('sent');

    const list = (await doctor.get('/api/v1/referrals')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([referralId]);
    const packet = await doctor.get(`/api/v1/referrals/${referralId}`);
    expect(packet.statusCode).toBe(200);
    expect(packet.json().reason).toBe(REASON);
    expect(
      packet
        .json()
        .screening.some((s: { instrument: string; critical: boolean }) => s.instrument === 'phqa' && s.critical),
    ).toBe(true);
    expect(JSON.stringify(packet.json())).not.toContain(INTERVIEW);

    expect((await strangerDoctor.get('/api/v1/referrals')).json().items).toEqual([]);
    await expectRefused([strangerDoctor, psych, otherPsych, leader], 'GET', `/api/v1/referrals/${referralId}`);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'role'])
      .where('target_id', '=', referralId)
      .where('action', '=', 'referral.read')
      .where('outcome', '=', 'success')
      .execute();
    expect(audit).toEqual([{ action: 'referral.read', role: 'hospital_doctor' }]);
    // The refused attempts left their own trace.
    const refused = await ctx.db
      .selectFrom('audit_log')
      .select('username')
      .where('target_id', '=', referralId)
      .where('outcome', '=', 'denied')
      .execute();
    expect(refused.length).toBeGreaterThan(0);
  });

  it('takes the doctor feedback back to the school, then the return to school', async () => {
    const early = await psych.post(`/api/v1/referrals/${referralId}/return`, {
      occurredAt: new Date().toISOString(),
      contactMethod: 'phone',
      reassessment: '复评',
      returnPlan: '方案',
    });
    expect(early.statusCode).toBe(409);
    const feedback = { visitedAt: new Date().toISOString(), recommendation: RECOMMENDATION, admitted: true };
    await expectRefused(
      [strangerDoctor, psych, otherPsych, leader],
      'POST',
      `/api/v1/referrals/${referralId}/feedback`,
      feedback,
    );
    expect((await doctor.post(`/api/v1/referrals/${referralId}/feedback`, feedback)).statusCode).toBe(200);

    const detail = (await psych.get(`/api/v1/cases/${caseId}`)).json();
    expect(detail.referrals[0]).toMatchObject({
      recommendation: RECOMMENDATION,
      admitted: true,
      status: 'answered',
      consentGuardianName: '母亲',
    });

    const noCertificate = await psych.post(`/api/v1/referrals/${referralId}/return`, {
      occurredAt: new Date().toISOString(),
      contactMethod: 'phone',
      reassessment: '复评：情绪稳定。',
      returnPlan: '逐步复课。',
    });
    expect(noCertificate.statusCode).toBe(400);
    expect(noCertificate.json().errors[0].field).toBe('/certificateRef');
    await expectRefused([otherPsych, leader, head, doctor], 'POST', `/api/v1/referrals/${referralId}/return`, {
      certificateRef: 'ZM-1',
      occurredAt: new Date().toISOString(),
      contactMethod: 'phone',
      reassessment: 'x',
      returnPlan: 'y',
    });
    const back = await psych.post(`/api/v1/referrals/${referralId}/return`, {
      certificateRef: 'ZM-2026-0917',
      occurredAt: new Date().toISOString(),
      contactMethod: 'phone',
      reassessment: '复评：情绪稳定。',
      returnPlan: '逐步复课，每周辅导。',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().state).toBe('intervening');
  });

  it('schedules follow-ups for the head teacher, shows them as tasks and escalates overdue ones', async () => {
    const refused = await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_follow_up' });
    expect(refused.json().reasons).toEqual(['follow_ups_missing']);
    const schedule = { responsibleUserId: ids.head, phases: [{ everyDays: 7, count: 2 }] };
    await expectRefused([otherPsych, leader, head, doctor], 'POST', `/api/v1/cases/${caseId}/follow-ups`, schedule);
    const res = await psych.post(`/api/v1/cases/${caseId}/follow-ups`, schedule);
    expect(res.statusCode).toBe(201);
    expect(res.json().dueDates).toHaveLength(2);
    expect((await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_follow_up' })).json().state).toBe(
      'following_up',
    );

    const mine = (await head.get('/api/v1/follow-ups')).json();
    expect(mine.total).toBe(2);
    expect(mine.items[0].student.id).toBe(f.demoStudent.id);
    followUpIds = mine.items.map((i: { id: string }) => i.id);
    expect((await otherPsych.get('/api/v1/follow-ups?view=school')).json().total).toBe(0);

    // Ten days late: overdue for the first, escalated to the leader's list.
    await ctx.db
      .updateTable('follow_up')
      .set({ due_at: new Date(Date.now() - 10 * 86_400_000) })
      .where('id', '=', followUpIds[0]!)
      .execute();
    const overdue = (await leader.get('/api/v1/follow-ups?view=school&status=overdue')).json();
    expect(overdue.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      [followUpIds[0], 'escalated'],
    ]);
  });

  it('refuses closure with every reason, then closes with the leader approval', async () => {
    const refused = await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'request_closure' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().reasons).toEqual(['conclusion_missing', 'follow_ups_open']);

    await expectRefused([otherPsych, leader, doctor], 'POST', `/api/v1/follow-ups/${followUpIds[0]}/complete`, {
      outcome: '情况稳定',
    });
    for (const id of followUpIds)
      expect(
        (await head.post(`/api/v1/follow-ups/${id}/complete`, { outcome: '情况稳定，按时到校。' })).statusCode,
      ).toBe(200);
    const retry = await head.post(`/api/v1/follow-ups/${followUpIds[0]}/complete`, { outcome: '重复提交' });
    expect(retry.statusCode).toBe(200);

    await expectRefused([otherPsych, leader, head], 'POST', `/api/v1/cases/${caseId}/transition`, {
      event: 'request_closure',
      conclusion: '风险解除。',
    });
    const closing = await psych.post(`/api/v1/cases/${caseId}/transition`, {
      event: 'request_closure',
      conclusion: '风险解除，转入常规关注。',
    });
    expect(closing.json().state).toBe('closing');
    const noteless = await leader.post(`/api/v1/cases/${caseId}/decisions`, { kind: 'closure', outcome: 'rejected' });
    expect(noteless.json().reasons).toEqual(['reason_missing']);
    await expectRefused([psych, otherPsych, head, doctor], 'POST', `/api/v1/cases/${caseId}/decisions`, {
      kind: 'closure',
      outcome: 'approved',
    });
    const approved = await leader.post(`/api/v1/cases/${caseId}/decisions`, {
      kind: 'closure',
      outcome: 'approved',
      note: '同意结案。',
    });
    expect(approved.json().state).toBe('closed');
  });

  it('shows every event in order on the timeline, with notes decrypted and the read audited', async () => {
    await expectRefused([otherPsych, head, doctor, districtStaff], 'GET', `/api/v1/cases/${caseId}/timeline`);
    const res = await psych.get(`/api/v1/cases/${caseId}/timeline`);
    const items = res.json().items as Array<{
      type: string;
      note: string | null;
      payload: Record<string, unknown>;
      at: string;
    }>;
    const types = items.map((i) => i.type);
    expect(types.slice(0, 4)).toEqual(['opened', 'state_changed', 'assessed', 'planned']);
    for (const t of [
      'confidentiality_broken',
      'conference',
      'leader_review',
      'referral_consent',
      'referral_feedback',
      'returned_to_school',
      'follow_ups_scheduled',
      'follow_up_done',
    ])
      expect(types).toContain(t);
    expect(items.at(-1)).toMatchObject({ type: 'state_changed', payload: { event: 'approve_closure', to: 'closed' } });
    expect(items.find((i) => i.type === 'assessed')!.note).toBe(INTERVIEW);
    expect(items.find((i) => i.type === 'referral_feedback')!.note).toBe(RECOMMENDATION);
    const ats = items.map((i) => i.at);
    expect([...ats].sort()).toEqual(ats);
    const reads = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', caseId)
      .where('action', 'in', ['case.timeline.read', 'case.read'])
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('stores notes and hospital feedback encrypted at rest', async () => {
    const caseRows = await ctx.db.selectFrom('care_case').selectAll().where('id', '=', caseId).execute();
    const rows = [
      caseRows,
      await ctx.db.selectFrom('case_event').selectAll().where('case_id', '=', caseId).execute(),
      await ctx.db.selectFrom('referral').selectAll().where('case_id', '=', caseId).execute(),
      await ctx.db.selectFrom('follow_up').selectAll().where('case_id', '=', caseId).execute(),
      await ctx.db.selectFrom('case_disclosure').selectAll().where('case_id', '=', caseId).execute(),
      await ctx.db.selectFrom('case_conference').selectAll().where('case_id', '=', caseId).execute(),
    ];
    const raw = JSON.stringify(rows);
    for (const plain of [
      INTERVIEW,
      REASON,
      RECOMMENDATION,
      '两周内睡眠改善',
      '存在自伤风险',
      '建议转介专科医院',
      '情况稳定',
      '风险解除',
      '逐步复课',
    ])
      expect(raw).not.toContain(plain);
    expect(caseRows[0]!.assessment_enc).toMatch(/^v1\.[0-9a-f]{8}\./);
    const detail = (await psych.get(`/api/v1/cases/${caseId}`)).json();
    expect(detail.plan.goals).toEqual(['两周内睡眠改善', '建立安全计划']);
    expect(detail.assessment.interview).toBe(INTERVIEW);
  });

  it('reopens a closed case only with a reason', async () => {
    expect((await psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'reopen' })).json().reasons).toEqual([
      'reason_missing',
    ]);
    await expectRefused([otherPsych, leader, head], 'POST', `/api/v1/cases/${caseId}/transition`, {
      event: 'reopen',
      reason: '再次出现风险',
    });
    const res = await psych.post(`/api/v1/cases/${caseId}/transition`, {
      event: 'reopen',
      reason: '期末前再次出现情绪问题。',
    });
    expect(res.json().state).toBe('assessing');
    // The earlier episode's review does not count for a new referral.
    const facts = await ctx.db.selectFrom('case_approval').select('kind').where('case_id', '=', caseId).execute();
    expect(facts.length).toBe(2);
  });

  it('links a new alert about the same student to the active case instead of opening another', async () => {
    const second = (await f.screening.crisis('home', 'second')).alertId;
    const res = await psych.post('/api/v1/cases', { alertIds: [second] });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(caseId);
    const types = (await psych.get(`/api/v1/cases/${caseId}/timeline`))
      .json()
      .items.map((i: { type: string }) => i.type);
    expect(types.at(-1)).toBe('alerts_linked');
    expect((await psych.get(`/api/v1/cases/${caseId}`)).json().alerts).toHaveLength(2);
  });

  it('lists my cases and the leader view', async () => {
    const mine = (await psych.get('/api/v1/cases?mine=true')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect((await otherPsych.get('/api/v1/cases')).json().total).toBe(0);
    expect((await leader.get('/api/v1/cases?active=true')).json().items[0].student.id).toBe(f.demoStudent.id);
  });

  it('schedules a monitoring re-screen and returns the score trajectory', async () => {
    await expectRefused([otherPsych, leader, head], 'POST', `/api/v1/cases/${caseId}/monitoring`, { weeks: 4 });
    const res = await psych.post(`/api/v1/cases/${caseId}/monitoring`, { weeks: 4 });
    expect(res.statusCode, res.body).toBe(201);
    const campaign = await ctx.db
      .selectFrom('campaign')
      .selectAll()
      .where('id', '=', res.json().campaignId)
      .executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({ kind: 'monitoring', status: 'published', school_id: f.home.id });
    const assigned = await ctx.db
      .selectFrom('screening_assignment')
      .select('student_id')
      .where('campaign_id', '=', campaign.id)
      .execute();
    expect(assigned.map((a) => a.student_id)).toEqual([f.demoStudent.id]);

    await expectRefused([otherPsych, leader, head, doctor], 'GET', `/api/v1/cases/${caseId}/trajectory`);
    const trajectory = (await psych.get(`/api/v1/cases/${caseId}/trajectory`)).json();
    const phqa = trajectory.series.find((s: { instrument: string }) => s.instrument === 'phqa');
    expect(phqa.points.length).toBeGreaterThanOrEqual(1);
    expect(phqa.points[0]).toMatchObject({ critical: true });
  });

  it('runs a seasonal sweep that head teachers check for their own class', async () => {
    await expectRefused([head, otherPsych, districtStaff], 'POST', '/api/v1/sweeps', {
      schoolId: f.home.id,
      season: 'before_exams',
    });
    const res = await psych.post('/api/v1/sweeps', { schoolId: f.home.id, season: 'before_exams' });
    expect(res.statusCode).toBe(201);
    const sweepId = res.json().id;
    const whole = (await leader.get(`/api/v1/sweeps/${sweepId}`)).json();
    const mine = (await head.get(`/api/v1/sweeps/${sweepId}`)).json();
    expect(mine.list.find((i: { student: { id: string } }) => i.student.id === f.demoStudent.id).reasons).toContain(
      'open_case',
    );
    expect(
      mine.list.every((i: { student: { className: string } }) => i.student.className === f.homeClass.name_zh),
    ).toBe(true);
    expect(whole.list.length).toBeGreaterThanOrEqual(mine.list.length);
    expect((await head.get('/api/v1/sweeps')).json().items.map((s: { id: string }) => s.id)).toContain(sweepId);
    await expectRefused([otherPsych, doctor, districtStaff], 'GET', `/api/v1/sweeps/${sweepId}`);
    const itemId = mine.list[0].id;
    await expectRefused([otherPsych, leader, doctor], 'POST', `/api/v1/sweep-items/${itemId}/check`, {
      note: '已谈话',
    });
    expect((await head.post(`/api/v1/sweep-items/${itemId}/check`, { note: '已与学生谈话。' })).statusCode).toBe(200);
  });

  it('gives district and city centres counts by school without names', async () => {
    const res = await districtStaff.get('/api/v1/case-stats');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const school = body.schools.find((s: { schoolId: string }) => s.schoolId === f.home.id);
    expect(school).toMatchObject({ active: 1, byState: { assessing: 1 } });
    const raw = JSON.stringify(body);
    expect(raw).not.toContain(f.demoStudent.name);
    expect(raw).not.toContain(caseId);
    expect(
      (await otherDistrictStaff.get('/api/v1/case-stats'))
        .json()
        .schools.find((s: { schoolId: string }) => s.schoolId === f.home.id),
    ).toBeUndefined();
    await expectRefused([head, doctor, otherPsych], 'GET', '/api/v1/case-stats');
  });

  it('keeps the audit chains intact', async () => {
    const result = await verifyAuditChains(ctx.db);
    expect(result.problems).toEqual([]);
  });
});
