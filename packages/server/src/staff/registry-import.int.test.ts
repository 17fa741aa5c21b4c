import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../roster/multipart-body.js';
import { accountIdOf } from '../testing/account-fixtures.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

// The staff registry import (issue 14): validate → preview → apply → report from one sheet, naming existing
// accounts by username, setting registry fields only, scoped per row to what the importer manages.
let ctx: TestContext;
let f: Fixtures;
let schoolAdmin: Agent;
let leader: Agent;

interface Report {
  applied: boolean;
  rows: number;
  errors: Array<{ row: number; column: string; message: string }>;
  items: Array<{ row: number; username: string; changes: string[]; schoolYear: string | null; status: string }>;
  counts: { update: number; unchanged: number };
}

const HEADER = ['用户名', '姓名', '专兼职', '证书等级', '资质', '学年', '培训学时', '督导学时'];
const csv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';

async function upload(agent: Agent, mode: 'preview' | 'apply', content: Buffer | string, filename = 'registry.csv') {
  const { payload, headers } = multipartFile(filename, content, 'text/csv');
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1/staff/registry-imports?mode=${mode}`,
    payload,
    headers: { ...headers, cookie: agent.cookie!, 'x-csrf-token': agent.csrf!, 'accept-language': agent.locale },
  });
}

const registryOf = async (username: string) =>
  ctx.db
    .selectFrom('user_account')
    .select(['id', 'full_time', 'certificate_level', 'qualification'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
const count = async (table: 'user_account' | 'role_binding' | 'staff_training_year') =>
  Number((await ctx.db.selectFrom(table).select(ctx.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  [schoolAdmin, leader] = await Promise.all([ctx.signIn('sadmin03'), ctx.signIn('leader03')]);
});
afterAll(() => ctx?.close());

describe('the staff registry template', () => {
  it('has an empty sheet, the example on its own and instructions; untouched it imports nothing', async () => {
    const res = await schoolAdmin.get('/api/v1/staff/registry-import/template?lang=zh-CN');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['教师登记', '示例', '填写说明']);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(wb.worksheets[0]!.actualRowCount).toBe(1);
    const applied = await upload(schoolAdmin, 'apply', res.rawPayload, 'template.xlsx');
    expect(applied.json<Report>()).toMatchObject({ applied: false, errors: [{ message: '文件中没有数据行。' }] });

    const en = await schoolAdmin.get('/api/v1/staff/registry-import/template?lang=en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets.map((w) => w.name)).toEqual(['Staff registry', 'Example', 'Instructions']);
  });
});

describe('importing the staff registry', () => {
  it('previews what changes, writes nothing, and reports every bad row naming its column', async () => {
    const before = await registryOf('psych03');
    const years = await count('staff_training_year');
    const res = await upload(
      schoolAdmin,
      'preview',
      csv([
        ['psych03', '', '兼职', 'C', '心理咨询师', '2025-2026', '30', '6'],
        ['psych07', '', '专职', '', '', '', '', ''],
        ['nobody-here', '', '专职', '', '', '', '', ''],
        ['head03-8-1', '', '半职', 'E', '', '2025', 'abc', '-1'],
        ['psych03', '', '', '', '', '', '', ''],
      ]),
    );
    expect(res.statusCode).toBe(200);
    const report = res.json<Report>();
    expect(report.applied).toBe(false);
    expect(report.items).toEqual([
      {
        row: 2,
        username: 'psych03',
        name: expect.any(String),
        changes: expect.arrayContaining(['certificateLevel', 'qualification', 'hours', 'supervisionHours']),
        schoolYear: '2025-2026',
        status: 'update',
      },
    ]);
    // Another district's teacher reads exactly like a username nobody has: the sheet cannot probe accounts.
    const unknown = report.errors.filter((e) => e.column === '用户名');
    expect(unknown.map((e) => e.row)).toEqual([3, 4, 6]);
    expect(unknown[0]!.message).toBe(
      '“用户名”的值“psych07”不是您管理范围内的教职工账号。本导入不新建账号，请先在教职工页面添加。',
    );
    expect(unknown[2]!.message).toContain('第 2 行');
    expect(report.errors.filter((e) => e.row === 5).map((e) => e.column)).toEqual([
      '专兼职',
      '证书等级',
      '学年',
      '培训学时',
      '督导学时',
    ]);
    expect(await registryOf('psych03')).toEqual(before);
    expect(await count('staff_training_year')).toBe(years);

    // The same rows applied: any wrong row, nothing written.
    const applied = await upload(
      schoolAdmin,
      'apply',
      csv([
        ['psych03', '', '兼职', 'C', '', '', '', ''],
        ['psych07', '', '专职', '', '', '', '', ''],
      ]),
    );
    expect(applied.json<Report>().applied).toBe(false);
    expect(await registryOf('psych03')).toEqual(before);
  });

  it('applies registry fields only, in one go, audited; the training indicator and the staff list follow', async () => {
    const accounts = await count('user_account');
    const bindings = await count('role_binding');
    const sheet = csv([
      ['psych03', '王老师', '专职', 'B', '心理健康教育教师资格证', '2025-2026', '86.5', '12'],
      ['head03-8-1', '', '', 'D', '', '', '3', ''],
    ]);
    const res = await upload(schoolAdmin, 'apply', sheet);
    expect(res.statusCode).toBe(200);
    const report = res.json<Report>();
    expect(report).toMatchObject({ applied: true, errors: [], counts: { update: 2, unchanged: 0 } });
    expect(await registryOf('psych03')).toMatchObject({
      full_time: true,
      certificate_level: 'B',
      qualification: '心理健康教育教师资格证',
    });
    const psych = await accountIdOf(ctx.db, 'psych03');
    const year = await ctx.db
      .selectFrom('staff_training_year')
      .selectAll()
      .where('user_id', '=', psych)
      .where('school_year', '=', '2025-2026')
      .executeTakeFirstOrThrow();
    expect([Number(year.training_hours), Number(year.supervision_hours)]).toEqual([86.5, 12]);
    // The head teacher's hours went to the current school year, the one the indicator reads.
    const head = await accountIdOf(ctx.db, 'head03-8-1');
    const headYear = report.items.find((i) => i.username === 'head03-8-1')!.schoolYear!;
    expect(headYear).toMatch(/^\d{4}-\d{4}$/);
    const headName = (
      await ctx.db.selectFrom('user_account').select('display_name').where('id', '=', head).executeTakeFirstOrThrow()
    ).display_name;
    const res2 = await leader.get(`/api/v1/supervision/schools/${f.home.id}?schoolYear=${headYear}`);
    const training = (
      res2.json().indicators as Array<{ id: string; shortfalls: Array<{ name: string; value: number }> }>
    ).find((i) => i.id === 'training')!;
    expect(training.shortfalls.find((s) => s.name === headName)).toMatchObject({ value: 3 });

    // Nothing but the registry: no account, no role.
    expect(await count('user_account')).toBe(accounts);
    expect(await count('role_binding')).toBe(bindings);
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'payload'])
      .where('action', 'in', ['staff.registry_update', 'staff.registry_import'])
      .execute();
    expect(
      audited
        .filter((a) => a.action === 'staff.registry_update')
        .map((a) => a.target_id)
        .sort(),
    ).toEqual([psych, head].sort());
    expect(audited.filter((a) => a.action === 'staff.registry_import')).toHaveLength(1);

    // The same file again changes nothing.
    const again = await upload(schoolAdmin, 'apply', sheet);
    expect(again.json<Report>()).toMatchObject({ applied: true, counts: { update: 0, unchanged: 2 } });
  });

  it('is refused to someone who does not keep the registry', async () => {
    const res = await upload(leader, 'preview', csv([['psych03', '', '专职', '', '', '', '', '']]));
    expect(res.statusCode).toBe(403);
  });
});
