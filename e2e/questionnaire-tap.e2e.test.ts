import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, PHONE, signIn } from './support/browser.js';
import { guardPage } from './support/page-guard.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Issue 17.18: a student on a phone answers each single-choice question with one tap; the questionnaire
// moves on by itself a moment later. A keyboard (or a mouse) chooses without moving on, and the last
// question never moves on by itself: the student presses 提交.
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

const progress = (page: Page) => page.getByTestId('screening-progress').innerText();
const position = async (page: Page) => Number((await progress(page)).match(/第 (\d+) \//)![1]);

describe('one tap per question on a phone', () => {
  it('a tap moves on, a keyboard choice and the last question do not', async () => {
    const student = server.accounts.find((a) => a.role === 'student')!;
    const context = await newContext(browser, { device: { ...PHONE, viewport: { width: 390, height: 844 } } });
    const page = await context.newPage();
    const guard = guardPage(page);
    await signIn(page, server.url, student.username, E2E_PASSWORD);
    await page.goto(`${server.url}/my/screenings`);
    await page.getByTestId('screening-open').first().click();
    await page.getByTestId('screening-start').click();
    await page.getByTestId('item-text').waitFor();
    expect(await position(page)).toBe(1);
    await guard.check('the first question');

    // A tap marks the answer and, without 下一题, shows question 2.
    await page.getByTestId('option-1').tap();
    await expect.poll(() => position(page)).toBe(2);
    // The way back is one tap too, and keeps what was chosen.
    await page.getByTestId('screening-prev').tap();
    await expect.poll(() => position(page)).toBe(1);
    expect(await page.getByTestId('option-1').getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('screening-next').tap();
    await expect.poll(() => position(page)).toBe(2);

    // Keyboard: Space on an option and the arrow keys choose, and the page stays on the question.
    await page.getByTestId('option-0').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('option-1').getAttribute('aria-checked')).toBe('true');
    await page.waitForTimeout(1_000);
    expect(await position(page)).toBe(2);
    // A mouse click chooses too, without moving on.
    await page.getByTestId('option-2').click();
    await expect.poll(() => page.getByTestId('option-2').getAttribute('aria-checked')).toBe('true');
    await page.waitForTimeout(1_000);
    expect(await position(page)).toBe(2);
    await page.getByTestId('screening-next').click();
    await expect.poll(() => position(page)).toBe(3);

    // Every other question takes exactly one tap: "no" throughout, so the ASQ's follow-up is not asked and
    // its fourth question becomes the last.
    let taps = 0;
    while ((await page.getByTestId('screening-submit').count()) === 0) {
      const before = await position(page);
      await page.getByTestId('option-0').tap();
      taps++;
      await expect
        .poll(async () => (await page.getByTestId('screening-submit').count()) > 0 || (await position(page)) > before)
        .toBe(true);
      expect(taps, 'one tap per question').toBeLessThan(30);
    }
    const last = await position(page);
    // Questions 3 to the last, one tap each.
    expect(taps).toBe(last - 2);
    // The last question: the tap chose, and the page waits for 提交.
    await page.waitForTimeout(1_000);
    expect(await position(page)).toBe(last);
    expect(await progress(page)).toBe(`第 ${last} / ${last} 题`);
    await guard.check('the last question');
    await page.getByTestId('screening-submit').tap();
    await page.getByTestId('receipt').waitFor();
    await guard.check('the receipt');
    await context.close();
  });
});
