import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../../testing/harness.js';
import type { Fixtures } from '../../testing/matrix.js';
import { foldReportCounts } from '../../reports/fold.js';
import { CALM_ANSWERS, openAssignment, PHQA_ITEM9_TWO } from '../../testing/screening-factory.js';

let ctx: TestContext;
let f: Fixtures;
let student: Agent;
let studentUsername: string;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  studentUsername = ctx.demo.accounts.find((a) => a.role === 'student')!.username;
  student = await ctx.signIn(studentUsername);
});
afterAll(() => ctx?.close());

const base = (id: string) => `/api/v1/my/screenings/${id}`;

describe('the student questionnaire', () => {
  it('lists open assignments and serves instruments in order, in the caller’s language, with ASQ 5 conditional', async () => {
    const { assignmentId } = await openAssignment(ctx.db, f.demoStudent);
    const list = (await student.get('/api/v1/my/screenings')).json<{
      items: Array<{ id: string; canStart: boolean; progress: { answered: number; total: number } }>;
    }>();
    const mine = list.items.find((i) => i.id === assignmentId)!;
    expect(mine).toMatchObject({ canStart: true, progress: { answered: 0, total: 9 + 7 + 4 } });

    const zh = (await student.get(base(assignmentId))).json();
    expect(zh.instruments.map((i: { code: string }) => i.code)).toEqual(['phqa', 'gad7', 'asq']);
    const phqa = zh.instruments[0];
    expect(phqa.instructions).toContain('过去两周');
    expect(phqa.items[8]).toMatchObject({ number: 9, required: true });
    expect(phqa.options.map((o: { code: number }) => o.code)).toEqual([0, 1, 2, 3]);
    const asq5 = zh.instruments[2].items[4];
    expect(asq5.askedWhen).toEqual({ items: [1, 2, 3, 4], anyAnswerIn: [1], orSkipped: true });
    expect(zh.instruments[2].items[0].askedWhen).toBeUndefined();
    // Nothing about scoring reaches the respondent.
    expect(JSON.stringify(zh.instruments)).not.toMatch(/band|critical|scoring|total|reverse|subscale/);

    const en = (await student.get(base(assignmentId), { 'accept-language': 'en' })).json();
    expect(en.instruments[0].items[0].text).toBe('Feeling down, depressed, irritable, or hopeless?');
    // A tap form in tap words, and the licence footer in the reader's language.
    expect(en.instruments[0].instructions).toContain('choose the answer');
    expect(en.instruments[0].instructions).not.toContain("'X'");
    expect(en.instruments[0].footer).toContain('Pfizer');
    expect(phqa.footer).toContain('辉瑞');
  });

  it('autosaves a partial draft, marks the assignment in progress, and resumes from it', async () => {
    const { assignmentId } = await openAssignment(ctx.db, f.demoStudent);
    const partial = { phqa: [1, 0, 2], gad7: [] as number[] };
    const saved = await student.put(`${base(assignmentId)}/draft`, {
      answers: partial,
      position: { instrument: 'phqa', item: 4 },
    });
    expect(saved.statusCode).toBe(200);
    const row = await ctx.db
      .selectFrom('screening_assignment')
      .select(['status', 'started_at'])
      .where('id', '=', assignmentId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('in_progress');
    expect(row.started_at).not.toBeNull();

    // A new sign-in (another phone) finds the answers and the place where the student stopped.
    const again = await ctx.signIn(studentUsername);
    const view = (await again.get(base(assignmentId))).json();
    expect(view.draft).toMatchObject({ answers: partial, position: { instrument: 'phqa', item: 4 } });
    expect(view.progress).toEqual({ answered: 3, total: 20 });

    const bad = await student.put(`${base(assignmentId)}/draft`, { answers: { phqa: [7] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('PHQ-A 第 1 题');
    const unknown = await student.put(`${base(assignmentId)}/draft`, { answers: { scl90: [1] } });
    expect(unknown.statusCode).toBe(400);
  });

  it('keeps a blank answer blank (never coerced to 0) and insists on PHQ-A item 9', async () => {
    const { assignmentId } = await openAssignment(ctx.db, f.demoStudent);
    await student.put(`${base(assignmentId)}/draft`, { answers: { phqa: [null, null, 1] } });
    const draft = await ctx.db
      .selectFrom('response_draft')
      .select('answers')
      .where('assignment_id', '=', assignmentId)
      .executeTakeFirstOrThrow();
    expect(draft.answers).toEqual({ phqa: [null, null, 1] });

    const answers = { ...CALM_ANSWERS, phqa: [0, 1, 0, 1, 0, 0, 1, 0, null] };
    const res = await student.post(`${base(assignmentId)}/submit`, {
      submissionId: randomUUID(),
      answers,
      durationMs: 90_000,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('PHQ-A 第 9 题为必答题，请作答后再提交。');
    expect(res.json().errors[0].field).toBe('/answers/phqa/8');

    student.locale = 'en';
    const wrong = await student.post(`${base(assignmentId)}/submit`, {
      submissionId: randomUUID(),
      answers: { ...CALM_ANSWERS, gad7: [0, 0, 9, 0, 0, 0, 0] },
      durationMs: 90_000,
    });
    student.locale = 'zh-CN';
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toBe('GAD-7 question 3: the answer is not one of the options (0/1/2/3).');
    const short = await student.post(`${base(assignmentId)}/submit`, {
      submissionId: randomUUID(),
      answers: { phqa: CALM_ANSWERS.phqa!, gad7: CALM_ANSWERS.gad7! },
      durationMs: 90_000,
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().detail).toContain('ASQ');
  });

  it('submits PHQ-A item 9 = 2: one transaction of responses, suggested tier 3 and a crisis alert due in an hour; the receipt says nothing of it', async () => {
    const { assignmentId, campaignId } = await openAssignment(ctx.db, f.demoStudent);
    await student.put(`${base(assignmentId)}/draft`, { answers: { phqa: [0] } });
    const submissionId = randomUUID();
    const res = await student.post(`${base(assignmentId)}/submit`, {
      submissionId,
      answers: PHQA_ITEM9_TWO,
      durationMs: 95_000,
    });
    expect(res.statusCode).toBe(200);
    const receipt = res.json();
    expect(Object.keys(receipt).sort()).toEqual(['helpLines', 'receiptId', 'submittedAt', 'thankYou']);
    expect(receipt.receiptId).toBe(submissionId);
    expect(receipt.helpLines).toContainEqual({ name: '全国心理援助热线', number: '12356' });
    const text = JSON.stringify(receipt);
    expect(text).not.toMatch(/score|band|tier|total|risk|crisis|flag|分数|得分|等级|级别|风险|危机|阳性|抑郁|焦虑/i);

    const responses = await ctx.db
      .selectFrom('screening_response')
      .selectAll()
      .where('assignment_id', '=', assignmentId)
      .orderBy('instrument_code')
      .execute();
    expect(responses.map((r) => r.instrument_code)).toEqual(['asq', 'gad7', 'phqa']);
    const phqa = responses.find((r) => r.instrument_code === 'phqa')!;
    expect(phqa).toMatchObject({
      total: 5,
      band: 'mild',
      critical_flags: ['phqa_item9'],
      valid: true,
      careless: [],
      duration_ms: 95_000,
      campaign_id: campaignId,
    });
    expect(phqa.answers).toEqual(PHQA_ITEM9_TWO.phqa);

    const tier = await ctx.db
      .selectFrom('tier_assessment')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(tier).toMatchObject({
      student_id: f.demoStudent.id,
      suggested_tier: 3,
      status: 'suggested',
      rule_set_version: 'yuxin-default@2026-11',
    });

    const alert = await ctx.db
      .selectFrom('alert')
      .selectAll()
      .where('response_id', '=', phqa.id)
      .executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ source: 'screening', urgency: 'crisis', status: 'open', school_id: f.home.id });
    const dueIn = alert.due_at.getTime() - alert.created_at.getTime();
    expect(dueIn).toBe(3_600_000);
    expect(alert.reasons).toEqual([
      {
        kind: 'screening',
        instrument: 'phqa',
        version: 1,
        reason: {
          code: 'critical_item',
          params: { instrument: 'PHQ-A', code: 'phqa', item: 9, answer: 2, min: 1, flag: 'phqa_item9' },
        },
      },
    ]);

    const assignment = await ctx.db
      .selectFrom('screening_assignment')
      .select(['status', 'completed_at'])
      .where('id', '=', assignmentId)
      .executeTakeFirstOrThrow();
    expect(assignment.status).toBe('completed');
    expect(
      await ctx.db
        .selectFrom('response_draft')
        .select('assignment_id')
        .where('assignment_id', '=', assignmentId)
        .executeTakeFirst(),
    ).toBeUndefined();

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload', 'target_id', 'role'])
      .where('action', '=', 'screening.submit')
      .where('target_id', '=', assignmentId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.role).toBe('student');
    expect(audit[0]!.payload).not.toMatch(/answers|phqa_item9|"total"|band|tier/);
  });

  it('flags a submission answered too fast and a straightlined instrument, without changing its score', async () => {
    const { assignmentId } = await openAssignment(ctx.db, f.demoStudent);
    const answers = { phqa: Array(9).fill(1), gad7: [0, 1, 0, 1, 0, 1, 0], asq: [0, 0, 0, 0, null] };
    expect(
      (
        await student.post(`${base(assignmentId)}/submit`, {
          submissionId: randomUUID(),
          answers,
          durationMs: 20 * 1000,
        })
      ).statusCode,
    ).toBe(200);
    const rows = await ctx.db
      .selectFrom('screening_response')
      .select(['instrument_code', 'careless', 'total'])
      .where('assignment_id', '=', assignmentId)
      .execute();
    const by = Object.fromEntries(rows.map((r) => [r.instrument_code, r]));
    expect(by.phqa).toMatchObject({ careless: ['too_fast', 'straightlining'], total: 9 });
    expect(by.gad7!.careless).toEqual(['too_fast']);
    expect(by.asq!.careless).toEqual(['too_fast']);
  });

  it('adds up answering time across sessions and devices on the server, so a break is not "too fast" (#17)', async () => {
    const { assignmentId } = await openAssignment(ctx.db, f.demoStudent);
    const half = { phqa: [1, 0, 1, 2, 1, null, null, null, null], gad7: Array(7).fill(null), asq: Array(5).fill(null) };
    // First sitting: 40 s of answering, then "先休息一下". Second sitting on another phone: 30 s more.
    for (const activeMs of [25_000, 15_000])
      expect((await student.put(`${base(assignmentId)}/draft`, { answers: half, activeMs })).statusCode).toBe(200);
    const again = await ctx.signIn(studentUsername);
    expect((await again.put(`${base(assignmentId)}/draft`, { answers: half, activeMs: 20_000 })).statusCode).toBe(200);
    const draft = await ctx.db
      .selectFrom('response_draft')
      .select('active_ms')
      .where('assignment_id', '=', assignmentId)
      .executeTakeFirstOrThrow();
    expect(draft.active_ms).toBe(60_000);
    const res = await again.post(`${base(assignmentId)}/submit`, {
      submissionId: randomUUID(),
      answers: CALM_ANSWERS,
      activeMs: 10_000,
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await ctx.db
      .selectFrom('screening_response')
      .select(['careless', 'duration_ms'])
      .where('assignment_id', '=', assignmentId)
      .execute();
    expect(rows.map((r) => r.duration_ms)).toEqual(rows.map(() => 70_000));
    for (const r of rows) expect(r.careless).not.toContain('too_fast');
    // A save cannot claim more than an hour at once.
    const { assignmentId: other } = await openAssignment(ctx.db, f.demoStudent);
    expect((await again.put(`${base(other)}/draft`, { answers: half, activeMs: 7_200_000 })).statusCode).toBe(400);
  });

  it('is idempotent: the same submission id returns the same receipt; another id gets a kind 409', async () => {
    const { assignmentId } = await openAssignment(ctx.db, f.demoStudent);
    const body = { submissionId: randomUUID(), answers: CALM_ANSWERS, durationMs: 80_000 };
    const first = await student.post(`${base(assignmentId)}/submit`, body);
    const again = await student.post(`${base(assignmentId)}/submit`, body);
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const other = await student.post(`${base(assignmentId)}/submit`, { ...body, submissionId: randomUUID() });
    expect(other.statusCode).toBe(409);
    expect(other.json().detail).toBe('这份问卷已经提交过了，无需再次提交。谢谢你！');
    const count = await ctx.db
      .selectFrom('screening_response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assignment_id', '=', assignmentId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
    // Saving a draft after submitting changes nothing.
    expect((await student.put(`${base(assignmentId)}/draft`, { answers: { phqa: [1] } })).statusCode).toBe(409);
  });

  it('two concurrent identical submits store one set of rows and both get the receipt', async () => {
    const { assignmentId } = await openAssignment(ctx.db, f.demoStudent);
    const body = { submissionId: randomUUID(), answers: PHQA_ITEM9_TWO, durationMs: 80_000 };
    const [a, b] = await Promise.all([
      student.post(`${base(assignmentId)}/submit`, body),
      student.post(`${base(assignmentId)}/submit`, body),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    const rows = await ctx.db
      .selectFrom('screening_response')
      .select('id')
      .where('assignment_id', '=', assignmentId)
      .execute();
    expect(rows).toHaveLength(3);
    const alerts = await ctx.db
      .selectFrom('alert')
      .select('id')
      .where(
        'response_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    expect(alerts).toHaveLength(1);
  });

  it('refuses a submission id already used by another assignment', async () => {
    const one = await openAssignment(ctx.db, f.demoStudent);
    const two = await openAssignment(ctx.db, f.demoStudent);
    const submissionId = randomUUID();
    expect(
      (
        await student.post(`${base(one.assignmentId)}/submit`, {
          submissionId,
          answers: CALM_ANSWERS,
          durationMs: 60_000,
        })
      ).statusCode,
    ).toBe(200);
    const reused = await student.post(`${base(two.assignmentId)}/submit`, {
      submissionId,
      answers: CALM_ANSWERS,
      durationMs: 60_000,
    });
    expect(reused.statusCode).toBe(409);
    // Nothing of the refused submission is kept: not the completion, the tier, the counts, or an audit entry.
    const status = await ctx.db
      .selectFrom('screening_assignment')
      .select('status')
      .where('id', '=', two.assignmentId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('pending');
    expect(
      await ctx.db
        .selectFrom('tier_assessment')
        .select('id')
        .where('campaign_id', '=', two.campaignId)
        .executeTakeFirst(),
    ).toBeUndefined();
    await foldReportCounts(ctx.db);
    expect(
      await ctx.db
        .selectFrom('report_cell')
        .select('key')
        .where('campaign_id', '=', two.campaignId)
        .where('measure', '=', 'band')
        .executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'screening.submit')
        .where('target_id', '=', two.assignmentId)
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('says neutrally why a questionnaire cannot start, and shows no questions then', async () => {
    const pending = await openAssignment(ctx.db, f.demoStudent, { consent: 'pending' });
    const view = (await student.get(base(pending.assignmentId))).json();
    expect(view).toMatchObject({
      canStart: false,
      consent: 'pending',
      message: '本次问卷需要家长（监护人）知情同意，同意后即可开始填写。',
      instruments: [],
      draft: null,
    });
    const submit = await student.post(`${base(pending.assignmentId)}/submit`, {
      submissionId: randomUUID(),
      answers: CALM_ANSWERS,
      durationMs: 60_000,
    });
    expect(submit.statusCode).toBe(409);
    expect(submit.json().detail).toBe(view.message);
    expect((await student.put(`${base(pending.assignmentId)}/draft`, { answers: {} })).statusCode).toBe(409);

    const refused = await openAssignment(ctx.db, f.demoStudent, { consent: 'refused' });
    expect((await student.get(base(refused.assignmentId))).json().message).toBe('本次问卷无需你填写。');
  });

  it('lets a guardian answer the parent-report about their child, and never the child’s self-report', async () => {
    const guardian = await ctx.signIn(ctx.demo.accounts.find((a) => a.role === 'guardian')!.username);
    const self = await openAssignment(ctx.db, f.demoStudent);
    const parent = await openAssignment(ctx.db, f.demoStudent, { respondent: 'guardian' });
    expect((await guardian.get(base(self.assignmentId))).statusCode).toBe(404);
    expect((await student.get(base(parent.assignmentId))).statusCode).toBe(404);
    const list = (await guardian.get('/api/v1/my/screenings')).json<{
      items: Array<{ id: string; respondent: string }>;
    }>();
    expect(list.items.map((i) => i.id)).toContain(parent.assignmentId);
    expect(list.items.every((i) => i.respondent === 'guardian')).toBe(true);
    const view = (await guardian.get(base(parent.assignmentId))).json();
    expect(view.instruments.map((i: { code: string }) => i.code)).toEqual(['psc17']);
    const res = await guardian.post(`${base(parent.assignmentId)}/submit`, {
      submissionId: randomUUID(),
      answers: {
        psc17: Array(17)
          .fill(0)
          .map((_, i) => i % 3),
      },
      durationMs: 120_000,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().thankYou.title).toBe('感谢您的填写');
  });
});
