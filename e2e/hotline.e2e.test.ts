import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, pickOption, signIn } from './support/browser.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Issue 15: a hotline counselor records an identified high-risk call and tells the school in the same step;
// the school's psychology teacher, with the alert queue open, sees it arrive without reloading — the risk
// and the reason, never the call notes — and the counselor sees the school acknowledge it.
let server: RunningServer;
let browser: Browser;
const REASON = '来电学生表示近期有轻生计划，请学校今天内约谈。';
const NOTES = '凌晨来电，哭泣，说和父母吵架后不想活了，已做安全评估。';
const FOLLOW_UP = '次日回访：学生已和班主任、母亲谈过，情绪平稳。';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('hotline call to school', () => {
  it("a high-risk call about an identified student reaches the school's open alert queue, and the counselor sees it acknowledged", async () => {
    const teacher = await newContext(browser);
    const queue = await teacher.newPage();
    const errors: string[] = [];
    queue.on('pageerror', (e) => errors.push(e.message));
    await signIn(queue, server.url, 'psych03', E2E_PASSWORD);
    await queue.goto(`${server.url}/alerts`);
    await queue.getByRole('heading', { level: 1 }).waitFor();
    await queue.evaluate(() => ((window as unknown as { yxNoReload: boolean }).yxNoReload = true));

    const student = server.accounts.find((a) => a.role === 'student')!.scope.split(' · ')[0]!;
    const centre = await newContext(browser);
    const page = await centre.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    const counselor = server.accounts.find((a) => a.role === 'hotline_counselor')!;
    await signIn(page, server.url, counselor.username, E2E_PASSWORD);
    // The role's home page offers its pages now.
    await page.getByRole('link', { name: '热线来电' }).first().waitFor();
    await page.goto(`${server.url}/hotline/calls`);
    await page.getByTestId('call-new').click();
    await page.getByTestId('call-form').waitFor();
    await page.getByTestId('call-student').click();
    await page.keyboard.type(student);
    await pickOption(page, page.getByTestId('call-student'), student);
    await page.getByTestId('call-topic-suicidal_thoughts').click();
    await page.getByTestId('call-topic-family').click();
    await page.getByTestId('call-risk-high').click();
    await page.getByTestId('call-outcome-referred').click();
    await page.getByTestId('call-notes').fill(NOTES);
    await page.getByTestId('call-alert-school').click();
    await page.getByTestId('call-alert-reason').fill(REASON);
    const sent = Date.now();
    await page.getByTestId('call-submit').click();
    await page.getByTestId('call-form').waitFor({ state: 'detached' });

    const row = queue.getByTestId('alert-row').filter({ hasText: REASON }).first();
    // Pushed, not polled (the page never polls): a bound a loaded CI machine meets that a poll would not.
    await row.waitFor({ timeout: 15_000 });
    expect(Date.now() - sent).toBeLessThan(15_000);
    expect(await queue.evaluate(() => (window as unknown as { yxNoReload?: boolean }).yxNoReload)).toBe(true);
    const shown = await row.innerText();
    expect(shown).toContain(student);
    expect(shown).toContain('高');
    expect(await queue.locator('main').innerText()).not.toContain(NOTES);

    const call = page.getByTestId('call-row').filter({ hasText: student }).first();
    await expect.poll(() => call.getByTestId('call-school-alert').getAttribute('data-status')).toBe('open');
    await row.getByTestId('alert-ack').click();
    await expect.poll(async () => row.getAttribute('data-status')).toBe('acknowledged');
    await page.reload();
    await expect
      .poll(() =>
        page
          .getByTestId('call-row')
          .filter({ hasText: student })
          .first()
          .getByTestId('call-school-alert')
          .getAttribute('data-status'),
      )
      .toBe('acknowledged');

    // The notes are the centre's: the counselor reads them in the call, the school never.
    await page.getByTestId('call-row').filter({ hasText: student }).first().getByTestId('call-open').click();
    await page.getByTestId('call-detail').getByText(NOTES).waitFor();

    // The next day's follow-up is added to the same record by the counselor who took the call.
    await page.getByTestId('call-edit').click();
    await page.getByTestId('call-edit-follow-up').fill(FOLLOW_UP);
    await page.getByTestId('call-edit-save').click();
    await page.getByTestId('call-detail').getByText(FOLLOW_UP).waitFor();
    expect(errors).toEqual([]);
    await centre.close();
    await teacher.close();
  });
});
