import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CJK_FONT_NAME } from '../accounts/font.js';
import { demoCampaignId } from '../seed/demo-screening.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';
import { CALM_ANSWERS, PHQA_ITEM9_TWO, submitDirect } from '../testing/screening-factory.js';

let ctx: TestContext;
let f: Fixtures;
let psych: Agent;
let district: Agent;
let otherDistrict: Agent;
let campaignId: string;
let flaggedName: string;
const url = (unitId: string, suffix = '') => `/api/v1/reports/campaigns/${campaignId}${suffix}?unitId=${unitId}`;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  campaignId = demoCampaignId(f.home.city_id);
  [psych, district, otherDistrict] = await Promise.all([
    ctx.signIn('psych03'),
    ctx.signIn('district01'),
    ctx.signIn('district02'),
  ]);
  // Eight students of the home class answer through the real submission path; the psychology teacher
  // then confirms the crisis one at tier 3 through the review route.
  const open = await ctx.db
    .selectFrom('screening_assignment')
    .select(['id', 'student_id'])
    .where('campaign_id', '=', campaignId)
    .where('class_id', '=', f.homeClass.id)
    .where('respondent', '=', 'self')
    .where('consent_status', 'in', ['not_required', 'granted'])
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(8)
    .execute();
  expect(open.length).toBe(8);
  await submitDirect(ctx.db, open[0]!.id, PHQA_ITEM9_TWO);
  for (const a of open.slice(1)) await submitDirect(ctx.db, a.id, CALM_ANSWERS);
  const assessment = await ctx.db
    .selectFrom('tier_assessment')
    .select('id')
    .where('student_id', '=', open[0]!.student_id)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const reviewed = await psych.post(`/api/v1/tier-assessments/${assessment.id}/review`, {
    confirmedTier: 3,
    talkRecord: '面谈后确认需要转介与持续跟进。',
  });
  expect(reviewed.statusCode).toBe(200);
  flaggedName = (
    await ctx.db.selectFrom('student').select('name').where('id', '=', open[0]!.student_id).executeTakeFirstOrThrow()
  ).name;
}, 180_000);

afterAll(async () => ctx?.close());

describe('GET /api/v1/reports/campaigns/:id', () => {
  it('shows district staff their district by school, counts only, with the submissions counted', async () => {
    const res = await district.get(url(f.home.district_id!));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.level).toBe('district');
    expect(body.students).toBeNull();
    // The city's report is not theirs: no way up.
    expect(body.parentReadable).toBe(false);
    expect(body.children.map((c: { key: string }) => c.key)).toContain(f.home.id);
    const row = body.participation.rows.indexOf(f.home.id);
    // Eight completed, none invalid: the school's valid count is shown (8 ≥ 5).
    expect(body.participation.cells[row][0]).toBe(8);
    expect(body.critical.columns.length).toBeGreaterThan(0);
    expect(res.body).not.toContain(flaggedName);
  });

  it('gives district staff a school of their district without names', async () => {
    const res = await district.get(url(f.home.id));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      level: 'school',
      students: null,
      parent: { key: f.home.district_id },
      parentReadable: true,
    });
    expect(res.body).not.toContain(flaggedName);
  });

  it('names tier 2–3 students to the school’s psychology teacher, and audits the read', async () => {
    const res = await psych.get(url(f.home.id));
    expect(res.statusCode).toBe(200);
    expect(res.json().students).toEqual([expect.objectContaining({ name: flaggedName, tier: 3 })]);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'report.students').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_id: f.home.id, school_id: f.home.id });
  });

  it('answers 404 for another district and 400 naming the field for a class', async () => {
    expect((await district.get(url(f.other.district_id!))).statusCode).toBe(404);
    expect((await otherDistrict.get(url(f.home.id))).statusCode).toBe(404);
    const klass = await psych.get(url(f.homeClass.id));
    expect(klass.statusCode).toBe(400);
    expect(klass.json().errors[0].field).toBe('/unitId');
  });

  it('defaults to the caller’s own unit', async () => {
    expect((await district.get(`/api/v1/reports/campaigns/${campaignId}`)).json().unit.key).toBe(f.home.district_id);
  });
});

describe('exports', () => {
  it('renders the district report as a PDF with the Chinese font embedded, and audits it', async () => {
    const res = await district.get(url(f.home.district_id!, '/report.pdf'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(CJK_FONT_NAME);
    if (process.env.YUXIN_REPORT_PDF_OUT) writeFileSync(process.env.YUXIN_REPORT_PDF_OUT, pdf);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'report.export').execute();
    expect(audit.at(-1)).toMatchObject({ target_id: f.home.district_id });
    expect(JSON.parse(audit.at(-1)!.payload).detail).toMatchObject({ format: 'pdf', campaignId });
  });

  it('renders the school report as a workbook with names only for the psychology teacher', async () => {
    const read = async (agent: Agent) => {
      const res = await agent.get(url(f.home.id, '/report.xlsx'));
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return book;
    };
    const mine = await read(psych);
    expect(mine.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['参与情况', '分级分布', '需关注学生']));
    const names: string[] = [];
    mine.getWorksheet('需关注学生')!.eachRow((r) => names.push(r.getCell(1).text));
    expect(names).toContain(flaggedName);
    // Critical flags are named, never shown as their codes.
    const critical: string[] = [];
    mine.getWorksheet('危机条目')!.eachRow((r) => critical.push(JSON.stringify(r.values)));
    expect(critical.join('\n')).toContain('PHQ-A 第 9 题阳性');
    expect(critical.join('\n')).not.toMatch(/phqa_item9|asq_acute|asq_positive/);
    const theirs = await read(district);
    expect(theirs.getWorksheet('需关注学生')).toBeUndefined();
    const everything: string[] = [];
    theirs.worksheets.forEach((w) => w.eachRow((r) => everything.push(JSON.stringify(r.values))));
    expect(everything.join('\n')).not.toContain(flaggedName);
  });
});
