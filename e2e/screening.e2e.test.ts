import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, PHONE, shot, signIn } from './support/browser.js';
import { deviceDrafts } from './support/drafts.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// One story, in order: a student answers on a phone, the school's psychology teacher handles the crisis
// alert and reviews the tier, the head teacher sees only the confirmed tier, another school sees nothing.
let server: RunningServer;
let browser: Browser;
let studentName = '';
let studentUsername = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const student = server.accounts.find((a) => a.role === 'student')!;
  studentUsername = student.username;
  studentName = student.scope.split(' · ')[0]!;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A full-page screenshot from the top (sticky headers otherwise land mid-page). */
async function snap(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150);
  await shot(page, name);
}

const progress = (page: Page) => page.getByTestId('screening-progress').innerText();
const itemText = (page: Page) => page.getByTestId('item-text').innerText();

/** Waits until the draft the page is about to save has reached the server. */
async function savedAfter(page: Page, action: () => Promise<void>) {
  const saved = page.waitForResponse((r) => r.url().includes('/draft') && r.request().method() === 'PUT' && r.ok(), {
    timeout: 15_000,
  });
  await action();
  await saved;
  await expect.poll(() => page.getByTestId('autosave-status').getAttribute('data-status')).toBe('saved');
}

/** Picks `code` on the current question and moves on. */
async function answer(page: Page, code: number) {
  const before = await progress(page);
  await page.getByTestId(`option-${code}`).click();
  await expect.poll(() => page.getByTestId(`option-${code}`).getAttribute('aria-checked')).toBe('true');
  await page.getByTestId('screening-next').click();
  await expect.poll(() => progress(page)).not.toBe(before);
}

const FORBIDDEN_ON_RECEIPT = [
  '分',
  '抑郁',
  '焦虑',
  '风险',
  'score',
  'band',
  'tier',
  'depression',
  'anxiety',
  'risk',
  'PHQ',
  'GAD',
  'ASQ',
];

