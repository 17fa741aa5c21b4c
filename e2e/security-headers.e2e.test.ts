import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, signIn } from './support/browser.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

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

/** Every Content-Security-Policy violation the page reports, from the DOM event and from the console. */
async function watchViolations(context: BrowserContext, page: Page) {
  const seen: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|CSP violation|Refused to (load|execute|apply|frame)/i.test(text)) seen.push(text);
  });
  page.on('pageerror', (err) => seen.push(`page error: ${err.message}`));
  return seen;
}

describe('content security policy in Chromium', () => {
  it('lets the sign-in page, Ant Design tables and ECharts charts work with no violation', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const violations = await watchViolations(context, page);
    const main = await page.goto(`${server.url}/login`);
    expect(main!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByTestId('login-username').waitFor();
    await signIn(page, server.url, 'district01', E2E_PASSWORD);
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('table-participation').waitFor({ timeout: 30_000 });
    // ECharts drew its bars: the canvas exists and has ink.
    const canvas = page.getByTestId('chart-participation').locator('canvas').first();
    await canvas.waitFor();
    const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
      return false;
    });
    expect(inked).toBe(true);
    // Ant Design's CSS-in-JS styled the table (its <style> elements were applied, not refused).
    const headerBg = await page
      .getByTestId('table-participation')
      .locator('th')
      .first()
      .evaluate((th) => getComputedStyle(th).backgroundColor);
    expect(headerBg).not.toBe('rgba(0, 0, 0, 0)');
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('refuses to render the sign-in page inside another page’s frame', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const violations = await watchViolations(context, page);
    await page.setContent(`<iframe id="victim" src="${server.url}/login" width="800" height="600"></iframe>`);
    await expect.poll(() => violations.some((v) => /frame-ancestors|Refused to frame/i.test(v))).toBe(true);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(await frame.locator('[data-testid="login-username"]').count()).toBe(0);
    await context.close();
  });
});
