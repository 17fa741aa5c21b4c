import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CJK_FONT_NAME } from '../../accounts/font.js';
import { multipartFile } from '../../roster/multipart-body.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../../testing/harness.js';
import type { Fixtures } from '../../testing/matrix.js';
import {
  CALM_ANSWERS,
  createAssignment,
  createCampaign,
  PHQA_ITEM9_TWO,
  submitDirect,
} from '../../testing/screening-factory.js';
import { paperSubmissionId } from './class-sheet.js';

let ctx: TestContext;
let f: Fixtures;
let psych: Agent;
let campaignId: string;
/** The home class's students by 学籍号, each with a self-report assignment in the test campaign. */
let students: Array<{ id: string; student_no: string; name: string; assignmentId: string }>;
let otherClassStudentNo: string;
let notInCampaignNo: string;

interface JobBody {
  status: string;
  result: Record<string, number> | null;
  errors: Array<{ row: number; field: string; message: string }> | null;
}

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  campaignId = await createCampaign(ctx.db, f.home, { name: '纸质测评' });
  const inClass = await ctx.db
    .selectFrom('student')
    .selectAll()
    .where('class_id', '=', f.homeClass.id)
    .orderBy('student_no')
    .execute();
  students = [];
  for (const s of inClass)
    students.push({
      id: s.id,
      student_no: s.student_no,
      name: s.name,
      assignmentId: await createAssignment(ctx.db, campaignId, s, { consent: 'granted' }),
    });
  const [other, outside] = await ctx.db
    .selectFrom('student')
    .selectAll()
    .where('class_id', '=', f.otherClassInHome.id)
    .orderBy('student_no')
    .limit(2)
    .execute();
  await createAssignment(ctx.db, campaignId, other!, { consent: 'granted' });
  otherClassStudentNo = other!.student_no;
  notInCampaignNo = outside!.student_no;
});
afterAll(() => ctx?.close());

const base = () => `/api/v1/campaigns/${campaignId}`;

async function template(agent: Agent, locale = 'zh-CN') {
  const res = await agent.get(`${base()}/paper-template?classId=${f.homeClass.id}&locale=${locale}`);
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** Writes answers into the template's rows, by 学籍号, as a teacher typing from the forms would. */
function fill(wb: ExcelJS.Workbook, byNo: Record<string, Record<string, Array<number | string | null>>>) {
  const sheet = wb.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const answers = byNo[row.getCell(1).text];
    if (!answers) return;
    header.forEach((h, i) => {
      const m = /^(.+) (\d+)$/.exec(h);
      if (!m) return;
      const code = { 'PHQ-A': 'phqa', 'GAD-7': 'gad7', ASQ: 'asq' }[m[1]!]!;
      const value = answers[code]?.[Number(m[2]) - 1];
      if (value !== null && value !== undefined) row.getCell(i + 1).value = value;
    });
  });
}

async function importBuffer(
  agent: Agent,
  content: Buffer | string,
  filename = 'answers.xlsx',
  lang = 'zh-CN',
  classId = f.homeClass.id,
) {
  const { payload, headers } = multipartFile(filename, content);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `${base()}/paper-import?classId=${classId}`,
    payload,
    headers: { ...headers, cookie: agent.cookie!, 'x-csrf-token': agent.csrf!, 'accept-language': agent.locale },
  });
  if (res.statusCode !== 202) return { res, job: null };
  const { jobId } = res.json<{ jobId: string }>();
  for (;;) {
    const poll = await agent.get(`/api/v1/jobs/${jobId}`, { 'accept-language': lang });
    expect(poll.statusCode).toBe(200);
    const job = poll.json<JobBody>();
    if (job.status === 'failed' || job.status === 'succeeded') return { res, job };
    await new Promise((r) => setTimeout(r, 20));
  }
}

const responsesOf = (studentId: string) =>
  ctx.db
    .selectFrom('screening_response')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('student_id', '=', studentId)
    .orderBy('instrument_code')
    .execute();

