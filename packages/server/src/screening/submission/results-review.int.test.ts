import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../audit/verify.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../../testing/harness.js';
import type { Fixtures } from '../../testing/matrix.js';
import { CALM_ANSWERS, openAssignment, PHQA_ITEM9_TWO, submitDirect } from '../../testing/screening-factory.js';

let ctx: TestContext;
let f: Fixtures;
let student: Agent;
let psych: Agent;
let otherPsych: Agent;
let head: Agent;
let leader: Agent;

/** The crisis submission every test below looks at, made through the student's own submit. */
let crisis: { assignmentId: string; campaignId: string; phqaResponseId: string; alertId: string; assessmentId: string };

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  const username = (role: string) => ctx.demo.accounts.find((a) => a.role === role)!.username;
  student = await ctx.signIn(username('student'));
  psych = await ctx.signIn('psych03');
  otherPsych = await ctx.signIn('psych07');
  head = await ctx.signIn('head03-8-1');
  leader = await ctx.signIn(username('school_leader'));

  const { assignmentId, campaignId } = await openAssignment(ctx.db, f.demoStudent);
  const res = await student.post(`/api/v1/my/screenings/${assignmentId}/submit`, {
    submissionId: randomUUID(),
    answers: PHQA_ITEM9_TWO,
    durationMs: 100_000,
  });
  expect(res.statusCode).toBe(200);
  const phqa = await ctx.db
    .selectFrom('screening_response')
    .select('id')
    .where('assignment_id', '=', assignmentId)
    .where('instrument_code', '=', 'phqa')
    .executeTakeFirstOrThrow();
  const alert = await ctx.db
    .selectFrom('alert')
    .select('id')
    .where('response_id', '=', phqa.id)
    .executeTakeFirstOrThrow();
  const assessment = await ctx.db
    .selectFrom('tier_assessment')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  crisis = { assignmentId, campaignId, phqaResponseId: phqa.id, alertId: alert.id, assessmentId: assessment.id };
});
afterAll(() => ctx?.close());

interface AlertItem {
  id: string;
  studentId: string;
  urgency: string;
  overdue: boolean;
  cared: boolean;
  careTags: string[];
  reasons: Array<{ instrument: string; item: number; answer: number; itemText: string; text: string }>;
}

describe('the crisis alert', () => {
  it('reaches the school’s psychology teacher with a plain explanation of the item and answer', async () => {
    const list = (await psych.get('/api/v1/alerts?status=open')).json<{ items: AlertItem[] }>();
    const alert = list.items.find((a) => a.id === crisis.alertId)!;
    expect(alert).toMatchObject({
      studentId: f.demoStudent.id,
      urgency: 'crisis',
      overdue: false,
      cared: f.demoStudent.care_tags.length > 0,
    });
    expect(alert.reasons).toEqual([
      {
        kind: 'screening',
        instrument: 'PHQ-A',
        item: 9,
        answer: 2,
        itemText: '有不如死掉或用某种方式伤害自己的念头？',
        text: 'PHQ-A 第 9 题回答“一半以上的天数”（2 ≥ 1）：PHQ-A 第 9 题阳性',
      },
    ]);
    psych.locale = 'en';
    const en = (await psych.get(`/api/v1/alerts/${crisis.alertId}`)).json<AlertItem>();
    psych.locale = 'zh-CN';
    expect(en.reasons[0]!.text).toBe(
      'PHQ-A question 9 answered “More than half the days” (2 ≥ 1): PHQ-A item 9 positive',
    );
  });

  it('names ASQ question 4 when a student answers yes to it', async () => {
    const { assignmentId } = await openAssignment(ctx.db, f.demoStudent);
    const answers = { ...CALM_ANSWERS, asq: [0, 0, 0, 1, 0] };
    expect(
      (
        await student.post(`/api/v1/my/screenings/${assignmentId}/submit`, {
          submissionId: randomUUID(),
          answers,
          durationMs: 90_000,
        })
      ).statusCode,
    ).toBe(200);
    const asq = await ctx.db
      .selectFrom('screening_response')
      .select('id')
      .where('assignment_id', '=', assignmentId)
      .where('instrument_code', '=', 'asq')
      .executeTakeFirstOrThrow();
    const alert = await ctx.db
      .selectFrom('alert')
      .select('id')
      .where('response_id', '=', asq.id)
      .executeTakeFirstOrThrow();
    const view = (await psych.get(`/api/v1/alerts/${alert.id}`)).json<AlertItem>();
    expect(view.reasons).toEqual([
      expect.objectContaining({ instrument: 'ASQ', item: 4, answer: 1, text: 'ASQ 第 4 题回答“是”' }),
    ]);
  });

  it('is invisible to another school’s psychology teacher', async () => {
    const list = (await otherPsych.get('/api/v1/alerts')).json<{ items: AlertItem[]; total: number }>();
    expect(list.items.map((a) => a.studentId)).not.toContain(f.demoStudent.id);
    expect((await otherPsych.get(`/api/v1/alerts/${crisis.alertId}`)).statusCode).toBe(404);
    expect((await otherPsych.post(`/api/v1/alerts/${crisis.alertId}/acknowledge`)).statusCode).toBe(404);
  });
});

