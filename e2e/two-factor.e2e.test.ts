import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';
import { nextCode } from './support/two-factor.js';

let server: RunningServer;
let browser: Browser;
const USERNAME = 'psych03-2';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The demo enrols its staff; an administrator resets this psychology teacher's authenticator so the
  // teacher has to set one up again, as a newly appointed one would.
  const admin = await apiSession(server.url, 'sadmin03');
  const found = await admin.get(`/api/v1/staff?q=${USERNAME}`);
  const userId = (found.json.items as Array<{ userId: string; username: string }>).find(
    (s) => s.username === USERNAME,
  )!.userId;
  expect((await admin.post(`/api/v1/staff/${userId}/two-factor/reset`)).status).toBe(204);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function passwordStep(page: Page) {
  await page.goto(`${server.url}/login`);
  await page.getByTestId('login-username').fill(USERNAME);
  await page.getByTestId('login-password').fill(E2E_PASSWORD);
  await page.getByTestId('login-submit').click();
}

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

describe('two-step verification for a psychology teacher', () => {
  it('is set up right after the password, then asked for at every sign-in; a recovery code works once', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await passwordStep(page);
    await page.waitForURL((url) => url.pathname === '/two-factor-setup');
    await page.getByTestId('totp-qr').waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Nothing else is reachable before the set-up is finished.
    const blocked = await page.evaluate(async () => (await fetch('/api/v1/students?pageSize=1')).json());
    expect(blocked.type).toBe('urn:yuxin:problem:second-factor-required');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'two-factor-setup');

    await page.getByTestId('totp-confirm-code').fill(await nextCode(server.url, USERNAME, secret));
    await page.getByTestId('totp-confirm').click();
    const codes = (await page.getByTestId('recovery-codes').innerText()).split('\n').filter(Boolean);
    expect(codes).toHaveLength(10);
    await shot(page, 'two-factor-recovery-codes');
    await page.getByTestId('recovery-done').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('nav-students').waitFor();

    // Signed out and in again: the password, then a fresh code from the authenticator.
    await signOut(page);
    await passwordStep(page);
    await page.getByTestId('login-code').waitFor();
    await shot(page, 'two-factor-code-step');
    await page.getByTestId('login-code').fill(await nextCode(server.url, USERNAME, secret));
    await page.getByTestId('login-code-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('nav-students').waitFor();

    // A recovery code instead of the phone: good once.
    await signOut(page);
    await passwordStep(page);
    await page.getByTestId('login-code').fill(codes[0]!);
    await page.getByTestId('login-code-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await signOut(page);
    await passwordStep(page);
    await page.getByTestId('login-code').fill(codes[0]!);
    await page.getByTestId('login-code-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot(page, 'two-factor-recovery-code-spent');
    await context.close();
  });
});
