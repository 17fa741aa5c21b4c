import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../audit/verify.js';
import { multipartFile } from './multipart-body.js';
import { COLUMNS } from './columns.js';
import { type Agent, demoFixtures, startTestApp, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';
import { demoCampaignId } from '../seed/demo-screening.js';

let ctx: TestContext;
let f: Fixtures;
let schoolAdmin: Agent;
beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  schoolAdmin = await ctx.signIn('sadmin03');
});
afterAll(() => ctx?.close());

interface JobBody {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'failed' | 'succeeded';
  phase: string | null;
  processed: number;
  total: number;
  result: { created: number; updated: number; moved: number; unchanged: number } | null;
  errors: Array<{ row: number; field: string; message: string }> | null;
}

const ZH = COLUMNS.map((c) => c.header['zh-CN']);

function csv(rows: string[][]): string {
  return (
    rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') +
    '\r\n'
  );
}

async function upload(agent: Agent, schoolId: string, filename: string, content: Buffer | string, type = 'text/csv') {
  const { payload, headers } = multipartFile(filename, content, type);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1/roster/imports?schoolId=${schoolId}`,
    payload,
    headers: { ...headers, cookie: agent.cookie!, 'x-csrf-token': agent.csrf!, 'accept-language': agent.locale },
  });
}

/** Polls until the job ends; every answer is kept so tests can look at the progress seen on the way. */
async function waitForJob(agent: Agent, jobId: string, seen: JobBody[] = [], lang = 'zh-CN'): Promise<JobBody> {
  for (;;) {
    const res = await agent.get(`/api/v1/jobs/${jobId}`, { 'accept-language': lang });
    expect(res.statusCode).toBe(200);
    const job = res.json<JobBody>();
    seen.push(job);
    if (job.status === 'failed' || job.status === 'succeeded') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function importFile(agent: Agent, schoolId: string, filename: string, content: Buffer | string, type?: string) {
  const res = await upload(agent, schoolId, filename, content, type);
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json<{ jobId: string }>();
  return { jobId, job: await waitForJob(agent, jobId) };
}

async function counts() {
  const one = async (table: 'student' | 'guardian' | 'student_guardian' | 'enrollment') =>
    (
      await ctx.db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return {
    students: await one('student'),
    guardians: await one('guardian'),
    links: await one('student_guardian'),
    enrollments: await one('enrollment'),
  };
}

describe('roster template', () => {
  it('downloads the xlsx template in Chinese and English, with an example row and an explanation sheet', async () => {
    for (const [lang, sheets, headers, example] of [
      ['zh-CN', ['学生名册', '填写说明'], ZH, '七年级'],
      ['en', ['Roster', 'Instructions'], COLUMNS.map((c) => c.header.en), '7'],
    ] as const) {
      const res = await schoolAdmin.get(`/api/v1/roster/template?format=xlsx&lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="roster-template.xlsx"; filename\*=UTF-8''/,
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(sheets);
      const roster = wb.worksheets[0]!;
      expect((roster.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
      expect(roster.getRow(2).getCell(5).value).toBe(example);
      const help = wb.worksheets[1]!;
      // One explanation row per column, naming it as the roster sheet does.
      expect(COLUMNS.map((_, i) => help.getRow(i + 2).getCell(1).value)).toEqual(headers);
      expect(help.getRow(5).getCell(3).text).toMatch(lang === 'en' ? /2012-03-05/ : /2012-03-05/);
      expect(help.getRow(9).getCell(3).text).toContain(lang === 'en' ? 'left_behind' : '留守');
    }
  });

  it('downloads the csv template as UTF-8 with a BOM, in either language', async () => {
    const zh = await schoolAdmin.get('/api/v1/roster/template?format=csv&lang=zh-CN');
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...zh.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, example] = zh.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(header).toBe(ZH.join(','));
    expect(example).toContain('张小明,男,2012-03-05,七年级,2班');
    const en = await schoolAdmin.get('/api/v1/roster/template?format=csv&lang=en');
    expect(en.rawPayload.subarray(3).toString('utf8').split('\r\n')[0]).toBe(COLUMNS.map((c) => c.header.en).join(','));
  });

  it('is only for roster importers', async () => {
    const psych = await ctx.signIn('psych03');
    expect((await psych.get('/api/v1/roster/template?format=csv')).statusCode).toBe(403);
  });
});

