import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CJK_FONT_NAME } from '../accounts/font.js';
import { demoCampaignId } from '../seed/demo-screening.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

let ctx: TestContext;
let f: Fixtures;
let admin: Agent;
let psych: Agent;
let leader: Agent;
const year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  const leaderName = (
    await ctx.db
      .selectFrom('user_account')
      .select('username')
      .where('username', 'like', 'leader03%')
      .executeTakeFirstOrThrow()
  ).username;
  [admin, psych, leader] = await Promise.all([ctx.signIn('sadmin03'), ctx.signIn('psych03'), ctx.signIn(leaderName)]);
  // Evidence: psych03 opens two student pages, the leader exports a report, a paper consent is recorded,
  // one staff account is disabled.
  expect((await psych.get(`/api/v1/students/${f.homeStudent.id}`)).statusCode).toBe(200);
  expect((await psych.get(`/api/v1/students/${f.homeOtherClassStudent.id}`)).statusCode).toBe(200);
  expect(
    (await leader.get(`/api/v1/reports/campaigns/${demoCampaignId(f.home.city_id)}/report.xlsx?unitId=${f.home.id}`))
      .statusCode,
  ).toBe(200);
  const pending = await ctx.db
    .selectFrom('screening_assignment')
    .select('student_id')
    .where('campaign_id', '=', demoCampaignId(f.home.city_id))
    .where('school_id', '=', f.home.id)
    .where('consent_status', '=', 'pending')
    .limit(1)
    .executeTakeFirstOrThrow();
  expect(
    (
      await psych.post(`/api/v1/campaigns/${demoCampaignId(f.home.city_id)}/consents`, {
        studentId: pending.student_id,
        decision: 'granted',
      })
    ).statusCode,
  ).toBe(200);
  await ctx.db.updateTable('user_account').set({ disabled_at: new Date() }).where('username', '=', 'psych07').execute();
}, 120_000);
afterAll(async () => ctx?.close());

