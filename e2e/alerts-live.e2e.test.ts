import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, PHONE, signIn } from './support/browser.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// #17.17: the alert queue a psychology teacher has open shows a new crisis within seconds, without 刷新.
let server: RunningServer;
let browser: Browser;
const TEXT = '午休时在天台边上站了很久，说“活着没意思”。';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('alerts pushed to an open page', () => {
  it("a crisis observation appears on the teacher's open alert queue without reload, and its 复核 opens", async () => {
    const teacher = await newContext(browser);
    const queue = await teacher.newPage();
    const errors: string[] = [];
    queue.on('pageerror', (e) => errors.push(e.message));
    await signIn(queue, server.url, 'psych03', E2E_PASSWORD);
    await queue.goto(`${server.url}/alerts`);
    await queue.getByRole('heading', { level: 1 }).waitFor();
    // A mark that a reload would wipe.
    await queue.evaluate(() => ((window as unknown as { yxNoReload: boolean }).yxNoReload = true));
    expect(await queue.locator('main').innerText()).not.toContain(TEXT);

    const classmate = server.accounts.find((a) => a.role === 'student')!.scope.split(' · ')[0]!;
    const peer = server.accounts.find((a) => a.role === 'peer_supporter')!;
    const phone = await newContext(browser, { device: PHONE });
    const page = await phone.newPage();
    await signIn(page, server.url, peer.username, E2E_PASSWORD);
    await page.goto(`${server.url}/observe`);
    await page.getByTestId('observe-form').waitFor();
    await page.getByTestId('observe-student').click();
    await page.keyboard.type(classmate);
    await page.locator('.ant-select-item-option').filter({ hasText: classmate }).first().click();
    await page.getByTestId('observe-sign-self_harm_talk').click();
    await page.getByTestId('observe-text').fill(TEXT);
    await page.getByTestId('observe-urgency-crisis').click();
    const sent = Date.now();
    await page.getByTestId('observe-submit').click();
    await page.getByTestId('observe-another').waitFor();

    // Pushed, not polled: the bell's poll is 60 s and the page never polls. The bound leaves a loaded CI
    // machine room (a push arrives in well under a second here) and still tells a push from a poll.
    await queue.getByTestId('alert-row').filter({ hasText: TEXT }).first().waitFor({ timeout: 15_000 });
    expect(Date.now() - sent).toBeLessThan(15_000);
    expect(await queue.evaluate(() => (window as unknown as { yxNoReload?: boolean }).yxNoReload)).toBe(true);

    // The peer supporter's phone shows the bell; once the teacher acknowledges the alert, the "received"
    // notice arrives there without a reload (#17.15), and the bell opens the list.
    const bell = page.getByTestId('notification-bell');
    await expect.poll(async () => bell.getAttribute('aria-label')).toContain('0 条未读');
    const row = queue.getByTestId('alert-row').filter({ hasText: TEXT }).first();
    await row.getByTestId('alert-ack').click();
    await expect.poll(async () => row.getByTestId('alert-ack').count()).toBe(0);
    await expect.poll(async () => bell.getAttribute('aria-label'), { timeout: 15_000 }).toContain('1 条未读');
    await bell.click();
    await page.waitForURL((u) => u.pathname === '/notifications');
    await expect.poll(async () => page.locator('main').innerText()).toContain('已收到');
    expect(await page.locator('main').innerText()).not.toContain(TEXT);

    // #17.3: "去复核" on that observation alert opens its own review, which decides "no change" after a talk.
    await queue.getByTestId('alert-row').filter({ hasText: TEXT }).first().getByTestId('alert-review').click();
    await queue.waitForURL((u) => u.pathname === '/tiers/review' && u.searchParams.has('assessment'));
    await queue.getByTestId('review-from-observation').waitFor();
    expect(await queue.getByTestId('review-row').count()).toBe(1);
    await queue.getByTestId('review-open').click();
    await queue.getByTestId('review-no-change').click();
    await queue.getByTestId('review-talk').fill('与学生面谈二十分钟，情绪低落但无自伤计划，约定下周再谈。');
    await queue.getByTestId('review-submit').click();
    await expect.poll(async () => queue.getByTestId('review-confirmed-tier').innerText()).toContain('级别不变');
    expect(errors).toEqual([]);
    await phone.close();
    await teacher.close();
  });
});
