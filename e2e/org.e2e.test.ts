import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, pickOption, shot, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Issue 14: a city's administrator builds its org tree in the browser — a district, a school of a stage,
// a grade and a class — renames and deactivates a unit, and keeps partner hospitals and school years.
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const modal = (page: Page) => page.locator('.ant-modal:visible');
const node = (page: Page, name: string) =>
  page.getByTestId('org-tree').getByTestId('org-node').filter({ hasText: name });

/** Adds a unit inside the selected one through the modal; the new unit is then the selected one. */
async function addChild(page: Page, name: string, choose?: string) {
  await page.getByTestId('org-add-child').click();
  await modal(page).waitFor();
  if (choose) {
    await modal(page).locator('.ant-select').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: choose }).click();
  }
  await page.getByTestId('org-unit-name').fill(name);
  await page.getByTestId('org-unit-submit').click();
  await modal(page).waitFor({ state: 'hidden' });
  await node(page, name).waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId('org-detail').innerText()).toContain(name);
}

describe('building the org tree', () => {
  it('adds a district, a junior school, a grade and a class, renames and deactivates one', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', E2E_PASSWORD);
    await page.goto(`${server.url}/org`);
    await page.getByTestId('org-tree').waitFor({ timeout: 30_000 });

    await node(page, '育心示范市').click();
    await page.getByTestId('org-add-child').waitFor();
    await addChild(page, '高新区');
    expect(await page.getByTestId('org-detail').innerText()).toContain('高新区学生心理健康指导中心');
    await addChild(page, '高新区实验初级中学', '初中');
    expect(await page.getByTestId('org-detail').innerText()).toContain('初中');

    // A grade's name comes from its level; a junior school offers 七年级–九年级 only.
    await page.getByTestId('org-add-child').click();
    await modal(page).waitFor();
    await modal(page).locator('.ant-select').first().click();
    await expect
      .poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts())
      .toEqual(['七年级', '八年级', '九年级']);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '七年级' }).click();
    expect(await page.getByTestId('org-unit-name').inputValue()).toBe('七年级');
    await page.getByTestId('org-unit-submit').click();
    await modal(page).waitFor({ state: 'hidden' });
    await node(page, '七年级').waitFor();

    await addChild(page, '1班');
    // A second class of the same name is refused on the name field, in the page's language.
    await page.getByTestId('org-tree').getByTestId('org-node').filter({ hasText: '七年级' }).click();
    await page.getByTestId('org-add-child').click();
    await modal(page).waitFor();
    await page.getByTestId('org-unit-name').fill('1班');
    await page.getByTestId('org-unit-submit').click();
    await expect
      .poll(() => modal(page).locator('.ant-form-item-explain-error').allInnerTexts())
      .toEqual([expect.stringContaining('已有名为“1班”的单位')]);
    await page.getByTestId('org-unit-name').fill('2班');
    await page.getByTestId('org-unit-submit').click();
    await modal(page).waitFor({ state: 'hidden' });
    await node(page, '2班').waitFor();

    // Rename the new class, then deactivate it: it stays in the tree, marked.
    await page.getByTestId('org-edit').click();
    await modal(page).waitFor();
    await page.getByTestId('org-unit-name').fill('2班（实验）');
    await page.getByTestId('org-unit-submit').click();
    await modal(page).waitFor({ state: 'hidden' });
    await node(page, '2班（实验）').waitFor();
    await page.getByTestId('org-deactivate').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await node(page, '2班（实验）').getByTestId('org-node-inactive').waitFor({ timeout: 15_000 });
    await page.getByTestId('org-reactivate').waitFor();

    await shot(page, 'org-built');
    expect(await seriousViolations(page)).toEqual([]);

    // The server holds what the page showed: the class sits under the grade, school and district.
    const api = await apiSession(server.url, 'admin');
    const units = async (parentId?: string) =>
      (await api.get(`/api/v1/org/units${parentId ? `?parentId=${parentId}` : ''}`)).json as Array<{
        id: string;
        name: string;
        stage: string | null;
        active: boolean;
      }>;
    const [city] = await units();
    const district = (await units(city!.id)).find((d) => d.name === '高新区')!;
    const [school] = await units(district.id);
    const [grade] = await units(school!.id);
    expect((await units(grade!.id)).map((c) => [c.name, c.active])).toEqual([
      ['1班', true],
      ['2班（实验）', false],
    ]);
    expect(school!.stage).toBe('junior');
    await context.close();
  });

  it('keeps partner hospitals and school years on their own pages', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', E2E_PASSWORD);

    await page.goto(`${server.url}/org/hospitals`);
    await page.getByTestId('hospital-table').waitFor({ timeout: 30_000 });
    await page.getByTestId('hospital-add').click();
    await modal(page).waitFor();
    await page.getByTestId('hospital-name').fill('高新区人民医院');
    await page.getByTestId('hospital-submit').click();
    await modal(page).waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('hospital-table').innerText()).toContain('高新区人民医院');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${server.url}/org/school-years`);
    await page.getByTestId('school-year-table').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('school-year-table').innerText()).toContain('2026-2027');
    await page.getByTestId('school-year-add').click();
    await modal(page).waitFor();
    // The form proposes the year after the newest one.
    expect(await page.getByTestId('school-year-code').inputValue()).toBe('2027-2028');
    await page.getByTestId('school-year-submit').click();
    await modal(page).waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('school-year-table').innerText()).toContain('2027-2028');
    await shot(page, 'org-school-years');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('makes the new school year current and rolls the city over: preview, run, and nothing left to do', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', E2E_PASSWORD);
    await page.goto(`${server.url}/org/school-years`);
    const row = page.getByTestId('school-year-table').locator('tr').filter({ hasText: '2027-2028' });
    await row.getByRole('button', { name: '设为当前学年' }).click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => row.innerText()).toContain('当前学年');

    const card = page.getByTestId('rollover-card');
    await expect.poll(() => card.getByTestId('rollover-scope').innerText()).toContain('育心示范市');
    await card.getByTestId('rollover-preview').click();
    await expect.poll(() => card.getByTestId('rollover-summary').innerText()).toContain('2027-2028 学年');
    const summary = await card.getByTestId('rollover-summary').innerText();
    expect(summary).toMatch(/[1-9]\d* 名学生升级/);
    expect(summary).toMatch(/[1-9]\d* 名学生毕业/);
    expect(await card.getByTestId('rollover-table').innerText()).toContain('东城第一初级中学');
    await shot(page, 'org-rollover-preview');
    expect(await seriousViolations(page)).toEqual([]);

    await card.getByTestId('rollover-start').click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect
      .poll(() => card.getByTestId('rollover-summary').innerText(), { timeout: 60_000 })
      .toContain('无需升级');
    await context.close();
  });

  it('records a part-time psychology teacher as full-time, and the staffing indicator counts her', async () => {
    const leader = await apiSession(server.url, 'leader03');
    const [school] = (await leader.get('/api/v1/org/units')).json as Array<{ id: string; kind: string }>;
    const fullTime = async () =>
      (
        (await leader.get(`/api/v1/supervision/schools/${school!.id}`)).json as {
          figures: { fullTimePsychTeachers: number };
        }
      ).figures.fullTimePsychTeachers;
    const before = await fullTime();

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', E2E_PASSWORD);
    await page.goto(`${server.url}/staff?q=psych03-2`);
    const row = page.getByTestId('staff-table').locator('tr').filter({ hasText: 'psych03-2' });
    await expect.poll(() => row.getByTestId('staff-registry').innerText()).toContain('兼职');
    await row.getByTestId('staff-registry-edit').click();
    await pickOption(page, modal(page).getByTestId('staff-full-time'), '专职');
    await pickOption(page, modal(page).getByTestId('staff-certificate-level'), 'B 级');
    await page.getByTestId('staff-registry-submit').click();
    await modal(page).waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('staff-registry').innerText()).toBe('专职 · B 级');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
    expect(await fullTime()).toBe(before + 1);
  });

  it('keeps a teacher’s training and supervision hours on the staff page, and imports the registry from a sheet', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', E2E_PASSWORD);
    await page.goto(`${server.url}/staff?q=psych03-2`);
    const row = page.getByTestId('staff-table').locator('tr').filter({ hasText: 'psych03-2' });
    await row.getByTestId('staff-registry-edit').click();
    // Wherever the number box puts its test id, on the input or around it.
    const numberBox = (id: string) =>
      modal(page).locator(`input[data-testid=${id}], [data-testid=${id}] input`).first();
    await numberBox('staff-training-hours').fill('40');
    await numberBox('staff-supervision-hours').fill('10');
    await page.getByTestId('staff-registry-submit').click();
    await modal(page).waitFor({ state: 'hidden' });
    await expect
      .poll(() => row.getByTestId('staff-registry').innerText())
      .toBe('专职 · B 级 · 培训 40 小时 · 督导 10 小时');

    // The sheet changes registry fields of existing accounts only; a username nobody has is that row's error.
    const card = page.getByTestId('registry-import');
    const upload = (text: string) =>
      card.locator('input[type=file]').setInputFiles({
        name: 'registry.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(text, 'utf8'),
      });
    await upload('用户名,证书等级,培训学时\r\npsych03-2,C,\r\nno-such-teacher,A,\r\n');
    await card.getByTestId('registry-import-preview').click();
    await card.getByTestId('registry-import-errors').waitFor({ timeout: 15_000 });
    expect(await card.getByTestId('registry-import-errors').innerText()).toContain('no-such-teacher');
    expect(await card.getByTestId('registry-import-apply').isDisabled()).toBe(true);

    await upload('用户名,证书等级,培训学时\r\npsych03-2,C,52\r\n');
    await card.getByTestId('registry-import-preview').click();
    const table = card.getByTestId('registry-import-preview-table');
    await table.waitFor({ timeout: 15_000 });
    expect(await table.innerText()).toContain('证书等级、培训学时');
    expect(await seriousViolations(page)).toEqual([]);
    await card.getByTestId('registry-import-apply').click();
    await card.getByTestId('registry-import-applied').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => row.getByTestId('staff-registry').innerText())
      .toBe('专职 · C 级 · 培训 52 小时 · 督导 10 小时');
    await context.close();
  });
});