describe('compliance report', () => {
  it('counts who read which kinds of records, exports, consents and disabled accounts for the school', async () => {
    const res = await admin.get(`/api/v1/compliance/report?unitId=${f.home.id}&year=${year}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.access).toContainEqual({
      username: 'psych03',
      roles: ['psych_teacher'],
      targetType: 'student',
      events: 2,
    });
    expect(r.exports).toContainEqual(
      expect.objectContaining({ action: 'report.export', role: 'school_leader', events: 1, users: 1 }),
    );
    // The seed's consents are this year's too; the report counts every one recorded in the school.
    const granted = await ctx.db
      .selectFrom('consent_record')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('school_id', '=', f.home.id)
      .where('kind', '=', 'guardian_consent')
      .where('decision', '=', 'granted')
      .executeTakeFirstOrThrow();
    expect(Number(granted.n)).toBeGreaterThan(1);
    expect(r.consents).toContainEqual({ kind: 'guardian_consent', decision: 'granted', count: Number(granted.n) });
    expect(r.consentsHeld).toBeGreaterThanOrEqual(1);
    // psych07 works in another district: not this school's.
    expect(r.accountsDisabled).toEqual([]);
    const student = await ctx.db
      .selectFrom('student')
      .select('name')
      .where('id', '=', f.homeStudent.id)
      .executeTakeFirstOrThrow();
    expect(res.body).not.toContain(student.name);
  });

  it('names staff accounts only, each once per kind of record and never without a role', async () => {
    // Students and guardians reading their own pages are audited too, and psych03's list is audited
    // without the binding; none of that may put a student number, a phone or a blank role in the report.
    const username = (role: string) => ctx.demo.accounts.find((a) => a.role === role)!.username;
    const student = await ctx.signIn(username('student'));
    const guardian = await ctx.signIn(username('guardian'));
    expect((await student.get('/api/v1/my/screenings')).statusCode).toBe(200);
    expect((await guardian.get('/api/v1/my/consents')).statusCode).toBe(200);
    expect((await student.get('/api/v1/me/profile')).statusCode).toBe(200);
    expect((await psych.get(`/api/v1/students?classId=${f.homeStudent.class_id}`)).statusCode).toBe(200);
    const r = (await admin.get(`/api/v1/compliance/report?unitId=${f.home.id}&year=${year}`)).json();
    const kinds = await ctx.db
      .selectFrom('user_account')
      .select(['username', 'kind'])
      .where(
        'username',
        'in',
        r.access.map((a: { username: string }) => a.username),
      )
      .execute();
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.filter((k) => k.kind !== 'staff')).toEqual([]);
    const keys = r.access.map((a: { username: string; targetType: string }) => `${a.username}|${a.targetType}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const a of r.access as { roles: string[] }[]) expect(a.roles).not.toContain('');
    expect(r.access.every((a: { roles: string[] }) => a.roles.length > 0)).toBe(true);
  });

  it('names its codes in the caller’s language, from the same map the files use', async () => {
    const zh = (await admin.get(`/api/v1/compliance/report?unitId=${f.home.id}&year=${year}`)).json();
    expect(zh.labels.role.psych_teacher).toBe('心理教师');
    expect(zh.labels.target.student).toBe('学生档案');
    expect(zh.labels.action['report.export']).toBe('导出普测报告');
    expect(zh.labels.consent.guardian_consent).toBe('监护人知情同意');
    expect(zh.labels.decision.granted).toBe('同意');
    const en = (
      await admin.get(`/api/v1/compliance/report?unitId=${f.home.id}&year=${year}`, { 'accept-language': 'en' })
    ).json();
    expect(en.labels.role.school_leader).toBe('School leader');
    expect(en.labels.action['report.export']).toBe('Export screening reports');
    // Every code the report holds has a name.
    for (const a of en.access as { roles: string[]; targetType: string }[]) {
      expect(a.roles.length).toBeGreaterThan(0);
      for (const role of a.roles) expect(en.labels.role[role]).toBeTruthy();
      expect(en.labels.target[a.targetType]).toBeTruthy();
    }
  });

  it('opens on the unit the caller answers for when none is named', async () => {
    const res = await leader.get(`/api/v1/compliance/report?year=${year}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().unit.id).toBe(f.home.id);
    const city = await ctx.signIn('admin');
    expect((await city.get('/api/v1/compliance/report')).json().unit).toMatchObject({
      id: f.home.city_id,
      kind: 'city',
    });
    expect((await psych.get('/api/v1/compliance/report')).statusCode).toBe(403);
  });

  it('counts the disabled account in its own school, and audits each reading of the report', async () => {
    const city = await ctx.signIn('admin');
    const r = (await city.get(`/api/v1/compliance/report?unitId=${f.other.id}&year=${year}`)).json();
    expect(r.accountsDisabled).toEqual([{ kind: 'staff', count: 1 }]);
    const reads = await ctx.db
      .selectFrom('audit_log')
      .select(['target_id'])
      .where('action', '=', 'compliance.read')
      .execute();
    expect(reads.map((x) => x.target_id)).toEqual(expect.arrayContaining([f.home.id, f.other.id]));
  });

  it('exports PDF with the Chinese font and a workbook with one sheet per part', async () => {
    const pdf = await admin.get(`/api/v1/compliance/report.pdf?unitId=${f.home.id}&year=${year}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain(CJK_FONT_NAME);
    const xlsx = await admin.get(`/api/v1/compliance/report.xlsx?unitId=${f.home.id}&year=${year}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '记录访问',
      '数据导出',
      '知情同意',
      '信息披露',
      '保存与删除',
      '账号停用',
      '被拒绝的操作',
    ]);
    // Codes are printed in words, not as codes.
    const cells = (name: string) =>
      book
        .getWorksheet(name)!
        .getSheetValues()
        .flat()
        .filter((v): v is string => typeof v === 'string');
    expect(cells('记录访问')).toContain('心理教师');
    expect(cells('记录访问')).not.toContain('psych_teacher');
    expect(cells('数据导出')).toContain('导出普测报告');
    expect(cells('知情同意')).toEqual(expect.arrayContaining(['监护人知情同意', '同意']));
    const exports = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'compliance.export')
      .execute();
    expect(exports).toHaveLength(2);
  });

  it('is not for district staff or psychology teachers', async () => {
    expect((await psych.get(`/api/v1/compliance/report?unitId=${f.home.id}`)).statusCode).toBe(403);
  });
});