describe('screening, from the student’s phone to the head teacher', () => {
  it('a student answers on a phone, resumes after a reload, and gets a neutral receipt', async () => {
    const context = await newContext(browser, { device: PHONE });
    const page = await context.newPage();
    await signIn(page, server.url, studentUsername, E2E_PASSWORD);

    // The menu offers the questionnaires; the list shows the open campaign.
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-my-screenings').click();
    await page.getByTestId('screening-card').first().waitFor();
    await snap(page, 'screening-student-list');
    await page.getByTestId('screening-open').first().click();

    // The notice comes first: voluntary, with a way to say no.
    await page.getByTestId('screening-start').waitFor();
    await expect.poll(() => page.getByTestId('screening-decline').isVisible()).toBe(true);
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await snap(page, 'screening-student-notice');
    expect(await seriousViolations(page)).toEqual([]);
    const questionnaireUrl = page.url();

    await page.getByTestId('screening-start').click();
    await page.getByTestId('item-text').waitFor();
    expect(await progress(page)).toMatch(/^第 1 \/ \d+ 题$/);
    const total = Number((await progress(page)).match(/\/ (\d+)/)![1]);
    expect(total).toBeGreaterThanOrEqual(20);

    // Options are a radio group of large buttons.
    const group = page.getByRole('radiogroup');
    expect(await group.getAttribute('aria-labelledby')).toBeTruthy();
    const box = await page.getByTestId('option-0').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    expect(box!.width).toBeGreaterThanOrEqual(280);
    expect(await seriousViolations(page)).toEqual([]);
    await snap(page, 'screening-student-item');

    // PHQ-A items 1–5, then move to item 6 and let the autosave reach the server.
    for (const code of [1, 0, 1, 2, 1]) await answer(page, code);
    await savedAfter(page, async () => {
      await page.getByTestId('option-1').click();
    });
    expect(await progress(page)).toBe(`第 6 / ${total} 题`);
    const sixth = await itemText(page);

    // Offline for a moment: the answer is kept on the phone and sent once the network is back.
    await context.setOffline(true);
    await page.getByTestId('option-2').click();
    await expect
      .poll(() => page.getByTestId('autosave-status').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('local');
    expect(await deviceDrafts(page)).toHaveLength(1);
    await context.setOffline(false);
    await expect
      .poll(() => page.getByTestId('autosave-status').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('saved');

    // Reload mid-way: back at item 6 with its answer, and the earlier answers kept.
    await page.reload();
    await page.getByTestId('item-text').waitFor();
    expect(page.url()).toBe(questionnaireUrl);
    expect(await progress(page)).toBe(`第 6 / ${total} 题`);
    expect(await itemText(page)).toBe(sixth);
    expect(await page.getByTestId('option-2').getAttribute('aria-checked')).toBe('true');
    await snap(page, 'screening-student-resumed');
    await page.getByTestId('screening-prev').click();
    await expect.poll(() => progress(page)).toBe(`第 5 / ${total} 题`);
    expect(await page.getByTestId('option-1').getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('screening-next').click();
    await expect.poll(() => progress(page)).toBe(`第 6 / ${total} 题`);
    await page.getByTestId('screening-next').click();

    // Items 7–8, then item 9 is required: "next" without an answer stays put.
    await answer(page, 1);
    await answer(page, 0);
    expect(await progress(page)).toBe(`第 9 / ${total} 题`);
    await page.getByTestId('screening-next').click();
    await page.getByRole('alert').waitFor();
    expect(await progress(page)).toBe(`第 9 / ${total} 题`);
    await answer(page, 2);

    // GAD-7.
    for (const code of [1, 1, 0, 1, 0, 1, 0]) await answer(page, code);

    // ASQ 1–4 all "no": question 5 is not asked, so the fourth is the last and the total shrinks by one.
    for (const code of [0, 0, 0]) await answer(page, code);
    await page.getByTestId('option-0').click();
    await expect.poll(() => page.getByTestId('screening-submit').count()).toBe(1);
    expect(await page.getByTestId('screening-next').count()).toBe(0);
    expect(await progress(page)).toBe(`第 ${total - 1} / ${total - 1} 题`);

    // Submit: the receipt shows only after the server acknowledged.
    const submitted = page.waitForResponse((r) => r.url().endsWith('/submit') && r.request().method() === 'POST');
    await page.getByTestId('screening-submit').click();
    const response = await submitted;
    expect(response.status()).toBe(200);
    await page.getByTestId('receipt').waitFor();
    const receiptText = await page.locator('body').innerText();
    for (const word of FORBIDDEN_ON_RECEIPT) expect(receiptText, `receipt must not say "${word}"`).not.toContain(word);
    const lines = page.getByTestId('help-line');
    expect(await lines.count()).toBeGreaterThan(0);
    expect(await lines.first().getAttribute('href')).toMatch(/^tel:\d+$/);
    expect(await deviceDrafts(page)).toEqual([]);
    await snap(page, 'screening-student-receipt');
    expect(await seriousViolations(page)).toEqual([]);

    // Back on the list the questionnaire is done; opening it again asks nothing.
    await page.goto(questionnaireUrl);
    await page.getByTestId('screening-blocked').waitFor();
    // Switching to English rewrites the server's sentence too, not only the page's own words.
    expect(await page.getByTestId('screening-blocked').innerText()).toContain('谢谢');
    await page.getByTestId('lang-switch').click();
    await expect
      .poll(() => page.getByTestId('screening-blocked').innerText())
      .toContain('You have completed this questionnaire');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await context.close();
  });

  it('the school’s psychology teacher sees the crisis alert with its explanation, acknowledges it and confirms tier 3', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'psych03', E2E_PASSWORD);

    await page.getByTestId('nav-alerts').click();
    const row = page.getByTestId('alert-row').filter({ hasText: studentName });
    await row.first().waitFor();
    const rowText = await row.first().innerText();
    expect(rowText).toContain('危机');
    expect(rowText).toMatch(/PHQ-A/);
    expect(rowText).toMatch(/第 ?9 ?题/);
    await snap(page, 'screening-alerts');
    await row.first().getByTestId('alert-ack').click();
    await expect.poll(() => row.first().getAttribute('data-status')).toBe('acknowledged');
    expect(await row.first().getByTestId('alert-ack').count()).toBe(0);

    // Results: the student's row with PHQ-A flagged; the response item by item.
    await page.getByTestId('nav-screening-results').click();
    const result = page.getByTestId('result-row').filter({ hasText: studentName });
    await result.first().waitFor();
    await snap(page, 'screening-results');
    await result.first().getByRole('link', { name: /PHQ-A/ }).click();
    await page.getByTestId('response-explanations').waitFor();
    expect(await page.getByTestId('response-explanations').innerText()).toMatch(/9/);
    await page.waitForLoadState('networkidle');
    await snap(page, 'screening-response');

    // Review: tier 3 with a talk record.
    await page.getByTestId('nav-tier-review').click();
    const review = page.getByTestId('review-row').filter({ hasText: studentName });
    await review.first().waitFor();
    await snap(page, 'screening-review-queue');
    await review.first().getByTestId('review-open').click();
    await page.getByTestId('review-tier-3').click();
    await page.getByTestId('review-reason').fill('PHQ-A 第 9 题阳性，谈话中学生承认近期有消极想法');
    await page
      .getByTestId('review-talk')
      .fill('今天课间在心理辅导室与学生面谈约 30 分钟，学生情绪低落，已联系家长并约定明日复谈。');
    await snap(page, 'screening-review-form');
    await page.getByTestId('review-submit').click();
    await expect
      .poll(() => page.getByTestId('review-row').filter({ hasText: studentName }).count(), { timeout: 10_000 })
      .toBe(0);
    await page.goto(`${server.url}/tiers/review?status=confirmed`);
    const confirmed = page.getByTestId('review-row').filter({ hasText: studentName });
    await confirmed.first().waitFor();
    expect(await confirmed.first().getByTestId('review-confirmed-tier').innerText()).toContain('3');

    // Campaigns: the demo campaign's completion by class.
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('campaign-row').first().waitFor();
    await snap(page, 'screening-campaigns');
    await page.getByTestId('campaign-row').filter({ hasText: '心理普测' }).first().click();
    await page.getByTestId('completion-chart').waitFor();
    await page.waitForLoadState('networkidle');
    await page.getByTestId('completion-row').filter({ hasText: '八年级1班' }).getByTestId('completion-open').click();
    await page.getByText('八年级1班 未完成名单').waitFor();
    await page.waitForLoadState('networkidle');
    await snap(page, 'screening-campaign-completion');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('the head teacher sees tier 3 and the next step, and no answers or scores', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'head03-8-1', E2E_PASSWORD);
    await page.getByTestId('nav-class-tiers').click();
    const row = page.getByTestId('class-tier-row').filter({ hasText: studentName });
    await row.first().waitFor();
    const text = await row.first().innerText();
    expect(text).toContain('3级');
    expect(text).toContain('心理教师已介入');
    await page.waitForLoadState('networkidle');
    const body = await page.locator('body').innerText();
    for (const word of [
      'PHQ',
      'GAD',
      'ASQ',
      '总分',
      '得分',
      '一半以上的天数',
      '好几天',
      '阳性',
      '谈话记录',
      '学生情绪低落',
    ])
      expect(body, `head teacher must not see "${word}"`).not.toContain(word);
    expect(await page.getByTestId('nav-alerts').count()).toBe(0);
    expect(await page.getByTestId('nav-screening-results').count()).toBe(0);
    await snap(page, 'screening-class-tiers');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('a psychology teacher of another school sees no alert and no result for that student', async () => {
    const own = await apiSession(server.url, 'psych03');
    const results = await own.get('/api/v1/screening/results?pageSize=200');
    const mine = (
      results.json.items as Array<{
        studentId: string;
        studentName: string;
        instruments: Array<{ responseId: string }>;
      }>
    ).find((r) => r.studentName === studentName)!;
    expect(mine).toBeTruthy();
    const alerts = await own.get('/api/v1/alerts?status=acknowledged&pageSize=200');
    const alert = (alerts.json.items as Array<{ id: string; studentId: string }>).find(
      (a) => a.studentId === mine.studentId,
    )!;
    expect(alert).toBeTruthy();

    const other = await apiSession(server.url, 'psych07');
    for (const status of ['open', 'acknowledged', 'closed']) {
      const list = await other.get(`/api/v1/alerts?status=${status}&pageSize=200`);
      expect(list.status).toBe(200);
      expect((list.json.items as Array<{ studentId: string }>).some((a) => a.studentId === mine.studentId)).toBe(false);
    }
    const theirs = await other.get('/api/v1/screening/results?pageSize=200');
    expect(theirs.status).toBe(200);
    expect((theirs.json.items as Array<{ studentId: string }>).some((r) => r.studentId === mine.studentId)).toBe(false);
    expect((await other.get(`/api/v1/responses/${mine.instruments[0]!.responseId}`)).status).toBe(404);
    expect((await other.get(`/api/v1/alerts/${alert.id}`)).status).toBe(404);
    expect((await other.get(`/api/v1/students/${mine.studentId}/tier`)).status).toBe(404);
    const queue = await other.get('/api/v1/tier-assessments?status=confirmed&pageSize=200');
    expect((queue.json.items as Array<{ studentId: string }>).some((r) => r.studentId === mine.studentId)).toBe(false);

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'psych07', E2E_PASSWORD);
    await page.goto(`${server.url}/alerts?status=all`);
    await page.waitForLoadState('networkidle');
    await expect
      .poll(
        async () => (await page.getByTestId('alert-row').count()) + (await page.getByTestId('alerts-empty').count()),
      )
      .toBeGreaterThan(0);
    expect(await page.locator('body').innerText()).not.toContain(studentName);
    await page.goto(`${server.url}/screening/results`);
    await page.getByTestId('results-table').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('body').innerText()).not.toContain(studentName);
    await page.goto(`${server.url}/screening/results/${mine.instruments[0]!.responseId}`);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('body').innerText()).toContain('找不到该答卷');
    expect(await page.locator('body').innerText()).not.toContain(studentName);
    await context.close();
  });
});