describe('paper mode', () => {
  it('serves a template with 学籍号, 姓名 and one column per item, pre-filled with the class', async () => {
    const wb = await template(psych);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 3)).toEqual(['学籍号', '姓名', 'PHQ-A 1']);
    expect(header).toContain('GAD-7 7');
    expect(header).toContain('ASQ 5');
    expect(header).toHaveLength(2 + 9 + 7 + 5);
    expect(sheet.actualRowCount).toBe(students.length + 1);
    expect(sheet.getRow(2).getCell(1).text).toBe(students[0]!.student_no);
    expect(sheet.getRow(2).getCell(2).text).toBe(students[0]!.name);
    const en = await template(psych, 'en');
    expect((en.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['studentNo', 'name']);
  });

  it('imports filled answers with scores, source paper, and the same crisis alert as online; a re-import changes nothing', async () => {
    const [calm, critical, absent] = students;
    const wb = await template(psych);
    fill(wb, { [calm!.student_no]: CALM_ANSWERS, [critical!.student_no]: PHQA_ITEM9_TWO });
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const { job } = await importBuffer(psych, file);
    expect(job?.errors).toBeNull();
    expect(job).toMatchObject({
      status: 'succeeded',
      result: { applied: 2, unchanged: 0, skipped: students.length - 2, alerts: 1 },
    });

    const calmRows = await responsesOf(calm!.id);
    expect(calmRows.map((r) => [r.instrument_code, r.source, r.total, r.answers])).toEqual([
      ['asq', 'paper', calmRows[0]!.total, [0, 0, 0, 0, null]],
      ['gad7', 'paper', 3, CALM_ANSWERS.gad7],
      ['phqa', 'paper', 3, CALM_ANSWERS.phqa],
    ]);
    expect(calmRows.every((r) => r.submission_id === paperSubmissionId(campaignId, calm!.id))).toBe(true);
    const assignment = await ctx.db
      .selectFrom('screening_assignment')
      .select('status')
      .where('id', '=', calm!.assignmentId)
      .executeTakeFirstOrThrow();
    expect(assignment.status).toBe('completed');

    const criticalRows = await responsesOf(critical!.id);
    const phqa = criticalRows.find((r) => r.instrument_code === 'phqa')!;
    expect(phqa.critical_flags.length).toBeGreaterThan(0);
    const alerts = await ctx.db
      .selectFrom('alert')
      .selectAll()
      .where('student_id', '=', critical!.id)
      .where('response_id', '=', phqa.id)
      .execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ source: 'screening', urgency: 'crisis', status: 'open' });
    const tier = await ctx.db
      .selectFrom('tier_assessment')
      .selectAll()
      .where('student_id', '=', critical!.id)
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    expect(tier.status).toBe('suggested');

    expect(await responsesOf(absent!.id)).toEqual([]);
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('action', 'in', ['paper.import', 'screening.submit'])
      .where('target_id', 'in', [f.homeClass.id, calm!.assignmentId])
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['paper.import', 'screening.submit']);

    // The same file again: nothing new, nothing duplicated, and no second alert.
    const again = await importBuffer(psych, file);
    expect(again.job).toMatchObject({ status: 'succeeded', result: { applied: 0, unchanged: 2, alerts: 0 } });
    expect(await responsesOf(calm!.id)).toHaveLength(3);
    expect(
      await ctx.db
        .selectFrom('alert')
        .select('id')
        .where('student_id', '=', critical!.id)
        .where('response_id', '=', phqa.id)
        .execute(),
    ).toHaveLength(1);

    // Stored answers are not rewritten by a later file that says something else; a lower-case 学籍号 still finds the student.
    const changed = await template(psych);
    fill(changed, { [calm!.student_no]: { ...CALM_ANSWERS, gad7: [3, 3, 3, 3, 3, 3, 3] } });
    changed.worksheets[0]!.getRow(2).getCell(1).value = calm!.student_no.toLowerCase();
    const refused = await importBuffer(psych, Buffer.from(await changed.xlsx.writeBuffer()));
    expect(refused.job!.status).toBe('failed');
    expect(refused.job!.errors).toEqual([
      { row: 2, field: '学籍号', message: expect.stringContaining('已经导入过，且与本次文件中的答案不同') },
    ]);
    expect((await responsesOf(calm!.id)).find((r) => r.instrument_code === 'gad7')!.total).toBe(3);
  });

  it('reports every bad row and column in the reader’s language and applies nothing', async () => {
    const [, , s3, s4, s5, s6, s7, s8, s9] = students;
    await submitDirect(ctx.db, s7!.assignmentId, CALM_ANSWERS);
    const header = [
      '学籍号',
      '姓名',
      ...Array.from({ length: 9 }, (_, i) => `PHQ-A ${i + 1}`),
      ...Array.from({ length: 7 }, (_, i) => `GAD-7 ${i + 1}`),
      ...Array.from({ length: 5 }, (_, i) => `ASQ ${i + 1}`),
    ];
    const row = (
      no: string,
      name: string,
      a: {
        phqa: Array<number | string | null>;
        gad7: Array<number | string | null>;
        asq: Array<number | string | null>;
      },
    ) => [no, name, ...[...a.phqa, ...a.gad7, ...a.asq].map((v) => (v === null ? '' : String(v)))].join(',');
    const csv = [
      header.join(','),
      row(s3!.student_no, s3!.name, CALM_ANSWERS as never), // valid, but must not be applied
      row('ZZ00000000', '某某', CALM_ANSWERS as never), // unknown 学籍号
      row(s4!.student_no, s4!.name, { ...CALM_ANSWERS, phqa: [0, 7, 0, 1, 0, 0, 1, 0, 0] } as never), // not an option score
      row(s5!.student_no, s5!.name, { ...CALM_ANSWERS, gad7: [null, null, 1, 0, 0, 1, 0] } as never), // GAD-7 allows one blank
      row(s6!.student_no, s6!.name, { ...CALM_ANSWERS, phqa: [0, 1, 0, 1, 0, 0, 1, 0, null] } as never), // item 9 is required
      row(s7!.student_no, s7!.name, CALM_ANSWERS as never), // answered online
      row(otherClassStudentNo, '', CALM_ANSWERS as never),
      row(notInCampaignNo, '', CALM_ANSWERS as never),
      row(s8!.student_no, '错名字', CALM_ANSWERS as never), // 学籍号 copied from the wrong line
      row(s9!.student_no, s9!.name, CALM_ANSWERS as never),
      row(s9!.student_no, s9!.name, CALM_ANSWERS as never),
    ].join('\r\n');

    const { job } = await importBuffer(psych, csv, 'answers.csv');
    expect(job!.status).toBe('failed');
    const errors = job!.errors!;
    const at = (rowNo: number) => errors.filter((e) => e.row === rowNo);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([{ row: 3, field: '学籍号', message: '“学籍号”的值“ZZ00000000”不是本校学生的学籍号。' }]);
    expect(at(4)).toEqual([
      { row: 4, field: 'PHQ-A 2', message: '“PHQ-A 2”的值“7”不是该题的选项分值。可填：0/1/2/3，未作答请留空。' },
    ]);
    expect(at(5)[0]).toMatchObject({ field: 'GAD-7 1' });
    expect(at(5)[0]!.message).toContain('GAD-7 最多允许 1 题未作答');
    expect(at(6)).toEqual([{ row: 6, field: 'PHQ-A 9', message: '“PHQ-A 9”是必答题，不能留空。' }]);
    expect(at(7)[0]!.message).toContain('已在线完成作答');
    expect(at(8)[0]!.message).toContain('不属于所选班级');
    expect(at(9)[0]!.message).toContain('不在本次测评的学生范围内');
    expect(at(10)).toEqual([
      {
        row: 10,
        field: '姓名',
        message: `“姓名”的值“错名字”与学籍号“${s8!.student_no}”的学生姓名不符，请核对学籍号是否抄错。`,
      },
    ]);
    expect(at(11)[0]!.message).toContain('（另见第 12 行）');
    expect(at(12)[0]!.message).toContain('（另见第 11 行）');

    // The stored report reads in English for an English reader.
    const en = await importBuffer(psych, csv, 'answers.csv', 'en');
    expect(en.job!.errors!.find((e) => e.row === 4)).toEqual({
      row: 4,
      field: 'PHQ-A 2',
      message:
        '"PHQ-A 2" value "7" is not an option score of this item. Allowed: 0/1/2/3; leave it empty if unanswered.',
    });

    expect(await responsesOf(s3!.id)).toEqual([]);
    const pending = await ctx.db
      .selectFrom('screening_assignment')
      .select('status')
      .where('id', '=', s3!.assignmentId)
      .executeTakeFirstOrThrow();
    expect(pending.status).toBe('pending');
  });

  it('refuses another school and a head teacher’s import, and a file that is not a spreadsheet', async () => {
    const other = await ctx.signIn('psych07');
    const wb = await template(psych);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await importBuffer(other, file)).res.statusCode).toBe(404);
    expect((await other.get(`${base()}/paper-template?classId=${f.homeClass.id}`)).statusCode).toBe(404);
    expect((await other.get(`${base()}/paper-forms?classId=${f.homeClass.id}`)).statusCode).toBe(404);
    const headUsername = ctx.demo.accounts.find((a) => a.role === 'head_teacher')!.username;
    const head = await ctx.signIn(headUsername);
    expect((await importBuffer(head, file)).res.statusCode).toBe(403);
    const scheduled = await createCampaign(ctx.db, f.home, { opensAt: new Date(Date.now() + 86_400_000) });
    const early = await psych.post(`/api/v1/campaigns/${scheduled}/paper-import?classId=${f.homeClass.id}`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('测评尚未开始，不能导入纸质答案。');
    const bad = await importBuffer(
      psych,
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'old.xls',
    );
    expect(bad.res.statusCode).toBe(400);
    expect(bad.res.json().errors[0].field).toBe('/file');
  });

  it('prints one form per student with the CJK font embedded', async () => {
    const res = await psych.get(`${base()}/paper-forms?classId=${f.homeClass.id}&locale=zh-CN`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${CJK_FONT_NAME}`));
    // Each form starts on its own page and runs over at least one more.
    expect((pdf.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(students.length * 2);
    // Blank forms: one per instrument set (the whole class answers the same set), no names.
    const blank = await psych.get(`${base()}/paper-forms?classId=${f.homeClass.id}&blank=true`);
    expect(blank.statusCode).toBe(200);
    const blankPages = (blank.rawPayload.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(blankPages * students.length).toBe((pdf.match(/\/Type \/Page\b/g) ?? []).length);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'paper.print')
      .where('target_id', '=', f.homeClass.id)
      .execute();
    expect(audit.some((a) => a.payload.includes('"what":"forms"'))).toBe(true);
  });
});