describe('roster validation', () => {
  it('fails a file with bad rows, listing every bad row and field in the caller’s language, and applies nothing', async () => {
    const row = (over: Partial<Record<(typeof ZH)[number], string>>) => ZH.map((h) => over[h] ?? '');
    const ok = { 姓名: '李好', 性别: '女', 出生日期: '2013-04-01', 年级: '七年级', 班级: '1班' };
    const file = csv([
      ZH,
      row({ ...ok, 学籍号: '' }), // 2
      row({ ...ok, 学籍号: '12-34', 姓名: '王'.repeat(51), 性别: '男的' }), // 3
      row({ ...ok, 学籍号: 'DUP000001' }), // 4
      row({ ...ok, 学籍号: 'DUP000001' }), // 5
      row({ ...ok, 学籍号: 'BAD000006', 性别: '未知' }), // 6 (another school's 学籍号 raises a transfer instead: transfers.int.test.ts)
      row({ ...ok, 学籍号: 'BAD000007', 出生日期: '2012-02-30' }), // 7
      row({ ...ok, 学籍号: 'BAD000008', 出生日期: '2030-01-01' }), // 8
      row({ ...ok, 学籍号: 'BAD000009', 出生日期: '2000-01-01' }), // 9
      row({ ...ok, 学籍号: 'BAD000010', 年级: '高一' }), // 10
      row({ ...ok, 学籍号: 'BAD000011', 班级: '9班' }), // 11
      row({ ...ok, 学籍号: 'BAD000012', 住校: '也许' }), // 12
      row({ ...ok, 学籍号: 'BAD000013', 关爱标签: '留守；外星' }), // 13
      row({ ...ok, 学籍号: 'BAD000014', 监护人姓名: '王五', 监护人关系: '父亲', 监护人手机: '12345' }), // 14
      row({ ...ok, 学籍号: 'BAD000015', 监护人姓名: '王六', 监护人关系: '叔叔', 监护人手机: '13900001111' }), // 15
      row({ ...ok, 学籍号: 'BAD000016', 监护人姓名: '王七' }), // 16
      row({ 学籍号: 'BAD000017' }), // 17
      [''], // 18: a blank row still counts when numbering rows, as in Excel
      row({ ...ok, 学籍号: 'GOOD000019' }), // 19: fine on its own, yet not applied
      row({ ...ok, 学籍号: 'BAD000020', 监护人姓名: '赵某', 监护人关系: '母亲', 监护人手机: '13900001111' }), // 20
    ]);
    const before = await counts();
    const { jobId, job } = await importFile(schoolAdmin, f.home.id, 'bad.csv', file);

    expect(job.status).toBe('failed');
    expect(job.result).toBeNull();
    expect(job.errors!.map((e) => [e.row, e.field])).toEqual([
      [2, '学籍号'],
      [3, '学籍号'],
      [3, '姓名'],
      [3, '性别'],
      [4, '学籍号'],
      [5, '学籍号'],
      [6, '性别'],
      [7, '出生日期'],
      [8, '出生日期'],
      [9, '出生日期'],
      [10, '年级'],
      [11, '班级'],
      [12, '住校'],
      [13, '关爱标签'],
      [14, '监护人手机'],
      [15, '监护人关系'],
      [16, '监护人关系'],
      [16, '监护人手机'],
      [17, '姓名'],
      [17, '性别'],
      [17, '年级'],
      [17, '班级'],
      [20, '监护人手机'],
    ]);
    const zh = new Map(job.errors!.map((e) => [`${e.row}/${e.field}`, e.message]));
    expect(zh.get('2/学籍号')).toBe('“学籍号”为必填项。');
    expect(zh.get('3/学籍号')).toContain('“12-34”');
    expect(zh.get('3/姓名')).toContain('最多 50 个字');
    expect(zh.get('4/学籍号')).toContain('另见第 5 行');
    expect(zh.get('5/学籍号')).toContain('另见第 4 行');
    expect(zh.get('9/出生日期')).toContain('26 岁');
    expect(zh.get('10/年级')).toBe('“年级”的值“高一”不是本校的年级。本校年级：七年级、八年级、九年级。');
    expect(zh.get('11/班级')).toBe('“班级”的值“9班”不是七年级的班级。现有班级：1班、2班、3班、4班。');
    expect(zh.get('13/关爱标签')).toContain('“外星”');
    expect(zh.get('20/监护人手机')).toContain('第 15 行');

    const en = await waitForJob(schoolAdmin, jobId, [], 'en');
    const enMessages = new Map(en.errors!.map((e) => [`${e.row}/${e.field}`, e.message]));
    expect(en.errors!.map((e) => [e.row, e.field])).toEqual(job.errors!.map((e) => [e.row, e.field]));
    expect(enMessages.get('2/学籍号')).toBe('"studentNo" is required.');
    expect(enMessages.get('3/性别')).toBe('"gender" value "男的" is not valid: use male or female.');
    expect(enMessages.get('10/年级')).toBe(
      '"grade" value "高一" is not a grade of this school. Its grades: Grade 7, Grade 8, Grade 9.',
    );
    expect(enMessages.get('12/住校')).toContain('"也许"');
    expect(enMessages.get('14/监护人手机')).toContain('"12345"');

    expect(await counts()).toEqual(before);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['outcome', 'target_id', 'username'])
      .where('action', '=', 'roster.import')
      .execute();
    expect(audit).toContainEqual({ outcome: 'failure', target_id: f.home.id, username: 'sadmin03' });
  });

  it('reports missing required columns on the header row', async () => {
    const { job } = await importFile(
      schoolAdmin,
      f.home.id,
      'cols.csv',
      csv([
        ['学籍号', '姓名', '备注'],
        ['G00000001', '李四', ''],
      ]),
    );
    expect(job.status).toBe('failed');
    expect(job.errors!.map((e) => [e.row, e.field])).toEqual([
      [1, '性别'],
      [1, '年级'],
      [1, '班级'],
    ]);
    expect(job.errors![0]!.message).toBe('缺少必填列“性别”。');
  });

  it('refuses files that are not rosters at once', async () => {
    const xls = await upload(
      schoolAdmin,
      f.home.id,
      'old.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    );
    expect(xls.statusCode).toBe(400);
    expect(xls.json().detail).toContain('.xlsx');
    expect((await upload(schoolAdmin, f.home.id, 'empty.csv', Buffer.alloc(0))).statusCode).toBe(400);
    const { payload, headers } = multipartFile('roster.csv', 'x', 'text/csv', 'upload');
    const wrongField = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/roster/imports?schoolId=${f.home.id}`,
      payload,
      headers: { ...headers, cookie: schoolAdmin.cookie!, 'x-csrf-token': schoolAdmin.csrf!, 'accept-language': 'en' },
    });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().errors[0]).toEqual({
      field: '/file',
      message: 'Upload the roster file (.xlsx or .csv) in the form field "file".',
    });
  });
});

describe('roster import', () => {
  const NEW = 30;
  let goodXlsx: Buffer;

  /** An English-headed xlsx with columns out of order, dates as date cells and phones as numbers. */
  async function buildGoodXlsx() {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('students');
    ws.addRow([
      'class',
      'grade',
      ' name ',
      'studentNo',
      'gender',
      'birthDate',
      'boarding',
      'careTags',
      'guardianPhone',
      'guardianName',
      'guardianRelation',
    ]);
    for (let i = 1; i <= NEW; i++) {
      // Students 1 and 2 are siblings: one guardian, two links.
      const phone = i === 2 ? 13700000001 : 13700000000 + i;
      const guardian = i === 2 ? '新家长1' : `新家长${i}`;
      ws.addRow([
        `${((i - 1) % 4) + 1}班`,
        i % 2 ? '七年级' : '初一',
        `新生${i}`,
        `NEW${String(i).padStart(6, '0')}`,
        i % 2 ? 'male' : '女',
        i === 3 ? null : new Date(Date.UTC(2013, i % 12, (i % 27) + 1)),
        i % 3 ? 'no' : '是',
        i % 5 ? '' : '留守；单亲',
        phone,
        guardian,
        i % 2 ? 'father' : '母亲',
      ]);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  beforeAll(async () => {
    goodXlsx = await buildGoodXlsx();
  });

  it('creates new students with their enrollments and guardians in one audited step', async () => {
    const before = await counts();
    const seen: JobBody[] = [];
    const res = await upload(schoolAdmin, f.home.id, 'good.xlsx', goodXlsx, 'application/octet-stream');
    expect(res.statusCode).toBe(202);
    const job = await waitForJob(schoolAdmin, res.json().jobId, seen);
    expect(job.errors).toBeNull();
    expect(job).toMatchObject({
      kind: 'roster_import',
      status: 'succeeded',
      phase: 'done',
      processed: NEW,
      total: NEW,
      result: { created: NEW, updated: 0, moved: 0, unchanged: 0 },
    });

    // The city's campaign is open: students who arrive now get its questionnaire like their classmates.
    const assigned = await ctx.db
      .selectFrom('screening_assignment as a')
      .innerJoin('student as s', 's.id', 'a.student_id')
      .select(['s.student_no', 'a.class_id', 's.class_id as student_class'])
      .where('a.campaign_id', '=', demoCampaignId(f.home.city_id))
      .where('s.student_no', 'like', 'NEW%')
      .where('a.respondent', '=', 'self')
      .execute();
    expect(assigned).toHaveLength(NEW);
    for (const a of assigned) expect(a.class_id).toBe(a.student_class);

    const after = await counts();
    expect(after).toEqual({
      students: before.students + NEW,
      guardians: before.guardians + NEW - 1,
      links: before.links + NEW,
      enrollments: before.enrollments + NEW,
    });
    const first = await ctx.db
      .selectFrom('student')
      .selectAll()
      .where('student_no', '=', 'NEW000001')
      .executeTakeFirstOrThrow();
    const grade7class1 = await ctx.db
      .selectFrom('org_unit')
      .select(['id', 'grade_id'])
      .where('school_id', '=', f.home.id)
      .where('kind', '=', 'class')
      .where('grade_level', '=', 7)
      .where('class_no', '=', 1)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({
      name: '新生1',
      gender: 'male',
      birth_date: '2013-02-02',
      class_id: grade7class1.id,
      grade_id: grade7class1.grade_id,
      school_id: f.home.id,
      boarding: false,
    });
    const fifth = await ctx.db
      .selectFrom('student')
      .select(['care_tags', 'boarding', 'gender'])
      .where('student_no', '=', 'NEW000005')
      .executeTakeFirstOrThrow();
    expect(fifth).toEqual({ care_tags: ['left_behind', 'single_parent'], boarding: false, gender: 'male' });
    const third = await ctx.db
      .selectFrom('student')
      .select(['birth_date', 'boarding'])
      .where('student_no', '=', 'NEW000003')
      .executeTakeFirstOrThrow();
    expect(third).toEqual({ birth_date: null, boarding: true });
    const siblings = await ctx.db
      .selectFrom('student_guardian as sg')
      .innerJoin('guardian as g', 'g.id', 'sg.guardian_id')
      .innerJoin('student as s', 's.id', 'sg.student_id')
      .select(['s.student_no', 'g.phone', 'g.name', 'sg.relation'])
      .where('g.phone', '=', '13700000001')
      .orderBy('s.student_no')
      .execute();
    expect(siblings).toEqual([
      { student_no: 'NEW000001', phone: '13700000001', name: '新家长1', relation: 'father' },
      { student_no: 'NEW000002', phone: '13700000001', name: '新家长1', relation: 'mother' },
    ]);
    const enrollment = await ctx.db.selectFrom('enrollment').selectAll().where('student_id', '=', first.id).execute();
    expect(enrollment).toMatchObject([{ class_id: grade7class1.id, school_year: '2026-2027', ended_at: null }]);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'roster.import')
      .where('outcome', '=', 'success')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      target_type: 'school',
      target_id: f.home.id,
      username: 'sadmin03',
      role: 'system_admin',
      school_id: f.home.id,
    });
    expect(JSON.parse(audit[0]!.payload).detail).toMatchObject({
      rows: NEW,
      created: NEW,
      updated: 0,
      moved: 0,
      unchanged: 0,
    });
    expect((await verifyAuditChains(ctx.db)).problems).toEqual([]);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await counts();
    const stamps = await ctx.db
      .selectFrom('student')
      .select(['student_no', 'updated_at'])
      .where('student_no', 'like', 'NEW%')
      .orderBy('student_no')
      .execute();
    const { job } = await importFile(schoolAdmin, f.home.id, 'good.xlsx', goodXlsx);
    expect(job.result).toEqual({ created: 0, updated: 0, moved: 0, unchanged: NEW });
    expect(await counts()).toEqual(before);
    expect(
      await ctx.db
        .selectFrom('student')
        .select(['student_no', 'updated_at'])
        .where('student_no', 'like', 'NEW%')
        .orderBy('student_no')
        .execute(),
    ).toEqual(stamps);
  });

  it('moves students between classes keeping their enrollment history, and keeps columns the file lacks', async () => {
    const demo = await ctx.db
      .selectFrom('student')
      .selectAll()
      .where('id', '=', f.homeStudent.id)
      .executeTakeFirstOrThrow();
    const file = csv([
      ['学籍号', '姓名', '性别', '年级', '班级'],
      [demo.student_no, demo.name, demo.gender === 'male' ? '男' : '女', '八年级', '(2)班'], // moved from 八年级1班
      ['NEW000001', '新生一号', '男', '七年级', '1班'], // renamed
      ['NEW000003', '新生3', '男', '7', '3'], // unchanged
    ]);
    const { job } = await importFile(schoolAdmin, f.home.id, 'move.csv', file);
    expect(job.result).toEqual({ created: 0, updated: 1, moved: 1, unchanged: 1 });

    const moved = await ctx.db.selectFrom('student').selectAll().where('id', '=', demo.id).executeTakeFirstOrThrow();
    expect(moved.class_id).toBe(f.otherClassInHome.id);
    // Columns absent from the file keep what was stored.
    expect({ birth: moved.birth_date, tags: moved.care_tags, boarding: moved.boarding }).toEqual({
      birth: demo.birth_date,
      tags: demo.care_tags,
      boarding: demo.boarding,
    });
    const history = await ctx.db
      .selectFrom('enrollment')
      .selectAll()
      .where('student_id', '=', demo.id)
      .orderBy('started_at')
      .execute();
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ class_id: f.homeClass.id });
    expect(history[0]!.ended_at).not.toBeNull();
    expect(history[1]).toMatchObject({ class_id: f.otherClassInHome.id, ended_at: null });
    // Unfinished questionnaires of the open campaign follow the student to the new class.
    const unfinished = await ctx.db
      .selectFrom('screening_assignment')
      .select(['class_id', 'status'])
      .where('student_id', '=', demo.id)
      .where('campaign_id', '=', demoCampaignId(f.home.city_id))
      .where('status', 'in', ['pending', 'in_progress'])
      .execute();
    for (const a of unfinished) expect(a.class_id).toBe(f.otherClassInHome.id);

    // The student page shows both classes.
    const detail = (await schoolAdmin.get(`/api/v1/students/${demo.id}`)).json();
    expect(
      detail.enrollments.map((e: { className: string; to: string | null }) => [e.className, e.to === null]),
    ).toEqual([
      ['1班', false],
      ['2班', true],
    ]);
    expect(
      (
        await ctx.db
          .selectFrom('student')
          .select('name')
          .where('student_no', '=', 'NEW000001')
          .executeTakeFirstOrThrow()
      ).name,
    ).toBe('新生一号');
  });

  it('imports a filled-in template in either language, skipping its example row', async () => {
    const zh = await schoolAdmin.get('/api/v1/roster/template?format=xlsx&lang=zh-CN');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(zh.rawPayload as unknown as ArrayBuffer);
    wb.worksheets[0]!.getRow(3).values = [
      'TPL0000001',
      '模板生',
      '女',
      new Date(Date.UTC(2012, 8, 1)),
      '九年级',
      '4班',
      '是',
      '流动',
      '模板家长',
      '外婆',
      '13712345678',
    ];
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const { job } = await importFile(schoolAdmin, f.home.id, '名册.xlsx', filled);
    expect(job.result).toEqual({ created: 1, updated: 0, moved: 0, unchanged: 0 });
    expect(
      await ctx.db.selectFrom('student').select('student_no').where('student_no', '=', 'EXAMPLE001').execute(),
    ).toEqual([]);
    const s = await ctx.db
      .selectFrom('student')
      .select(['birth_date', 'care_tags', 'boarding'])
      .where('student_no', '=', 'TPL0000001')
      .executeTakeFirstOrThrow();
    expect(s).toEqual({ birth_date: '2012-09-01', care_tags: ['migrant'], boarding: true });

    const en = await schoolAdmin.get('/api/v1/roster/template?format=csv&lang=en');
    const text =
      en.rawPayload.toString('utf8') +
      'TPL0000002,Li Lei,male,2012/9/2,Grade 9,Class 4,yes,migrant;bereaved,Li Ma,grandparent,13712345679\r\n';
    const second = await importFile(schoolAdmin, f.home.id, 'roster.csv', text);
    expect(second.job.result).toEqual({ created: 1, updated: 0, moved: 0, unchanged: 0 });
  });

  it('never imports into a school outside the uploader’s scope', async () => {
    expect((await upload(schoolAdmin, f.other.id, 'x.csv', csv([ZH]))).statusCode).toBe(404);
    const districtAdmin = await ctx.signIn('dadmin01');
    expect((await upload(districtAdmin, f.other.id, 'x.csv', csv([ZH]))).statusCode).toBe(404);
    // A class is not a school, even the uploader's own.
    expect((await upload(schoolAdmin, f.homeClass.id, 'x.csv', csv([ZH]))).statusCode).toBe(404);
    const psych = await ctx.signIn('psych03');
    expect((await upload(psych, f.home.id, 'x.csv', csv([ZH]))).statusCode).toBe(403);
    const jobs = await ctx.db.selectFrom('job').select('school_id').execute();
    expect(jobs.some((j) => j.school_id === f.other.id)).toBe(false);
  });
});

describe('a 50,000-row roster', () => {
  it('imports into a large school with progress reported along the way', async () => {
    const districtId = f.home.district_id!;
    const cityId = f.home.city_id;
    const schoolId = randomUUID();
    const units: Array<Record<string, unknown>> = [
      {
        id: schoolId,
        kind: 'school',
        parent_id: districtId,
        city_id: cityId,
        district_id: districtId,
        school_id: schoolId,
        name_zh: '东城大型测试中学',
        name_en: 'Big Test School',
        stage: 'junior',
      },
    ];
    const classes: Array<{ level: number; no: number }> = [];
    for (const level of [7, 8, 9]) {
      const gradeId = randomUUID();
      units.push({
        id: gradeId,
        kind: 'grade',
        parent_id: schoolId,
        city_id: cityId,
        district_id: districtId,
        school_id: schoolId,
        grade_id: gradeId,
        name_zh: `${'七八九'[level - 7]}年级`,
        grade_level: level,
        sort: level,
      });
      for (let no = 1; no <= 20; no++) {
        units.push({
          id: randomUUID(),
          kind: 'class',
          parent_id: gradeId,
          city_id: cityId,
          district_id: districtId,
          school_id: schoolId,
          grade_id: gradeId,
          name_zh: `${no}班`,
          grade_level: level,
          class_no: no,
          sort: no,
        });
        classes.push({ level, no });
      }
    }
    await ctx.db
      .insertInto('org_unit')
      .values(units as never)
      .execute();

    const N = 50_000;
    const lines = [ZH.join(',')];
    for (let i = 0; i < N; i++) {
      const c = classes[i % classes.length]!;
      const tags = i % 7 === 0 ? '留守；单亲' : '';
      lines.push(
        `B${String(i).padStart(9, '0')},学生${i},${i % 2 ? '男' : '女'},${2010 + (c.level - 7)}-0${(i % 9) + 1}-1${i % 10},${c.level},${c.no}班,${i % 3 ? '否' : '是'},${tags},家长${i},${i % 2 ? '父亲' : '母亲'},136${String(i).padStart(8, '0')}`,
      );
    }
    const file = Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
    const before = await counts();

    const admin = await ctx.signIn('dadmin01');
    const res = await upload(admin, schoolId, 'big.csv', file);
    expect(res.statusCode).toBe(202);
    const seen: JobBody[] = [];
    const job = await waitForJob(admin, res.json().jobId, seen);
    expect(job.errors).toBeNull();
    expect(job).toMatchObject({
      status: 'succeeded',
      processed: N,
      total: N,
      result: { created: N, updated: 0, moved: 0, unchanged: 0 },
    });

    // Progress went up while the job ran: several distinct, non-decreasing points before the end.
    const phases = ['queued', 'parsing', 'validating', 'applying', 'done'];
    const points = seen
      .filter((s) => s.status === 'running')
      .map((s) => [phases.indexOf(s.phase ?? 'queued'), s.processed] as const);
    expect(new Set(points.map((p) => p.join('/'))).size).toBeGreaterThan(2);
    for (let i = 1; i < points.length; i++) {
      const [phase, processed] = points[i]!;
      const [prevPhase, prevProcessed] = points[i - 1]!;
      expect(phase > prevPhase || (phase === prevPhase && processed >= prevProcessed)).toBe(true);
    }
    expect(
      points.some(([phase, processed]) => phase === phases.indexOf('validating') && processed > 0 && processed < N) ||
        points.some(([phase, processed]) => phase === 1 && processed > 0),
    ).toBe(true);

    expect(await counts()).toEqual({
      students: before.students + N,
      guardians: before.guardians + N,
      links: before.links + N,
      enrollments: before.enrollments + N,
    });
    const inSchool = await ctx.db
      .selectFrom('student')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('school_id', '=', schoolId)
      .executeTakeFirstOrThrow();
    expect(inSchool.n).toBe(N);
  }, 180_000);
});

describe('upload limit', () => {
  let small: TestContext;
  beforeAll(async () => {
    small = await startTestApp({ uploadLimitBytes: 2 * 1024 * 1024 });
  });
  afterAll(() => small?.close());

  it('refuses a file over the limit with 413, naming the limit', async () => {
    const admin = await small.signIn('sadmin03');
    const home = await demoFixtures(small.db);
    const { payload, headers } = multipartFile('big.csv', Buffer.alloc(3 * 1024 * 1024, 'a'), 'text/csv');
    const res = await small.app.inject({
      method: 'POST',
      url: `/api/v1/roster/imports?schoolId=${home.home.id}`,
      payload,
      headers: { ...headers, cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      type: 'urn:yuxin:problem:payload-too-large',
      detail: 'The request is too large (limit 2 MB).',
    });
    expect(await small.db.selectFrom('job').select('id').execute()).toEqual([]);
  });
});
