import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../audit/audit.js';
import { demoCampaignId } from '../seed/demo-screening.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';
import { multipartFile } from '../roster/multipart-body.js';
import {
  CALM_ANSWERS,
  createAssignment,
  createCampaign,
  PHQA_ITEM9_TWO,
  submitDirect,
} from '../testing/screening-factory.js';

/** Names a family could type into a roster, each one a formula (or a formula's start) in a spreadsheet. */
const HOSTILE = ['=HYPERLINK("http://x","y")', '+1', '-1', '@SUM(1)', '\tX', '\rX'];
const FORMULA_START = /^[=+\-@\t\r]/;
/** As read back: neutralised, and with the carriage return an XML reader turns into a line feed. */
const ESCAPED = HOSTILE.map((n) => `'${n.replace(/\r/g, '\n')}`);

let ctx: TestContext;
let f: Fixtures;
let schoolAdmin: Agent;
let psych: Agent;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  schoolAdmin = await ctx.signIn('sadmin03');
  psych = await ctx.signIn('psych03');
  // Six students of the home class answer the demo screening at crisis level and are confirmed at tier 3,
  // so the school report names them; then they get the hostile names.
  const open = await ctx.db
    .selectFrom('screening_assignment')
    .select(['id', 'student_id'])
    .where('campaign_id', '=', demoCampaignId(f.home.city_id))
    .where('class_id', '=', f.homeClass.id)
    .where('respondent', '=', 'self')
    .where('consent_status', 'in', ['not_required', 'granted'])
    .where('status', '=', 'pending')
    .orderBy('id')
    .limit(HOSTILE.length)
    .execute();
  expect(open).toHaveLength(HOSTILE.length);
  for (const a of open) await submitDirect(ctx.db, a.id, PHQA_ITEM9_TWO);
  const assessments = await ctx.db
    .selectFrom('tier_assessment')
    .select('id')
    .where('campaign_id', '=', demoCampaignId(f.home.city_id))
    .where(
      'student_id',
      'in',
      open.map((a) => a.student_id),
    )
    .execute();
  for (const t of assessments) {
    const res = await psych.post(`/api/v1/tier-assessments/${t.id}/review`, {
      confirmedTier: 3,
      talkRecord: '面谈后确认需要持续跟进。',
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  for (const [i, a] of open.entries())
    await ctx.db.updateTable('student').set({ name: HOSTILE[i]! }).where('id', '=', a.student_id).execute();

  // A paper campaign for the same students, for the paper answer template.
  const paperCampaign = await createCampaign(ctx.db, f.home, { name: '纸质测评' });
  const renamed = await ctx.db
    .selectFrom('student')
    .selectAll()
    .where(
      'id',
      'in',
      open.map((a) => a.student_id),
    )
    .execute();
  for (const s of renamed) await createAssignment(ctx.db, paperCampaign, s, { consent: 'granted' });
  urls.paper = `/api/v1/campaigns/${paperCampaign}/paper-template?classId=${f.homeClass.id}`;
  urls.paperImport = `/api/v1/campaigns/${paperCampaign}/paper-import?classId=${f.homeClass.id}`;

  // Usernames in the audit log reach the compliance report's access sheet (staff accounts only).
  const staff = await ctx.db
    .selectFrom('user_account')
    .select('id')
    .where('username', '=', 'psych03')
    .executeTakeFirstOrThrow();
  for (const name of HOSTILE)
    await appendAudit(ctx.db, {
      userId: staff.id,
      username: name,
      bindingId: null,
      role: 'psych_teacher',
      action: 'student.read',
      targetType: 'student',
      targetId: open[0]!.student_id,
      cityId: f.home.city_id,
      districtId: f.home.district_id,
      schoolId: f.home.id,
      outcome: 'success',
      requestId: null,
    });
}, 240_000);
afterAll(() => ctx?.close());

const urls: Record<string, string> = {};
const year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

/** Every text cell of every sheet, and whether any cell is a formula. */
async function workbookTexts(bytes: Buffer): Promise<{ texts: string[]; formulas: string[] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const texts: string[] = [];
  const formulas: string[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas.push(`${sheet.name}!${cell.address}`);
        else if (typeof cell.value === 'string') texts.push(cell.value);
        else if (cell.value && typeof cell.value === 'object' && 'richText' in cell.value)
          texts.push(cell.value.richText.map((r) => r.text).join(''));
      }),
    ),
  );
  return { texts, formulas };
}

