import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { guardPage } from './support/page-guard.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// 心理信箱 (issue 15): a student on a 390 px phone writes a named letter → the school's psychology teacher
// answers it and marks it at risk → the student's alert exists → the student reads the answer.
let server: RunningServer;
let browser: Browser;

const PHONE_390 = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const LETTER = '老师您好，最近总是失眠，上课也集中不了注意力，有时觉得很绝望。';
const ANSWER = '谢谢你愿意写信给我。明天中午 12 点来心理辅导室找我好吗？';
const REASON = '来信提到绝望感，需尽快当面评估。';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the mailbox in the browser', () => {
  it('a named letter on the phone is answered, marked at risk into an alert, and the answer read', async () => {
    const student = server.accounts.find((a) => a.role === 'student')!;

    // The student writes on a 390 px phone; anonymity is explained before they choose.
    const phone = await newContext(browser, { device: PHONE_390 });
    const page = await phone.newPage();
    const guard = guardPage(page);
    await signIn(page, server.url, student.username, E2E_PASSWORD);
    await page.goto(`${server.url}/my/mailbox`);
    await page.getByTestId('mailbox-text').waitFor();
    await expect.poll(() => page.getByTestId('help-line').count()).toBeGreaterThan(0);
    await page.getByTestId('mailbox-how').getByRole('radio', { name: '匿名' }).click();
    expect(await page.getByTestId('mailbox-how-explain').innerText()).toContain('看不到你是谁');
    await page.getByTestId('mailbox-how').getByRole('radio', { name: '署名' }).click();
    expect(await page.getByTestId('mailbox-how-explain').innerText()).toContain('姓名和班级');
    await page.getByTestId('mailbox-text').fill(LETTER);
    await page.getByTestId('mailbox-send').click();
    const letter = page.getByTestId('mailbox-letter').first();
    await expect.poll(() => letter.innerText()).toContain('等待回信');
    expect(await letter.innerText()).toContain(LETTER.slice(0, 10));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await guard.check('the student mailbox page');
    await shot(page, 'mailbox-student-phone');
    const studentName = (await page.evaluate(async () => (await fetch('/api/v1/session')).json())).user
      .displayName as string;

    // The school's psychology teacher answers and marks the letter at risk.
    const desk = await newContext(browser);
    const t = await desk.newPage();
    await signIn(t, server.url, 'psych03', E2E_PASSWORD);
    await t.goto(`${server.url}/mailbox`);
    const item = t.getByTestId('mailbox-queue-item').filter({ hasText: studentName }).first();
    await item.waitFor();
    expect(await item.innerText()).toContain('等待回信');
    await item.click();
    await expect.poll(() => t.getByTestId('mailbox-staff-message-student').first().innerText()).toContain(LETTER);
    await t.getByTestId('mailbox-answer-text').fill(ANSWER);
    await t.getByTestId('mailbox-answer').click();
    await expect.poll(() => t.getByTestId('mailbox-staff-message-teacher').count()).toBe(1);
    await t.getByTestId('mailbox-risk-reason').fill(REASON);
    await t.getByTestId('mailbox-risk').click();
    await expect.poll(() => t.getByTestId('mailbox-risk-info').innerText()).toContain(REASON);
    expect(await seriousViolations(t)).toEqual([]);
    await shot(t, 'mailbox-teacher');
    await desk.close();

    // The alert stands in the school's queue, about this student, from the mailbox.
    const psychApi = await apiSession(server.url, 'psych03');
    const alerts = (await psychApi.get('/api/v1/alerts?pageSize=200')).json.items as Array<{
      source: string;
      studentName: string;
      reasons: Array<{ text: string }>;
    }>;
    const raised = alerts.find((a) => a.source === 'mailbox' && a.studentName === studentName);
    expect(raised).toBeDefined();
    expect(raised!.reasons[0]!.text).toContain(REASON);
    expect(JSON.stringify(raised)).not.toContain(LETTER);

    // Back on the phone, the student reads the answer.
    await page.goto(`${server.url}/my/mailbox`);
    const answered = page.getByTestId('mailbox-letter').first();
    await expect.poll(() => answered.innerText()).toContain('老师已回信');
    await answered.getByTestId('mailbox-open').click();
    await expect.poll(() => page.getByTestId('mailbox-message-teacher').innerText()).toContain(ANSWER);
    expect(await page.getByTestId('mailbox-thread').innerText()).not.toContain(REASON);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await guard.check('the student thread');
    await shot(page, 'mailbox-student-answer');
    await phone.close();
  });
});
