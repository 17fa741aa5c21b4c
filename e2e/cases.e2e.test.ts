import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// 一案一清 in the browser: a head teacher's report becomes an alert, the psychology teacher opens a case
// from it and records the assessment; the hospital sees nothing unconsented; the district sees numbers only.
let server: RunningServer;
let browser: Browser;
let studentName = '';
const INTERVIEW = '访谈：近两周失眠，情绪低落，有轻生念头但无计划。';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const head = server.accounts.find((a) => a.role === 'head_teacher')!;
  const api = await apiSession(server.url, head.username);
  const subjects = await api.get('/api/v1/observations/subjects');
  const student = subjects.json.items[0] as { id: string; name: string };
  studentName = student.name;
  const filed = await api.post('/api/v1/observations', {
    clientId: randomUUID(),
    studentId: student.id,
    signs: ['mood_change'],
    seenAt: new Date().toISOString(),
    urgency: 'high',
    text: '最近上课经常走神。',
  });
  expect(filed.status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function modalOk(page: Page) {
  await page.locator('.ant-modal-footer .ant-btn-primary').click();
}

describe('a case in the browser', () => {
  it('the psychology teacher opens a case from the alert and records the assessment', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'psych03', E2E_PASSWORD);
    await page.goto(`${server.url}/cases`);
    await page.getByTestId('case-open').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('case-open').click();
    await page.locator('.ant-modal .ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: studentName }).first().click();
    await page.keyboard.press('Escape');
    await modalOk(page);
    await page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByTestId('case-step-start_assessment').click();
    await page.getByTestId('case-step-assessment').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('case-step-assessment').click();
    await page.locator('.ant-modal').getByText('高', { exact: true }).click();
    await page.locator('.ant-modal').getByText('自杀意念', { exact: true }).click();
    await page.locator('.ant-modal').getByLabel('访谈记录').fill(INTERVIEW);
    await modalOk(page);
    await expect.poll(async () => page.getByTestId('case-timeline').innerText()).toContain(INTERVIEW);
    const timeline = await page.getByTestId('case-timeline').innerText();
    expect(timeline).toContain('建案');
    expect(timeline).toContain('完成评估');
    expect(await page.locator('main').innerText()).toContain('测评轨迹');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'cases-case-page');
    await context.close();
  });

  it('the hospital doctor sees no unconsented referral, the district sees counts without names', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'doctor', E2E_PASSWORD);
    await page.goto(`${server.url}/referrals`);
    await expect.poll(async () => page.locator('main').innerText()).toContain('暂无转介');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();

    const district = await newContext(browser);
    const dpage = await district.newPage();
    await signIn(dpage, server.url, 'district01', E2E_PASSWORD);
    await dpage.goto(`${server.url}/case-stats`);
    await expect.poll(async () => dpage.locator('main').innerText()).toContain('评估中');
    const text = await dpage.locator('main').innerText();
    expect(text).not.toContain(studentName);
    expect(await seriousViolations(dpage)).toEqual([]);
    await shot(dpage, 'cases-district-counts');
    await district.close();
  });
});