function expectNeutral(texts: string[]) {
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.filter((t) => FORMULA_START.test(t))).toEqual([]);
}

describe('spreadsheet exports neutralise formula text', () => {
  it('class credentials export', async () => {
    const res = await schoolAdmin.post(`/api/v1/accounts/classes/${f.homeClass.id}/credentials`, {
      format: 'xlsx',
      scope: 'all',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { texts, formulas } = await workbookTexts(res.rawPayload);
    expect(formulas).toEqual([]);
    expectNeutral(texts);
    expect(texts).toEqual(expect.arrayContaining(ESCAPED));
  });

  it('paper answer template', async () => {
    const res = await psych.get(urls.paper!);
    expect(res.statusCode, res.body).toBe(200);
    const { texts, formulas } = await workbookTexts(res.rawPayload);
    expect(formulas).toEqual([]);
    expectNeutral(texts);
    expect(texts).toEqual(expect.arrayContaining(ESCAPED));
  });

  it('paper answer template read back: the escaped names are still the students', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await psych.get(urls.paper!)).rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      header.forEach((h, i) => {
        const m = /^(.+) (\d+)$/.exec(h);
        const code = m && { 'PHQ-A': 'phqa', 'GAD-7': 'gad7', ASQ: 'asq' }[m[1]!];
        if (code) row.getCell(i + 1).value = CALM_ANSWERS[code]![Number(m[2]) - 1] ?? null;
      });
    });
    const { payload, headers } = multipartFile('answers.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    const res = await ctx.app.inject({
      method: 'POST',
      url: urls.paperImport!,
      payload,
      headers: { ...headers, cookie: psych.cookie!, 'x-csrf-token': psych.csrf! },
    });
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json<{ jobId: string }>();
    let job: { status: string; errors: unknown };
    do {
      await new Promise((r) => setTimeout(r, 20));
      job = (await psych.get(`/api/v1/jobs/${jobId}`)).json();
    } while (job.status !== 'failed' && job.status !== 'succeeded');
    expect(job).toMatchObject({ status: 'succeeded', errors: null });
  });

  it('school screening report workbook, with its numbers still numbers', async () => {
    const res = await psych.get(
      `/api/v1/reports/campaigns/${demoCampaignId(f.home.city_id)}/report.xlsx?unitId=${f.home.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const { texts, formulas } = await workbookTexts(res.rawPayload);
    expect(formulas).toEqual([]);
    expectNeutral(texts);
    expect(texts).toEqual(expect.arrayContaining(ESCAPED));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const numbers: number[] = [];
    book.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => typeof c.value === 'number' && numbers.push(c.value))));
    expect(numbers.length).toBeGreaterThan(0);
  });

  it('compliance report workbook', async () => {
    const res = await schoolAdmin.get(`/api/v1/compliance/report.xlsx?unitId=${f.home.id}&year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const { texts, formulas } = await workbookTexts(res.rawPayload);
    expect(formulas).toEqual([]);
    expectNeutral(texts);
    expect(texts).toEqual(expect.arrayContaining(ESCAPED));
  });

  it('roster templates (xlsx and csv) and the supervision record template', async () => {
    for (const lang of ['zh-CN', 'en']) {
      const xlsx = await schoolAdmin.get(`/api/v1/roster/template?format=xlsx&lang=${lang}`);
      expect(xlsx.statusCode).toBe(200);
      const { texts, formulas } = await workbookTexts(xlsx.rawPayload);
      expect(formulas).toEqual([]);
      expectNeutral(texts);

      const csv = await schoolAdmin.get(`/api/v1/roster/template?format=csv&lang=${lang}`);
      expect(csv.statusCode).toBe(200);
      const rows: string[][] = parseCsv(csv.rawPayload, { bom: true });
      const cells = rows.flat();
      expectNeutral(cells);

      const supervision = await psych.get(`/api/v1/supervision/records/template.xlsx?schoolId=${f.home.id}`, {
        'accept-language': lang,
      });
      expect(supervision.statusCode, supervision.body).toBe(200);
      const sup = await workbookTexts(supervision.rawPayload);
      expect(sup.formulas).toEqual([]);
      expectNeutral(sup.texts);
    }
  });
});
