import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../roster/multipart-body.js';
import { accountIdOf } from '../testing/account-fixtures.js';
import { insertCase } from '../testing/case-factory.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

// The org tree import (issue 14): validate → preview → apply → report from one sheet, scoped per row to
// what the importer manages, idempotent, audited.
let ctx: TestContext;
let f: Fixtures;
let cityAdmin: Agent;
let districtAdmin: Agent;
let psych: Agent;
let homeDistrict: string;
let otherDistrict: string;

interface Report {
  applied: boolean;
  rows: number;
  errors: Array<{ row: number; column: string; message: string }>;
  items: Array<{ row: number; kind: string; path: string; value?: string; status: string }>;
  counts: { create: number; exists: number; update: number };
}

const HEADER = ['区县', '指导中心', '学校', '学校代码', '学段', '年级', '班级', '合作医院'];
const csv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';

async function upload(agent: Agent, mode: 'preview' | 'apply', content: Buffer | string, filename = 'org.csv') {
  const { payload, headers } = multipartFile(filename, content, 'text/csv');
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1/org/imports?mode=${mode}`,
    payload,
    headers: { ...headers, cookie: agent.cookie!, 'x-csrf-token': agent.csrf!, 'accept-language': agent.locale },
  });
}

const unitCount = async () =>
  (await ctx.db.selectFrom('org_unit').select(ctx.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  [cityAdmin, districtAdmin, psych] = await Promise.all([
    ctx.signIn('admin'),
    ctx.signIn('dadmin01'),
    ctx.signIn('psych03'),
  ]);
  const name = async (id: string) =>
    (await ctx.db.selectFrom('org_unit').select('name_zh').where('id', '=', id).executeTakeFirstOrThrow()).name_zh;
  homeDistrict = await name(f.home.district_id!);
  otherDistrict = await name(f.other.district_id!);
});
afterAll(() => ctx?.close());

describe('the org tree template', () => {
  it('has an empty sheet to fill, the example on a sheet of its own, and instructions; untouched it imports nothing', async () => {
    const res = await cityAdmin.get('/api/v1/org/import/template?lang=zh-CN');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['组织架构', '示例', '填写说明']);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(wb.worksheets[0]!.actualRowCount).toBe(1);
    expect(wb.worksheets[1]!.actualRowCount).toBeGreaterThan(1);

    const before = await unitCount();
    const applied = await upload(cityAdmin, 'apply', res.rawPayload, 'template.xlsx');
    expect(applied.statusCode).toBe(200);
    expect(applied.json<Report>()).toMatchObject({ applied: false, errors: [{ message: '文件中没有数据行。' }] });
    expect(await unitCount()).toBe(before);

    const en = await cityAdmin.get('/api/v1/org/import/template?lang=en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets.map((w) => w.name)).toEqual(['Org tree', 'Example', 'Instructions']);
  });

  it('a filled-in template (xlsx) is read from its first sheet only', async () => {
    const res = await cityAdmin.get('/api/v1/org/import/template?lang=zh-CN');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    wb.worksheets[0]!.addRow(['模板区', '', '模板小学', '', '小学', '一年级', '1班', '']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await upload(cityAdmin, 'preview', buf, 'filled.xlsx');
    const body = preview.json<Report>();
    expect(body.errors).toEqual([]);
    expect(body.items.map((i) => [i.kind, i.path, i.status])).toEqual([
      ['district', '模板区', 'create'],
      ['school', '模板区 / 模板小学', 'create'],
      ['grade', '模板区 / 模板小学 / 一年级', 'create'],
      ['class', '模板区 / 模板小学 / 一年级 / 1班', 'create'],
    ]);
  });
});

describe('importing the org tree', () => {
  const sheet = () =>
    csv([
      ['导入区', '导入区心理中心', '导入区实验小学', '370001', '小学', '一年级', '1班', '导入区人民医院'],
      ['导入区', '', '导入区实验小学', '', '', '一年级', '2班', ''],
      ['导入区', '', '导入区实验小学', '', '', '二年级', '1班', ''],
      ['导入区', '', '导入区第一中学', '', '初中', '七年级', '(3)班', '导入区人民医院'],
      ['导入区二', '', '', '', '', '', '', ''],
      [homeDistrict, '', f.home.name_zh, '', '', '八年级', '1班', ''],
    ]);

  it('previews what will be created and what exists, writing nothing', async () => {
    const before = await unitCount();
    const res = await upload(cityAdmin, 'preview', sheet());
    expect(res.statusCode).toBe(200);
    const body = res.json<Report>();
    expect(body).toMatchObject({ applied: false, rows: 6, errors: [] });
    const created = body.items.filter((i) => i.status === 'create').map((i) => `${i.kind}:${i.path}`);
    expect(created).toEqual([
      'district:导入区',
      'school:导入区 / 导入区实验小学',
      'hospital:导入区人民医院',
      'grade:导入区 / 导入区实验小学 / 一年级',
      'class:导入区 / 导入区实验小学 / 一年级 / 1班',
      'class:导入区 / 导入区实验小学 / 一年级 / 2班',
      'grade:导入区 / 导入区实验小学 / 二年级',
      'class:导入区 / 导入区实验小学 / 二年级 / 1班',
      'school:导入区 / 导入区第一中学',
      'grade:导入区 / 导入区第一中学 / 七年级',
      'class:导入区 / 导入区第一中学 / 七年级 / 3班',
      'district:导入区二',
    ]);
    expect(body.items.filter((i) => i.status === 'exists').map((i) => i.kind)).toEqual([
      'district',
      'school',
      'grade',
      'class',
    ]);
    expect(await unitCount()).toBe(before);
  });

  it('applies in one go, audited; the same file again creates nothing', async () => {
    const before = await unitCount();
    const res = await upload(cityAdmin, 'apply', sheet());
    expect(res.statusCode).toBe(200);
    const body = res.json<Report>();
    expect(body).toMatchObject({ applied: true, errors: [], counts: { create: 12 } });
    expect(await unitCount()).toBe(before + 11);

    const district = await ctx.db
      .selectFrom('org_unit')
      .selectAll()
      .where('name_zh', '=', '导入区')
      .executeTakeFirstOrThrow();
    expect(district.centre_name).toBe('导入区心理中心');
    const school = await ctx.db
      .selectFrom('org_unit')
      .selectAll()
      .where('name_zh', '=', '导入区实验小学')
      .executeTakeFirstOrThrow();
    expect(school).toMatchObject({ stage: 'primary', code: '370001', district_id: district.id });
    const hospital = await ctx.db
      .selectFrom('hospital')
      .selectAll()
      .where('name_zh', '=', '导入区人民医院')
      .executeTakeFirstOrThrow();
    expect(school.partner_hospital_id).toBe(hospital.id);
    const klass = await ctx.db
      .selectFrom('org_unit')
      .selectAll()
      .where(
        'parent_id',
        'in',
        ctx.db.selectFrom('org_unit').select('id').where('school_id', '=', school.id).where('kind', '=', 'grade'),
      )
      .where('name_zh', '=', '2班')
      .executeTakeFirstOrThrow();
    expect(klass).toMatchObject({ kind: 'class', class_no: 2, grade_level: 1, school_id: school.id });

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('action', 'in', ['org.import', 'org.unit_create', 'org.hospital_create'])
      .execute();
    expect(audit.filter((a) => a.action === 'org.import')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'org.unit_create' && a.payload.includes('"import"'))).toHaveLength(11);
    expect(audit.filter((a) => a.action === 'org.hospital_create')).toHaveLength(1);

    const again = await upload(cityAdmin, 'apply', sheet());
    expect(again.json<Report>()).toMatchObject({ applied: true, errors: [], counts: { create: 0, update: 0 } });
    expect(await unitCount()).toBe(before + 11);
  });

  it('reports every wrong row by row and column, in the reader’s language, and writes nothing', async () => {
    const before = await unitCount();
    const bad = csv([
      ['错误区', '', '错误小学', '', '大学', '一年级', '1班', ''],
      ['错误区', '', '错误初中', '', '初中', '三年级', '', ''],
      ['错误区', '', '错误初中二', '', '', '七年级', '', ''],
      ['', '', '无区学校', '', '小学', '', '', ''],
      ['错误区', '', '', '', '', '', '1班', ''],
      ['错误区', '', '导入区实验小学', '', '小学', '', '', ''],
    ]);
    const res = await upload(cityAdmin, 'apply', bad);
    const body = res.json<Report>();
    expect(body.applied).toBe(false);
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '学段'],
      [3, '年级'],
      [4, '学段'],
      [5, '区县'],
      [6, '班级'],
    ]);
    expect(body.errors[0]!.message).toContain('“学段”的值“大学”无效');
    expect(await unitCount()).toBe(before);

    cityAdmin.locale = 'en';
    const res2 = await upload(cityAdmin, 'preview', bad);
    cityAdmin.locale = 'zh-CN';
    expect(res2.json<Report>().errors[0]!.message).toContain('is not valid');
  });

  it('a district administrator imports only their own district', async () => {
    const res = await upload(
      districtAdmin,
      'preview',
      csv([
        [homeDistrict, '', '区管新学校', '', '初中', '七年级', '1班', ''],
        [otherDistrict, '', f.other.name_zh, '', '', '', '', ''],
        [otherDistrict, '', '越权新学校', '', '初中', '', '', ''],
        ['区管新区', '', '', '', '', '', '', ''],
        [homeDistrict, '', '区管新学校', '', '', '', '', '未登记医院'],
      ]),
    );
    const body = res.json<Report>();
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '学校'],
      [4, '学校'],
      [5, '区县'],
      [6, '合作医院'],
    ]);
    expect(body.errors[0]!.message).toContain('不在您的管理范围内');
    expect(body.errors[3]!.message).toContain('只能由市级管理员登记');
    expect(body.items.filter((i) => i.status === 'create').map((i) => i.path)).toContain(
      `${homeDistrict} / 区管新学校`,
    );
  });

  it('is for organisation managers only', async () => {
    expect((await upload(psych, 'preview', csv([['x', '', '', '', '', '', '', '']]))).statusCode).toBe(403);
    expect((await psych.get('/api/v1/org/import/template')).statusCode).toBe(403);
  });
});

describe("a school's partner hospital", () => {
  it('is set on the school by form, by its district administrator too, and offered first for its referrals', async () => {
    const a = await cityAdmin.post('/api/v1/org/hospitals', { name: '甲合作医院' });
    const z = await cityAdmin.post('/api/v1/org/hospitals', { name: '乙合作医院' });
    expect(a.statusCode).toBe(201);
    const set = await districtAdmin.patch(`/api/v1/org/units/${f.home.id}`, { partnerHospitalId: z.json().id });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ partnerHospitalId: z.json().id });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'org.unit_update')
      .where('target_id', '=', f.home.id)
      .execute();
    expect(audit.some((r) => r.payload.includes(z.json().id))).toBe(true);

    const onGrade = await cityAdmin.patch(`/api/v1/org/units/${f.homeClass.grade_id}`, {
      partnerHospitalId: z.json().id,
    });
    expect(onGrade.statusCode).toBe(400);
    expect(onGrade.json().errors[0]).toMatchObject({ field: '/partnerHospitalId' });
    const unknown = await cityAdmin.patch(`/api/v1/org/units/${f.home.id}`, {
      partnerHospitalId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);

    const psychId = await accountIdOf(ctx.db, 'psych03');
    const caseId = await insertCase(ctx.db, f.homeStudent, psychId, 'intervening', 'partner-hospital');
    const offered = (await psych.get(`/api/v1/cases/${caseId}/candidates`)).json().hospitals as Array<{
      id: string;
      partner: boolean;
    }>;
    expect(offered[0]).toMatchObject({ id: z.json().id, partner: true });
    expect(offered.filter((h) => h.partner)).toHaveLength(1);
  });
});

describe('an existing unit’s code or guidance centre', () => {
  it('shows as an update in the preview and is changed, audited, on apply; a taken code or another district is a row error', async () => {
    const school = await ctx.db
      .selectFrom('org_unit')
      .selectAll()
      .where('id', '=', f.home.id)
      .executeTakeFirstOrThrow();
    const district = await ctx.db
      .selectFrom('org_unit')
      .selectAll()
      .where('id', '=', f.home.district_id!)
      .executeTakeFirstOrThrow();
    const sheet = csv([
      [homeDistrict, '更名后的指导中心', f.home.name_zh, 'UPD-0001', '', '', '', ''],
      [homeDistrict, '', f.home.name_zh, '', '', '八年级', '', ''],
    ]);
    const preview = await upload(cityAdmin, 'preview', sheet);
    const body = preview.json<Report>();
    expect(body.errors).toEqual([]);
    expect(body.items.filter((i) => i.status === 'update')).toEqual([
      { row: 2, kind: 'district', path: homeDistrict, value: '更名后的指导中心', status: 'update' },
      { row: 2, kind: 'school', path: `${homeDistrict} / ${f.home.name_zh}`, value: 'UPD-0001', status: 'update' },
    ]);
    expect(body.counts.update).toBe(2);
    // A preview writes nothing.
    expect(
      await ctx.db.selectFrom('org_unit').select('code').where('id', '=', school.id).executeTakeFirstOrThrow(),
    ).toEqual({ code: school.code });

    // A district administrator may change a school's code in their district, not their district's centre.
    const byDistrict = await upload(districtAdmin, 'preview', sheet);
    expect(byDistrict.json<Report>().errors.map((e) => [e.row, e.column])).toEqual([[2, '指导中心']]);

    // Another school's code is taken; two rows giving the same school two codes contradict each other.
    const otherSchool = await ctx.db
      .selectFrom('org_unit')
      .select(['code', 'name_zh'])
      .where('kind', '=', 'school')
      .where('code', 'is not', null)
      .where('id', '<>', school.id)
      .executeTakeFirst();
    const taken = otherSchool?.code ?? 'UPD-TAKEN';
    if (!otherSchool) await ctx.db.updateTable('org_unit').set({ code: taken }).where('id', '=', f.other.id).execute();
    const bad = await upload(
      cityAdmin,
      'apply',
      csv([
        [homeDistrict, '', f.home.name_zh, taken, '', '', '', ''],
        [homeDistrict, '', f.home.name_zh, 'UPD-0002', '', '', '', ''],
        [homeDistrict, '', f.home.name_zh, 'UPD-0003', '', '', '', ''],
      ]),
    );
    expect(bad.json<Report>()).toMatchObject({ applied: false });
    expect(bad.json<Report>().errors.map((e) => [e.row, e.column])).toEqual([
      [2, '学校代码'],
      [4, '学校代码'],
    ]);
    expect(bad.json<Report>().errors[0]!.message).toContain('已被本市另一所学校使用');
    expect(bad.json<Report>().errors[1]!.message).toContain('第 3 行');

    const applied = await upload(cityAdmin, 'apply', sheet);
    expect(applied.json<Report>()).toMatchObject({ applied: true, errors: [], counts: { update: 2 } });
    expect(
      await ctx.db.selectFrom('org_unit').select('code').where('id', '=', school.id).executeTakeFirstOrThrow(),
    ).toEqual({ code: 'UPD-0001' });
    expect(
      await ctx.db.selectFrom('org_unit').select('centre_name').where('id', '=', district.id).executeTakeFirstOrThrow(),
    ).toEqual({ centre_name: '更名后的指导中心' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['target_id', 'payload'])
      .where('action', '=', 'org.unit_update')
      .where('target_id', 'in', [school.id, district.id])
      .execute();
    const fromImport = audit.filter((a) => a.payload.includes('"import"'));
    expect(fromImport.find((a) => a.target_id === school.id)!.payload).toContain('UPD-0001');
    expect(fromImport.find((a) => a.target_id === district.id)!.payload).toContain('更名后的指导中心');

    // The same file again changes nothing.
    const again = await upload(cityAdmin, 'apply', sheet);
    expect(again.json<Report>()).toMatchObject({ applied: true, counts: { create: 0, update: 0 } });
  });
});
