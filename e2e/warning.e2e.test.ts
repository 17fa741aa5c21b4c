import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, PHONE, shot, signIn } from './support/browser.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// The warning network: a peer supporter reports a classmate from a phone and cannot read it back; the
// school's psychology teacher is notified in the header and finds the report in the alert queue.
let server: RunningServer;
let browser: Browser;
let classmate = '';
const TEXT = '体育课后一个人在楼梯间哭，说“不想活了”。';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  classmate = server.accounts.find((a) => a.role === 'student')!.scope.split(' · ')[0]!;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("early warning, from a peer supporter's phone to the alert queue", () => {
  it('a peer supporter files an observation on a phone and sees only a receipt', async () => {
    const peer = server.accounts.find((a) => a.role === 'peer_supporter')!;
    const context = await newContext(browser, { device: PHONE });
    const page = await context.newPage();
    await signIn(page, server.url, peer.username, E2E_PASSWORD);
    await page.goto(`${server.url}/observe`);
    await page.getByTestId('observe-form').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('observe-student').click();
    await page.keyboard.type(classmate);
    await page.locator('.ant-select-item-option').filter({ hasText: classmate }).first().click();
    await page.getByTestId('observe-sign-self_harm_talk').click();
    await page.getByTestId('observe-text').fill(TEXT);
    await page.getByTestId('observe-urgency-crisis').click();
    await shot(page, 'warning-observe-phone');
    await page.getByTestId('observe-submit').click();
    await page.getByTestId('observe-another').waitFor();
    expect(await page.locator('main').innerText()).not.toContain(TEXT);
    // A student is told to go to the adults at once.
    expect(await page.locator('main').innerText()).toContain('立即联系班主任或心理老师');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'warning-observe-sent-phone');

    // Nothing to read back: the alert queue is not theirs.
    await page.goto(`${server.url}/alerts`);
    await expect.poll(async () => page.locator('main').innerText()).not.toContain(classmate);
    await context.close();
  });

  it('the psychology teacher sees the notification and the report in the queue', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'psych03', E2E_PASSWORD);
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    await expect.poll(async () => bell.getAttribute('aria-label')).not.toContain('0 条');
    await bell.click();
    await page.getByTestId('notification-item').first().waitFor();
    expect(await page.getByTestId('notification-list').innerText()).not.toContain(classmate);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('notification-item').first().click();
    await page.waitForURL((u) => u.pathname === '/alerts');

    const row = page.getByTestId('alert-row').filter({ hasText: TEXT });
    await row.first().waitFor();
    expect(await row.first().getByTestId('alert-observation').innerText()).toContain('心理委员');
    expect(await row.first().getByTestId('alert-deadline').innerText()).toContain('距确认时限');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'warning-alert-queue');
    await context.close();
  });

  it('a head teacher who reports a crisis is not told to contact the head teacher (#17)', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'head03-8-1', E2E_PASSWORD);
    await page.goto(`${server.url}/observe`);
    await page.getByTestId('observe-form').waitFor();
    await page.getByTestId('observe-student').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('observe-sign-self_harm_talk').click();
    await page.getByTestId('observe-urgency-crisis').click();
    await page.getByTestId('observe-submit').click();
    await page.getByTestId('observe-another').waitFor();
    const said = await page.locator('main').innerText();
    expect(said).toContain('心理老师');
    expect(said).not.toContain('联系班主任');
    await context.close();
  });

  it('on a phone set to another time zone, the observation form starts at China time (#17)', async () => {
    const peer = server.accounts.find((a) => a.role === 'peer_supporter')!;
    const context = await newContext(browser, { device: PHONE, timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await signIn(page, server.url, peer.username, E2E_PASSWORD);
    const chinaClock = () =>
      new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16).replace('T', ' ');
    const before = chinaClock();
    await page.goto(`${server.url}/observe`);
    await page.getByTestId('observe-form').waitFor();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    const shown = await page.locator('input#seenAt').inputValue();
    expect([before, chinaClock()]).toContain(shown);
    await context.close();
  });
});
