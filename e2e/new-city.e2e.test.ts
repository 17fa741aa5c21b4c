import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, firstSignIn, startServer, type RunningServer } from './support/server.js';
import { nextCode, rememberSecret } from './support/two-factor.js';

// Issue 14's walk from an empty database: the setup command, the administrator's first sign-in, the city
// built (one district by form), the people and their approvals along the chain the setup's centre member
// starts, rosters, a paper screening, the year turned over.
const ROOT = new URL('..', import.meta.url).pathname;
const CITY = '济宁市';

let dataDir: string;
let server: RunningServer;
let browser: Browser;
const initial: Record<string, string> = {};

type Api = Awaited<ReturnType<typeof apiSession>>;
interface Unit {
  id: string;
  name: string;
  kind: string;
}
const units: Record<string, Unit> = {};

// The org sheet (组织架构导入) a bureau fills in: the form made 任城区, the sheet makes the rest.
const ORG_SHEET = [
  '区县,指导中心,学校,学校代码,学段,年级,班级,合作医院',
  '任城区,,任城实验小学,,小学,六年级,1班,济宁市精神卫生中心',
  '任城区,,任城第一初级中学,,初中,七年级,1班,济宁市精神卫生中心',
  '兖州区,,兖州第一中学,,高中,高一,1班,',
].join('\r\n');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'yuxin-new-city-'));
  const setup = spawnSync(
    process.execPath,
    [
      join(ROOT, 'packages/server/dist/cli/setup.js'),
      '--city',
      CITY,
      '--admin',
      'jn.admin',
      '--name',
      '张主任',
      '--centre-staff',
      'jn.centre',
      '--centre-name',
      '李老师',
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        YUXIN_DATA_DIR: dataDir,
        YUXIN_SEED_DEMO: 'false',
        DATABASE_URL: '',
        YUXIN_EMBEDDED_UNSAFE_NO_FSYNC: 'true',
        LOG_LEVEL: 'warn',
      },
    },
  );
  expect(setup.status, setup.stderr).toBe(0);
  const printed = [...setup.stdout.matchAll(/username:\s+(\S+)\s+password:\s+(\S+)/g)];
  for (const [, username, password] of printed) initial[username!] = password!;
  expect(Object.keys(initial).sort()).toEqual(['jn.admin', 'jn.centre']);

  server = await startServer({ dataDir, env: { YUXIN_SEED_DEMO: 'false' } });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const modal = (page: Page) => page.locator('.ant-modal:visible');
const node = (page: Page, name: string) =>
  page.getByTestId('org-tree').getByTestId('org-node').filter({ hasText: name });

/** Staff made by the administrator; a role reading psychological data waits for the person above. */
async function staff(admin: Api, username: string, name: string, role: string, scopeId: string) {
  const password = `Init-${username}-2026`;
  const res = await admin.post('/api/v1/staff', { username, name, password, role, scopeId });
  expect([201, 202], JSON.stringify(res.json)).toContain(res.status);
  initial[username] = password;
  return res.status === 202 ? 'pending' : 'granted';
}

