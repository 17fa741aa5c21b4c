import { explainReason, getInstrument, scoreResponse } from '@yuxin/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestContext } from '../testing/harness.js';
import { startTestApp } from '../testing/harness.js';

let ctx: TestContext;
let psych: Agent;
beforeAll(async () => {
  ctx = await startTestApp();
  psych = await ctx.signIn('psych03');
});
afterAll(() => ctx?.close());

interface Scored {
  instrument: string;
  version: number;
  total: number | null;
  band: string | null;
  subscales: Record<string, { score: number | null; cutoff?: number; positive?: boolean | null }>;
  criticalFlags: string[];
  valid: boolean;
  reasons: Array<{ code: string; params: Record<string, unknown> }>;
  explanations: string[];
}
interface ProblemBody {
  type: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}

async function score(code: string, body: Record<string, unknown>, locale = 'zh-CN') {
  psych.locale = locale;
  return psych.post(`/api/v1/scoring/${code}`, body);
}

async function scored(code: string, answers: (number | null)[], locale = 'zh-CN'): Promise<Scored> {
  const res = await score(code, { answers }, locale);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Scored>();
}

async function refused(
  code: string,
  body: Record<string, unknown>,
  locale: string,
  status = 400,
): Promise<ProblemBody> {
  const res = await score(code, body, locale);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json<ProblemBody>();
}

