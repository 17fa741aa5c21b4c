import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, pickOption, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Issue 15, the activity ledger (活动台账): a head teacher records a theme class meeting of their class, the
// psychology teacher a lecture for the school, and the supervision page counts both for the term, with
// Jining's standard (≥1 lecture, ≥4 group sessions) shown met and not met. An entry is corrected in the same form.
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

async function record(page: Page, title: string) {
  const form = page.getByTestId('activities-form');
  await form.getByTestId('activities-title').fill(title);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/activities') && r.request().method() === 'POST'),
    page.getByTestId('activities-save').click(),
  ]);
  expect(res.status()).toBe(201);
  await page.getByTestId('activities-table').getByText(title).waitFor();
}

describe('the activity ledger', () => {
  it('a head teacher records a class meeting, the psychology teacher a lecture; supervision counts them', async () => {
    const errors: string[] = [];
    const admin = await apiSession(server.url, 'admin');
    expect((await admin.put('/api/v1/supervision/standards', { preset: 'jining' })).status).toBe(200);

    const head = server.accounts.find((a) => a.role === 'head_teacher')!;
    const headCtx = await newContext(browser);
    const page = await headCtx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, head.username, E2E_PASSWORD);
    await page.getByTestId('nav-activities').click();
    await page.getByRole('heading', { name: '活动台账', level: 1 }).waitFor();
    // A head teacher is offered the theme class meeting only, in their own class.
    await page.getByTestId('activities-class').getByText(/班/).waitFor();
    expect(await page.getByTestId('activities-kind').innerText()).toContain('主题班会');
    await record(page, '学会情绪调节');
    expect(await page.getByTestId('activities-count-class_meeting').innerText()).toBe('1');
    // Corrected in the same form, prefilled; the ledger shows the new title and still counts one.
    await page
      .getByTestId('activities-table')
      .locator('tr', { hasText: '学会情绪调节' })
      .locator('[data-testid^="activities-edit-"]')
      .click();
    const title = page.getByTestId('activities-form').getByTestId('activities-title');
    expect(await title.inputValue()).toBe('学会情绪调节');
    await title.fill('学会情绪调节与表达');
    const [patched] = await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/activities\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH'),
      page.getByTestId('activities-save').click(),
    ]);
    expect(patched.status()).toBe(200);
    await page.getByTestId('activities-table').getByText('学会情绪调节与表达').waitFor();
    expect(await page.getByTestId('activities-count-class_meeting').innerText()).toBe('1');
    expect(await seriousViolations(page)).toEqual([]);

    const psychCtx = await newContext(browser);
    const psych = await psychCtx.newPage();
    psych.on('pageerror', (e) => errors.push(e.message));
    await signIn(psych, server.url, 'psych03', E2E_PASSWORD);
    await psych.goto(`${server.url}/activities`);
    await psych.getByTestId('activities-school').getByText('东城第一初级中学').waitFor();
    await pickOption(psych, psych.getByTestId('activities-kind'), '心理讲座');
    await record(psych, '青春期心理健康讲座');
    // The school's ledger: the head teacher's class meeting beside the lecture.
    await psych.getByTestId('activities-table').getByText('学会情绪调节与表达').waitFor();
    expect(await psych.getByTestId('activities-count-lecture').innerText()).toBe('1');

    await psych.getByTestId('nav-supervision').click();
    const indicators = psych.getByTestId('supervision-indicators');
    await indicators.waitFor({ timeout: 30_000 });
    expect(await psych.getByTestId('supervision-activity-class_meeting').innerText()).toBe('1');
    expect(await psych.getByTestId('supervision-activity-lecture').innerText()).toBe('1');
    const lectures = indicators.locator('tr', { hasText: '心理讲座（每学期）' });
    const sessions = indicators.locator('tr', { hasText: '团体辅导（每学期）' });
    expect(await lectures.innerText()).toMatch(/1\s+1\s+达标/);
    expect(await sessions.innerText()).toContain('未达标');
    expect(await seriousViolations(psych)).toEqual([]);

    expect(errors).toEqual([]);
    await Promise.all([headCtx.close(), psychCtx.close()]);
  });
});
