import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newContext, PHONE, signIn } from './support/browser.js';
import { guardPage, MESSAGE_NAMESPACES, rawKeysIn } from './support/page-guard.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Issue 17: no page shows a raw message key, throws a script error, misses a message or scrolls sideways
// on a phone. Every demo role signs in and its home page is checked in both languages: staff at 1440 px,
// students and guardians on a 390 px phone.
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

const STAFF = { ...DESKTOP, viewport: { width: 1440, height: 900 } };
const PHONE_390 = { ...PHONE, viewport: { width: 390, height: 844 } };
const ON_A_PHONE = new Set(['student', 'peer_supporter', 'guardian']);

/** Waits until the page's first data has arrived (no spinner, no skeleton left). */
async function settled(page: Page) {
  await page.locator('main, #root > *').first().waitFor();
  await expect
    .poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active, .yx-loading').count(), { timeout: 20_000 })
    .toBe(0);
  await page.waitForTimeout(300);
}

describe('the page guard itself', () => {
  it('knows the message namespaces and finds keys, not addresses or file names', () => {
    expect(MESSAGE_NAMESPACES).toEqual(expect.arrayContaining(['home', 'common', 'cases', 'q']));
    expect(rawKeysIn('欢迎 home.linkDesc.cases 以及 cases.state.open')).toEqual([
      'home.linkDesc.cases',
      'cases.state.open',
    ]);
    expect(rawKeysIn('写信到 psych@home.school.cn，下载 /home.html 或 report.pdf')).toEqual([]);
  });

  it('fails a phone page that scrolls sideways, shows a key, reports a missing key or throws', async () => {
    const context = await browser.newContext(PHONE_390);
    const page = await context.newPage();
    const guard = guardPage(page);
    const META = '<meta name="viewport" content="width=device-width, initial-scale=1">';
    await page.setContent(META + '<main><p>第一页</p></main>');
    await guard.check('a clean page');

    await page.setContent(META + '<main><div style="width: 800px">很宽的表格</div></main>');
    await expect(guard.check('wide')).rejects.toThrow(/horizontal overflow: page is 8\d\dpx wide on a 390px screen/);

    await page.setContent(META + '<main><p>nav.students</p><input placeholder="common.search"></main>');
    await expect(guard.check('keys')).rejects.toThrow(/nav\.students[\s\S]*common\.search/);

    await page.setContent(META + '<main></main>');
    await page.evaluate(() => console.error('missing i18n key: home.linkDesc.nowhere'));
    await page.evaluate(() =>
      setTimeout(() => {
        throw new Error('boom');
      }, 0),
    );
    await page.waitForTimeout(200);
    await expect(guard.check('errors')).rejects.toThrow(
      /missing i18n key: home\.linkDesc\.nowhere[\s\S]*pageerror: boom/,
    );
    // Reported once: the next check starts clean.
    await guard.check('after');
    await context.close();
  });
});

describe('every role’s home page', () => {
  it('has no raw key, no script error, no missing message and fits the screen', async () => {
    const seen = new Set<string>();
    const failures: string[] = [];
    for (const account of server.accounts) {
      if (seen.has(account.role)) continue;
      seen.add(account.role);
      const phone = ON_A_PHONE.has(account.role);
      const context = await newContext(browser, { device: phone ? PHONE_390 : STAFF });
      const page = await context.newPage();
      const guard = guardPage(page);
      await signIn(page, server.url, account.username, E2E_PASSWORD);
      // Where signing in leads, and the home page when that is elsewhere.
      const paths = [...new Set([new URL(page.url()).pathname, '/'])];
      for (const locale of ['zh-CN', 'en'] as const) {
        await page.evaluate((l) => window.localStorage.setItem('yuxin.locale', l), locale);
        for (const path of paths) {
          await page.goto(`${server.url}${path}`);
          await settled(page);
          try {
            await guard.check(`${account.role} (${account.username}) ${locale} ${new URL(page.url()).pathname}`);
          } catch (e) {
            failures.push((e as Error).message);
          }
        }
      }
      await context.close();
    }
    expect(seen.size).toBeGreaterThanOrEqual(12);
    expect(failures).toEqual([]);
    // Fifteen sign-ins and some sixty page loads: minutes on a loaded machine.
  }, 600_000);
});