describe('POST /api/v1/scoring/:code', () => {
  it('scores a PHQ-9 form into its band', async () => {
    const r = await scored('phq9', [2, 2, 1, 1, 1, 1, 1, 1, 0]);
    expect(r).toMatchObject({
      instrument: 'phq9',
      version: 1,
      total: 10,
      band: 'moderate',
      criticalFlags: [],
      valid: true,
    });
    expect(r.explanations).toEqual(['PHQ-9 总分 10 ≥ 10（中度）']);
  });

  it('raises the PHQ-A item 9 flag and explains it in Chinese and English', async () => {
    const answers = [0, 0, 0, 0, 0, 0, 0, 0, 1];
    const zh = await scored('phqa', answers, 'zh-CN');
    expect(zh).toMatchObject({
      instrument: 'phqa',
      total: 1,
      band: 'none',
      valid: true,
      criticalFlags: ['phqa_item9'],
    });
    expect(zh.explanations).toContain('PHQ-A 第 9 题回答“好几天”（1 ≥ 1）：PHQ-A 第 9 题阳性');
    const en = await scored('phqa', answers, 'en');
    expect(en.criticalFlags).toEqual(['phqa_item9']);
    expect(en.explanations).toContain('PHQ-A question 9 answered “Several days” (1 ≥ 1): PHQ-A item 9 positive');
    // The explanations are core's, one per reason, in the reasons' order.
    const def = getInstrument('phqa', 1)!;
    expect(en.explanations).toEqual(
      scoreResponse(def, answers).reasons.map((reason) => explainReason(reason, 'en', def)),
    );
  });

  it('keeps a critical flag on an invalid response, with no total or band', async () => {
    const r = await scored('phq9', [null, null, null, 0, 0, 0, 0, 0, 2]);
    expect(r).toMatchObject({ valid: false, total: null, band: null, criticalFlags: ['phq9_item9'] });
    expect(r.explanations.some((e) => e.includes('未作答'))).toBe(true);
  });

  it('prorates, reports WHO-5 as a percentage with the raw score, PSC-17 subscales, and ASQ refusals', async () => {
    const prorated = await scored('phq9', [3, 3, 3, 3, 3, 3, 3, null, 0]);
    expect(prorated).toMatchObject({ valid: true, total: 24, band: 'severe' });

    const who5 = await scored('who5', [1, 1, 1, 2, 1]);
    expect(who5).toMatchObject({ total: 24, band: 'likely_depression', valid: true });
    expect(Object.values(who5.subscales).map((s) => s.score)).toEqual([6]);

    // Items 2, 6 and 9 are internalizing (official interleaved order): 6 ≥ its cut-off of 5.
    const pscAnswers = [0, 2, 0, 0, 0, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0];
    const psc = await scored('psc17', pscAnswers);
    expect(psc.valid).toBe(true);
    expect(psc.subscales).toEqual(scoreResponse(getInstrument('psc17', 1)!, pscAnswers).subscales);
    expect(psc.subscales['internalizing']).toMatchObject({ score: 6, positive: true });
    expect(psc.band).toBe('subscale_positive');

    const asq = await scored('asq', [0, null, 0, 0, null], 'en');
    expect(asq.criticalFlags.sort()).toEqual(['asq_acute', 'asq_positive']);
    expect(asq.explanations).toContain('ASQ question 2 not answered (a refusal counts as positive)');
  });

  it('scores GAD-7 and the two-item pre-screens', async () => {
    expect(await scored('gad7', [3, 3, 3, 3, 3, 3, 3])).toMatchObject({ total: 21, band: 'severe', valid: true });
    expect(await scored('gad2', [2, 1])).toMatchObject({ total: 3, band: 'positive' });
    expect(await scored('phq2', [0, 1])).toMatchObject({ total: 1, band: 'negative' });
  });

  it('names the item of an out-of-range answer in both languages', async () => {
    const body = { answers: [0, 0, 0, 0, 0, 0, 0, 0, 7] };
    const zh = await refused('phq9', body, 'zh-CN');
    expect(zh.type).toBe('urn:yuxin:problem:validation');
    expect(zh.errors).toEqual([{ field: '/answers/8', message: '第 9 题的答案 7 不在允许范围（0、1、2、3）内。' }]);
    expect(zh.detail).toBe('第 9 题的答案 7 不在允许范围（0、1、2、3）内。');
    const en = await refused('phq9', body, 'en');
    expect(en.errors).toEqual([
      { field: '/answers/8', message: 'Item 9: answer 7 is not one of the allowed values (0, 1, 2, 3).' },
    ]);
  });

  it('refuses a wrong number of answers in both languages', async () => {
    const body = { answers: [0, 0, 0, 0, 0, 0, 0, 0] };
    expect((await refused('phq9', body, 'zh-CN')).errors).toEqual([
      { field: '/answers', message: 'PHQ-9 需要 9 个答案，收到 8 个。' },
    ]);
    expect((await refused('phq9', body, 'en')).errors).toEqual([
      { field: '/answers', message: 'PHQ-9 needs 9 answers; received 8.' },
    ]);
    const tooMany = await refused('gad2', { answers: [0, 0, 0] }, 'en');
    expect(tooMany.errors).toEqual([{ field: '/answers', message: 'GAD-2 needs 2 answers; received 3.' }]);
  });

  it('refuses non-integer answers item by item, and lists every error at once', async () => {
    const body = { answers: [0, 1.5, '2', 0, 0, 0, 9] };
    const zh = await refused('gad7', body, 'zh-CN');
    expect(zh.errors).toEqual([
      { field: '/answers/1', message: '第 2 题的答案 1.5 不是整数；请填写选项代码（0、1、2、3），未作答填 null。' },
      { field: '/answers/2', message: '第 3 题的答案 "2" 不是整数；请填写选项代码（0、1、2、3），未作答填 null。' },
      { field: '/answers/6', message: '第 7 题的答案 9 不在允许范围（0、1、2、3）内。' },
    ]);
    expect(zh.detail).toBe('提交的内容有误，请检查标出的字段。');
    const en = await refused('gad7', body, 'en');
    expect(en.errors?.map((e) => e.field)).toEqual(['/answers/1', '/answers/2', '/answers/6']);
    expect(en.errors?.[0]?.message).toBe(
      'Item 2: answer 1.5 is not an integer; give an option code (0, 1, 2, 3), or null when unanswered.',
    );
  });

  it("uses the item's own options when it overrides them (ASQ yes/no)", async () => {
    const en = await refused('asq', { answers: [0, 0, 2, 0, 0] }, 'en');
    expect(en.errors).toEqual([
      { field: '/answers/2', message: 'Item 3: answer 2 is not one of the allowed values (0, 1).' },
    ]);
  });

  it('answers 404 for an unknown instrument or version', async () => {
    const unknown = await refused('nosuch', { answers: [0] }, 'zh-CN', 404);
    expect(unknown).toMatchObject({ type: 'urn:yuxin:problem:not-found', detail: '量表“nosuch”不存在。' });
    const version = await refused('phq9', { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0], version: 99 }, 'en', 404);
    expect(version.detail).toBe('The instrument "phq9" has no version 99.');
  });

  it('stores nothing but one audit entry naming the instrument and version, never the answers', async () => {
    const count = async (table: 'screening_response' | 'response_draft' | 'tier_assessment' | 'alert') =>
      Number(
        (
          await ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const tables = ['screening_response', 'response_draft', 'tier_assessment', 'alert'] as const;
    const before = await Promise.all(tables.map(count));
    const auditBefore = await ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'scoring.compute')
      .execute();
    const seen = new Set(auditBefore.map((a) => String(a.id)));

    const res = await score('phqa', { answers: [3, 2, 1, 0, 3, 2, 1, 0, 2], version: 1 });
    expect(res.statusCode).toBe(200);
    await score('phqa', { answers: [9] }); // refused input leaves no trace

    expect(await Promise.all(tables.map(count))).toEqual(before);
    const entries = await ctx.db
      .selectFrom('audit_log')
      .select(['id', 'username', 'role', 'target_type', 'target_id', 'payload', 'outcome'])
      .where('action', '=', 'scoring.compute')
      .execute();
    const fresh = entries.filter((e) => !seen.has(String(e.id)));
    expect(fresh).toHaveLength(1);
    const entry = fresh[0]!;
    expect(entry).toMatchObject({
      username: 'psych03',
      role: 'psych_teacher',
      target_type: 'instrument',
      target_id: 'phqa',
      outcome: 'success',
    });
    const payload = JSON.parse(entry.payload) as { detail: unknown };
    expect(payload.detail).toEqual({ instrument: 'phqa', version: 1 });
    expect(entry.payload).not.toContain('answers');
    expect(entry.payload).not.toContain('phqa_item9');
  });
});
