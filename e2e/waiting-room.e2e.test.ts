import { connect, type Socket } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, PHONE, shot } from './support/browser.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// The waiting room (issue #16) against a real busy node: this server admits one API request at a time, and
// the test holds that one open with a request whose body never finishes.
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { YUXIN_MAX_IN_FLIGHT: '1', YUXIN_BUSY_RETRY_AFTER_SECONDS: '1' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function holdTheOnlySlot(): Promise<Socket> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const s = connect(Number(url.port), url.hostname, () => {
      s.write(
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
          'Content-Length: 1000\r\n\r\n{"username"',
      );
      resolve(s);
    });
    s.on('error', () => undefined);
    s.once('error', reject);
  });
}

describe('waiting room on a phone', () => {
  it('shows a calm waiting screen while the node is full, then signs the student in by itself', async () => {
    const student = server.accounts.find((a) => a.role === 'student')!;
    const context = await newContext(browser, { device: { ...PHONE, viewport: { width: 390, height: 800 } } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill(student.username);
    await page.getByTestId('login-password').fill(E2E_PASSWORD);

    const held = await holdTheOnlySlot();
    // Let the held request reach the server before the student's.
    await new Promise((r) => setTimeout(r, 300));
    await page.getByTestId('login-submit').click();
    const waiting = page.getByTestId('waiting-room');
    await waiting.waitFor({ state: 'visible', timeout: 10_000 });
    await expect(waiting.textContent()).resolves.toContain('现在使用的人很多');
    await expect(waiting.textContent()).resolves.toContain('已填写的内容不会丢失');
    await shot(page, 'waiting-room-390');
    // Still waiting a while later: the client keeps retrying, the page never shows an error.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await waiting.isVisible()).toBe(true);
    expect(page.url()).toContain('/login');

    held.destroy();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 });
    await waiting.waitFor({ state: 'hidden', timeout: 10_000 });
    // What the student typed was sent as it was: the sign-in went through without typing it again.
    await context.close();
  });
});