async function approveAll(approver: Api, usernames: string[]) {
  const pending = (await approver.get('/api/v1/role-grants?status=pending&pageSize=100')).json as {
    items: Array<{ id: string; username: string; mayDecide: boolean }>;
  };
  for (const username of usernames) {
    const request = pending.items.find((r) => r.username === username);
    expect(request?.mayDecide, `${username} waits for this approver`).toBe(true);
    const res = await approver.post(`/api/v1/role-grants/${request!.id}/approve`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
}

const rosterCsv = (rows: string[][]) =>
  [
    [
      '学籍号',
      '姓名',
      '性别',
      '出生日期',
      '年级',
      '班级',
      '住校',
      '关爱标签',
      '监护人姓名',
      '监护人关系',
      '监护人手机',
    ],
    ...rows,
  ]
    .map((r) => r.join(','))
    .join('\n');

/** The first class of a school's lowest grade (each school of the sheet has one grade with one class). */
async function classOf(schoolName: string, gradeName?: string): Promise<string> {
  const admin = await apiSession(server.url, 'jn.admin');
  const grades = (await admin.get(`/api/v1/org/units?parentId=${units[schoolName]!.id}`)).json as Unit[];
  const grade = gradeName ? grades.find((g) => g.name === gradeName)! : grades[0]!;
  const classes = (await admin.get(`/api/v1/org/units?parentId=${grade.id}`)).json as Unit[];
  return classes[0]!.id;
}

async function waitForJob(api: Api, jobId: string) {
  for (let i = 0; i < 240; i++) {
    const job = (await api.get(`/api/v1/jobs/${jobId}`)).json as {
      status: string;
      result: Record<string, number> | null;
      errors: unknown;
    };
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`job ${jobId} did not finish`);
}

async function importRoster(api: Api, schoolId: string, rows: string[][]) {
  const res = await api.upload(`/api/v1/roster/imports?schoolId=${schoolId}`, 'roster.csv', rosterCsv(rows));
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  return waitForJob(api, (res.json as { jobId: string }).jobId);
}

describe('a new city, from the setup command to its first school year turned over', () => {
  it('the administrator signs in for the first time: an authenticator, a new password, then a district by form', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('jn.admin');
    await page.getByTestId('login-password').fill(initial['jn.admin']!);
    await page.getByTestId('login-submit').click();

    // The authenticator first (nothing else is reachable before it), then the one-time password goes.
    await page.waitForURL((url) => url.pathname === '/two-factor-setup', { timeout: 20_000 });
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await page.getByTestId('totp-confirm-code').fill(await nextCode(server.url, 'jn.admin', secret));
    await page.getByTestId('totp-confirm').click();
    await page.getByTestId('recovery-done').click();
    rememberSecret(server.url, 'jn.admin', secret);
    await page.getByTestId('current-password').waitFor({ timeout: 20_000 });
    await page.getByTestId('current-password').fill(initial['jn.admin']!);
    await page.getByTestId('new-password').fill(E2E_PASSWORD);
    await page.getByTestId('confirm-password').fill(E2E_PASSWORD);
    await page.getByTestId('change-password-submit').click();

    await page.waitForURL((url) => url.pathname === '/');

    await page.goto(`${server.url}/org`);
    await node(page, CITY).click();
    await page.getByTestId('org-add-child').click();
    await modal(page).waitFor();
    await page.getByTestId('org-unit-name').fill('任城区');
    await page.getByTestId('org-unit-submit').click();
    await modal(page).waitFor({ state: 'hidden' });
    await node(page, '任城区').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('org-detail').innerText()).toContain('任城区学生心理健康指导中心');
    await shot(page, 'new-city-first-district');
    expect(await seriousViolations(page)).toEqual([]);

    // The rest of the tree from one sheet: a second district, three schools of three stages, their first
    // classes and the partner hospital (created by the sheet, and each school's 绿色通道).
    const card = page.getByTestId('org-import');
    await card.locator('input[type=file]').setInputFiles({
      name: '济宁市组织架构.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(ORG_SHEET, 'utf8'),
    });
    await card.getByTestId('org-import-preview').click();
    const preview = card.getByTestId('org-import-preview-table');
    await preview.waitFor({ timeout: 15_000 });
    expect(await preview.innerText()).toContain('兖州区 / 兖州第一中学 / 高一 / 1班');
    await card.getByTestId('org-import-apply').click();
    await card.getByTestId('org-import-applied').waitFor({ timeout: 15_000 });
    await node(page, '兖州区').waitFor({ timeout: 15_000 });
    await shot(page, 'new-city-org-import');
    await context.close();
  });

  it('finds the imported tree, makes the school year; staff are approved along the chain', async () => {
    const admin = await apiSession(server.url, 'jn.admin');
    const roots = (await admin.get('/api/v1/org/units')).json as Unit[];
    const city = roots.find((u) => u.kind === 'city')!;
    // Every unit the form and the sheet made, by name, for the steps below.
    const walk = async (parentId: string): Promise<void> => {
      for (const u of (await admin.get(`/api/v1/org/units?parentId=${parentId}`)).json as Unit[]) {
        units[u.name] = u;
        if (u.kind !== 'class') await walk(u.id);
      }
    };
    await walk(city.id);
    expect(Object.keys(units)).toEqual(
      expect.arrayContaining(['任城区', '兖州区', '任城实验小学', '任城第一初级中学', '兖州第一中学', '1班']),
    );
    const primary = units['任城实验小学']!;
    const junior = units['任城第一初级中学']!;
    const hospitals = (await admin.get('/api/v1/org/hospitals')).json as Array<{ name: string }>;
    expect(hospitals.map((h) => h.name)).toContain('济宁市精神卫生中心');
    const year = await admin.post('/api/v1/org/school-years', {
      code: '2026-2027',
      startsOn: '2026-09-01',
      endsOn: '2027-08-31',
      term1EndsOn: '2027-01-31',
      current: true,
    });
    expect(year.status, JSON.stringify(year.json)).toBe(201);

    // The chain setup starts: the city centre approves the district centre, the district centre the school
    // leaders, each leader the school's psychology teacher.
    expect(await staff(admin, 'rc.centre', '王老师', 'district_staff', units['任城区']!.id)).toBe('pending');
    await firstSignIn(server.url, 'jn.centre', initial['jn.centre']!);
    await approveAll(await apiSession(server.url, 'jn.centre'), ['rc.centre']);
    await staff(admin, 'ps.leader', '赵校长', 'school_leader', primary.id);
    await staff(admin, 'js.leader', '钱校长', 'school_leader', junior.id);
    await firstSignIn(server.url, 'rc.centre', initial['rc.centre']!);
    await approveAll(await apiSession(server.url, 'rc.centre'), ['ps.leader', 'js.leader']);
    await staff(admin, 'ps.psych', '孙老师', 'psych_teacher', primary.id);
    await staff(admin, 'js.psych', '周老师', 'psych_teacher', junior.id);
    await firstSignIn(server.url, 'ps.leader', initial['ps.leader']!);
    await firstSignIn(server.url, 'js.leader', initial['js.leader']!);
    await approveAll(await apiSession(server.url, 'ps.leader'), ['ps.psych']);
    await approveAll(await apiSession(server.url, 'js.leader'), ['js.psych']);
    await firstSignIn(server.url, 'ps.psych', initial['ps.psych']!);
    await firstSignIn(server.url, 'js.psych', initial['js.psych']!);
    const psych = await apiSession(server.url, 'ps.psych');
    expect((await psych.get('/api/v1/students?pageSize=1')).status).toBe(200);
  });

  it('imports the rosters and runs a paper screening in the primary school', async () => {
    // Rosters are the administrator's; the screening is the psychology teacher's.
    const admin = await apiSession(server.url, 'jn.admin');
    const psych = await apiSession(server.url, 'ps.psych');
    const primary = await importRoster(admin, units['任城实验小学']!.id, [
      ['P2020001', '陈小明', '男', '2014-03-02', '六年级', '1班', '否', '', '陈父', '父亲', '13800000001'],
      ['P2020002', '林小红', '女', '2014-05-11', '六年级', '1班', '否', '', '林母', '母亲', '13800000002'],
    ]);
    expect(primary.status, JSON.stringify(primary.errors)).toBe('succeeded');
    expect(primary.result).toMatchObject({ created: 2 });
    const junior = await importRoster(admin, units['任城第一初级中学']!.id, [
      ['J2019001', '吴大伟', '男', '2013-01-20', '七年级', '1班', '是', '', '吴父', '父亲', '13800000003'],
    ]);
    expect(junior.status, JSON.stringify(junior.errors)).toBe('succeeded');

    const now = Date.now();
    const created = await psych.post('/api/v1/campaigns', {
      ownerId: units['任城实验小学']!.id,
      kind: 'universal',
      name: '2026 秋季心理普测',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
      targetIds: [await classOf('任城实验小学')],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const campaignId = (created.json as { id: string }).id;
    const published = await psych.post(`/api/v1/campaigns/${campaignId}/publish`);
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    const students = (await psych.get('/api/v1/students?pageSize=50')).json as {
      items: Array<{ id: string; studentNo: string }>;
    };
    // Under 14: the guardians' paper consent forms come back first.
    for (const s of students.items) {
      const consent = await psych.post(`/api/v1/campaigns/${campaignId}/consents`, {
        studentId: s.id,
        decision: 'granted',
        method: 'paper',
      });
      expect([200, 201, 204], JSON.stringify(consent.json)).toContain(consent.status);
    }
    const classId = await classOf('任城实验小学');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await psych.download(
        `/api/v1/campaigns/${campaignId}/paper-template?classId=${classId}&locale=zh-CN`,
      )) as unknown as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      header.forEach((h, i) => {
        if (/ \d+$/.test(h)) row.getCell(i + 1).value = 0;
      });
    });
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const upload = await psych.upload(
      `/api/v1/campaigns/${campaignId}/paper-import?classId=${classId}`,
      'answers.xlsx',
      filled,
    );
    expect(upload.status, JSON.stringify(upload.json)).toBe(202);
    const job = await waitForJob(psych, (upload.json as { jobId: string }).jobId);
    expect(job.status, JSON.stringify(job.errors)).toBe('succeeded');
    expect(job.result).toMatchObject({ applied: 2 });
  });

  it('turns the year over: the new year made current, the city previewed and rolled, the sixth grade graduated', async () => {
    const admin = await apiSession(server.url, 'jn.admin');
    const next = await admin.post('/api/v1/org/school-years', {
      code: '2027-2028',
      startsOn: '2027-09-01',
      endsOn: '2028-08-31',
      term1EndsOn: '2028-01-31',
    });
    expect(next.status, JSON.stringify(next.json)).toBe(201);

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'jn.admin', E2E_PASSWORD);
    await page.goto(`${server.url}/org/school-years`);
    const row = page.getByTestId('school-year-table').locator('tr').filter({ hasText: '2027-2028' });
    await row.getByRole('button', { name: '设为当前学年' }).click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => row.innerText()).toContain('当前学年');
    const card = page.getByTestId('rollover-card');
    await expect.poll(() => card.getByTestId('rollover-scope').innerText()).toContain(CITY);
    await card.getByTestId('rollover-preview').click();
    await expect.poll(() => card.getByTestId('rollover-summary').innerText()).toContain('2027-2028 学年');
    const summary = await card.getByTestId('rollover-summary').innerText();
    expect(summary).toMatch(/1 名学生升级/);
    expect(summary).toMatch(/2 名学生毕业/);
    await card.getByTestId('rollover-start').click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect
      .poll(() => card.getByTestId('rollover-summary').innerText(), { timeout: 60_000 })
      .toContain('无需升级');
    await shot(page, 'new-city-rollover');
    await context.close();
  });

  it("the primary graduate's junior school imports her: a hand-over request, the summary signed, accepted, read by the new psychology teacher only", async () => {
    const admin = await apiSession(server.url, 'jn.admin');
    // The junior school's roster names the graduate: the import raises the hand-over request instead of refusing.
    const imported = await importRoster(admin, units['任城第一初级中学']!.id, [
      ['P2020001', '陈小明', '男', '2014-03-02', '七年级', '1班', '否', '', '陈父', '父亲', '13800000001'],
    ]);
    expect(imported.status, JSON.stringify(imported.errors)).toBe('succeeded');
    expect(imported.result).toMatchObject({ transfersRequested: 1 });

    const sender = await apiSession(server.url, 'ps.psych');
    const outgoing = (await sender.get('/api/v1/transfers')).json as {
      items: Array<{ id: string; status: string; kind: string; direction?: string }>;
    };
    const request = outgoing.items.find((t) => t.status === 'requested')!;
    expect(request.kind).toBe('graduation');
    const attention = '新环境适应期请多关注，按时参加心理课。';
    const signed = await sender.put(`/api/v1/transfers/${request.id}/handover`, {
      tier: 1,
      followUpNeeds: '无需专门随访。',
      attention,
      sign: true,
    });
    expect(signed.status, JSON.stringify(signed.json)).toBe(200);

    // The junior school's psychology teacher accepts into 七年级1班 in the browser and reads the summary there.
    const context = await newContext(browser);
    const r = await context.newPage();
    await signIn(r, server.url, 'js.psych', E2E_PASSWORD);
    await r.goto(`${server.url}/transfers`);
    const incoming = r.getByTestId('transfers-incoming');
    await incoming.getByTestId('accept-transfer').first().waitFor({ timeout: 30_000 });
    await incoming.getByTestId('accept-transfer').first().click();
    await r.getByTestId('accept-class').click();
    await r.locator('.ant-select-item-option').first().click();
    await r.locator('#confirm-accept').click();
    await expect.poll(() => incoming.innerText()).toContain('已接收');
    await incoming.getByTestId('read-summary').first().click();
    await r.getByTestId('summary-attention-text').waitFor();
    expect(await r.getByTestId('summary-attention-text').innerText()).toBe(attention);
    await shot(r, 'new-city-handover-summary');
    await context.close();

    // Only the two schools' psychology teachers ever read it: not the leaders, not the district centre.
    for (const username of ['js.leader', 'ps.leader', 'rc.centre']) {
      const other = await apiSession(server.url, username);
      expect([403, 404], username).toContain((await other.get(`/api/v1/transfers/${request.id}/handover`)).status);
    }
    const receiver = await apiSession(server.url, 'js.psych');
    const students = (await receiver.get('/api/v1/students?pageSize=50')).json as {
      items: Array<{ id: string; studentNo: string }>;
    };
    const graduate = students.items.find((x) => x.studentNo === 'P2020001')!;
    const archive = (await receiver.get(`/api/v1/students/${graduate.id}/archive`)).json as {
      sections: { handover: { items: Array<{ attention: string }> } };
    };
    expect(archive.sections.handover.items.map((h) => h.attention)).toEqual([attention]);
    expect((await sender.get(`/api/v1/students/${graduate.id}/archive`)).status).toBe(404);
  });
});