describe('results for psychology staff', () => {
  it('lists the student with every instrument’s total, band, flags and the suggested tier', async () => {
    const res = (await psych.get(`/api/v1/screening/results?campaignId=${crisis.campaignId}`)).json();
    expect(res.total).toBe(1);
    const item = res.items[0];
    expect(item).toMatchObject({
      studentId: f.demoStudent.id,
      studentName: f.demoStudent.name,
      flagged: true,
      suggestedTier: 3,
      reviewStatus: 'suggested',
    });
    expect(item.instruments.map((i: { code: string }) => i.code)).toEqual(['phqa', 'gad7', 'asq']);
    expect(item.instruments[0]).toMatchObject({
      total: 5,
      band: 'mild',
      bandLabel: '轻度',
      valid: true,
      criticalFlags: [{ id: 'phqa_item9', label: 'PHQ-A 第 9 题阳性' }],
      careless: [],
    });

    const flaggedOnly = (await psych.get('/api/v1/screening/results?flagged=true&pageSize=200')).json();
    expect(flaggedOnly.items.every((i: { flagged: boolean }) => i.flagged)).toBe(true);
    const byBand = (await psych.get(`/api/v1/screening/results?band=severe&campaignId=${crisis.campaignId}`)).json();
    expect(byBand.total).toBe(0);
    expect((await otherPsych.get(`/api/v1/screening/results?campaignId=${crisis.campaignId}`)).json().total).toBe(0);
  });

  it('shows one response item by item with explanations, audited as a sensitive read', async () => {
    const res = await psych.get(`/api/v1/responses/${crisis.phqaResponseId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(9);
    expect(body.items[8]).toMatchObject({
      number: 9,
      answer: 2,
      answerLabel: '一半以上的天数',
      critical: true,
      required: true,
      asked: true,
    });
    expect(body.explanations).toContain('PHQ-A 总分 5 ≥ 5（轻度）');
    expect(body.explanations).toContain('PHQ-A 第 9 题回答“一半以上的天数”（2 ≥ 1）：PHQ-A 第 9 题阳性');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['username', 'role'])
      .where('action', '=', 'response.read')
      .where('target_id', '=', crisis.phqaResponseId)
      .execute();
    expect(audit).toEqual([{ username: 'psych03', role: 'psych_teacher' }]);
    expect((await otherPsych.get(`/api/v1/responses/${crisis.phqaResponseId}`)).statusCode).toBe(404);
    expect((await head.get(`/api/v1/responses/${crisis.phqaResponseId}`)).statusCode).toBe(403);
  });

  it('exports the response as a FHIR QuestionnaireResponse', async () => {
    const res = await psych.get(`/api/v1/responses/${crisis.phqaResponseId}/fhir`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const fhir = res.json();
    expect(fhir).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      id: crisis.phqaResponseId,
      status: 'completed',
      subject: { reference: `Patient/${f.demoStudent.id}` },
    });
    expect(fhir.item.find((i: { linkId: string }) => i.linkId === 'phqa_9').answer[0].valueCoding.code).toBeDefined();
    expect((await otherPsych.get(`/api/v1/responses/${crisis.phqaResponseId}/fhir`)).statusCode).toBe(404);
  });
});

describe('review (复核) and what others then see', () => {
  it('queues the suggestion with its reasons and alerts; another school sees none of it', async () => {
    const queue = (await psych.get('/api/v1/tier-assessments?status=suggested&pageSize=200')).json();
    const item = queue.items.find((i: { id: string }) => i.id === crisis.assessmentId);
    expect(item).toMatchObject({ suggestedTier: 3, status: 'suggested', currentTier: null });
    expect(item.reasons[0].text).toBe('PHQ-A 出现危机标记（PHQ-A 第 9 题阳性）→ 建议 3 级');
    expect(item.alerts).toContainEqual(
      expect.objectContaining({ id: crisis.alertId, urgency: 'crisis', status: 'open' }),
    );
    const other = (await otherPsych.get('/api/v1/tier-assessments?pageSize=200')).json();
    expect(other.items.map((i: { studentId: string }) => i.studentId)).not.toContain(f.demoStudent.id);
    expect(
      (
        await otherPsych.post(`/api/v1/tier-assessments/${crisis.assessmentId}/review`, {
          confirmedTier: 3,
          talkRecord: '已与学生面谈，学生情绪低落，已联系家长。',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('requires a talk record, and a reason when the tier differs from the suggestion', async () => {
    const url = `/api/v1/tier-assessments/${crisis.assessmentId}/review`;
    const noTalk = await psych.post(url, { confirmedTier: 3, talkRecord: '谈过了' });
    expect(noTalk.statusCode).toBe(400);
    expect(noTalk.json().errors[0].field).toBe('/talkRecord');
    const noReason = await psych.post(url, { confirmedTier: 2, talkRecord: '已与学生面谈，情况基本稳定，持续关注。' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('/reason');
  });

  it('confirms tier 3 with the talk record; the head teacher sees tier 3 and the next step, never answers or scores', async () => {
    const res = await psych.post(`/api/v1/tier-assessments/${crisis.assessmentId}/review`, {
      confirmedTier: 3,
      talkRecord: '已与学生面谈，学生近期有消极念头，已联系家长并转介。',
    });
    expect(res.statusCode).toBe(200);
    // The crisis alert is still open, so the rise does not open a second task.
    expect(res.json()).toMatchObject({ status: 'confirmed', suggestedTier: 3, confirmedTier: 3, alertId: null });
    expect(
      (
        await psych.post(`/api/v1/tier-assessments/${crisis.assessmentId}/review`, {
          confirmedTier: 3,
          talkRecord: '重复提交的谈话记录内容。',
        })
      ).statusCode,
    ).toBe(409);

    const tier = await ctx.db
      .selectFrom('student_tier')
      .selectAll()
      .where('student_id', '=', f.demoStudent.id)
      .executeTakeFirstOrThrow();
    expect(tier).toMatchObject({ tier: 3, assessment_id: crisis.assessmentId });

    const classView = await head.get(`/api/v1/classes/${f.homeClass.id}/tiers`);
    expect(classView.statusCode).toBe(200);
    const body = classView.json();
    expect(body.items).toEqual([
      expect.objectContaining({
        studentId: f.demoStudent.id,
        tier: 3,
        nextStep: '心理教师已介入，请配合家校沟通，关注学生日常状态并及时反馈',
      }),
    ]);
    const text = JSON.stringify(body);
    for (const word of ['answers', 'total', 'band', 'suggested', 'reason', 'talk', 'phqa', 'score'])
      expect(text).not.toContain(word);

    const one = (await head.get(`/api/v1/students/${f.demoStudent.id}/tier`)).json();
    expect(one).toEqual({
      studentId: f.demoStudent.id,
      tier: 3,
      nextStep: '心理教师已介入，请配合家校沟通，关注学生日常状态并及时反馈',
      confirmedAt: expect.any(String),
    });
    expect(Object.keys(one).sort()).toEqual(['confirmedAt', 'nextStep', 'studentId', 'tier']);
    // Another class's head teacher, and another school, see nothing of it.
    expect((await head.get(`/api/v1/classes/${f.otherClassInHome.id}/tiers`)).statusCode).toBe(404);
    expect((await otherPsych.get(`/api/v1/classes/${f.homeClass.id}/tiers`)).statusCode).toBe(404);
    expect((await otherPsych.get(`/api/v1/students/${f.demoStudent.id}/tier`)).statusCode).toBe(404);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'tier.review')
      .where('target_id', '=', crisis.assessmentId)
      .executeTakeFirstOrThrow();
    expect(audit.payload).not.toMatch(/talk|confirmedTier|消极/);
  });

  it('a confirmed rise to tier 2 records a tier_change alert, taken on by the reviewer, telling no one', async () => {
    const s = f.homeOtherClassStudent;
    const { assignmentId, campaignId } = await openAssignment(ctx.db, s);
    const stored = await submitDirect(ctx.db, assignmentId, CALM_ANSWERS);
    expect(stored.alertId).toBeNull();
    const res = await psych.post(`/api/v1/tier-assessments/${stored.tierAssessmentId}/review`, {
      confirmedTier: 2,
      reason: '谈话中发现近期人际冲突',
      talkRecord: '学生反映与同学关系紧张，睡眠不佳，约定每周谈话一次。',
    });
    expect(res.statusCode).toBe(200);
    const alertId = res.json().alertId as string;
    expect(alertId).toEqual(expect.any(String));
    const alert = await ctx.db.selectFrom('alert').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
    // Her own decision is not news to her: acknowledged by her at once, so it neither notifies nor escalates.
    const reviewer = await ctx.db
      .selectFrom('user_account')
      .select('id')
      .where('username', '=', 'psych03')
      .executeTakeFirstOrThrow();
    expect(alert).toMatchObject({
      source: 'tier_change',
      urgency: 'high',
      status: 'acknowledged',
      acknowledged_by: reviewer.id,
      student_id: s.id,
    });
    expect(alert.due_at.getTime() - alert.created_at.getTime()).toBe(24 * 3_600_000);
    expect(await ctx.db.selectFrom('notification').select('id').where('alert_id', '=', alertId).execute()).toEqual([]);
    const events = await ctx.db
      .selectFrom('alert_event')
      .select(['kind', 'actor_id'])
      .where('alert_id', '=', alertId)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { kind: 'raised', actor_id: reviewer.id },
      { kind: 'acknowledged', actor_id: reviewer.id },
    ]);
    const view = (await psych.get(`/api/v1/alerts/${alertId}`)).json<AlertItem>();
    expect(view.reasons[0]!.text).toBe('复核确认为 2 级（此前 无已确认级别）');
    expect(
      (
        await ctx.db
          .selectFrom('tier_assessment')
          .select('campaign_id')
          .where('id', '=', stored.tierAssessmentId)
          .executeTakeFirstOrThrow()
      ).campaign_id,
    ).toBe(campaignId);
  });
});

describe('acknowledging an alert', () => {
  it('records who and when, once; a school leader may read but not acknowledge', async () => {
    expect((await leader.get(`/api/v1/alerts/${crisis.alertId}`)).statusCode).toBe(200);
    expect((await leader.post(`/api/v1/alerts/${crisis.alertId}/acknowledge`)).statusCode).toBe(403);
    const res = await psych.post(`/api/v1/alerts/${crisis.alertId}/acknowledge`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: { name: expect.any(String) } });
    expect((await psych.post(`/api/v1/alerts/${crisis.alertId}/acknowledge`)).statusCode).toBe(409);
    const row = await ctx.db
      .selectFrom('alert')
      .select(['status', 'acknowledged_at', 'acknowledged_by'])
      .where('id', '=', crisis.alertId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('acknowledged');
    expect(row.acknowledged_at).not.toBeNull();
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('username')
      .where('action', '=', 'alert.acknowledge')
      .where('target_id', '=', crisis.alertId)
      .where('outcome', '=', 'success')
      .execute();
    expect(audit).toEqual([{ username: 'psych03' }]);
    const list = (await psych.get('/api/v1/alerts?status=open&pageSize=200')).json<{ items: AlertItem[] }>();
    expect(list.items.map((a) => a.id)).not.toContain(crisis.alertId);
  });

  it('leaves the audit chains intact', async () => {
    const report = await verifyAuditChains(ctx.db);
    expect(report.entries).toBeGreaterThan(10);
    expect(report.problems).toEqual([]);
  });
});
