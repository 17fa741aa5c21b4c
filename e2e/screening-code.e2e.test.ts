import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, PHONE, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Issue #16: on a screening day a student scans the QR code of the slip their head teacher printed and lands
// in their questionnaire on a phone, with no password; the session reaches nothing else.
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

describe('screening codes', () => {
  it('a slip’s QR code signs a student in on a phone and opens their questionnaire only', async () => {
    const head = server.accounts.find((a) => a.role === 'head_teacher')!;
    const teacher = await apiSession(server.url, head.username);
    const me = await teacher.get('/api/v1/session');
    const classId = (me.json as { user: { bindings: Array<{ scope: { id: string } }> } }).user.bindings[0]!.scope.id;
    const campaigns = await teacher.get('/api/v1/campaigns?pageSize=50');
    const open = (campaigns.json as { items: Array<{ id: string; status: string }> }).items.find(
      (c) => c.status === 'open',
    )!;
    const issued = await teacher.post(`/api/v1/campaigns/${open.id}/classes/${classId}/screening-codes`, {});
    expect(issued.status).toBe(200);
    const slips = (issued.json as { slips: Array<{ assignmentId: string; code: string; url: string }> }).slips;
    const slip = slips.at(-1)!;
    // The slip's URL points at this server's sign-in page with the code in the fragment.
    expect(slip.url).toBe(`${server.url}/login#code=${slip.code}`);

    const context = await newContext(browser, { device: PHONE });
    const page = await context.newPage();
    await page.goto(slip.url);
    const field = page.getByTestId('login-screening-code');
    await field.waitFor();
    expect(await field.inputValue()).toBe(slip.code);
    // The code does not stay in the address bar (or the history).
    expect(new URL(page.url()).hash).toBe('');
    await page.getByTestId('login-screening-code-submit').click();
    await page.waitForURL((u) => u.pathname === `/my/screenings/${slip.assignmentId}`, { timeout: 20_000 });
    await page.getByTestId('screening-start').waitFor();
    await page.getByTestId('screening-start').click();
    await page.getByTestId('item-text').waitFor();

    // The same browser session reaches nothing else of the account.
    const other = await page.evaluate(async () => (await fetch('/api/v1/me/profile')).status);
    expect(other).toBe(403);
    await context.close();
  });

  it('the head teacher prints the class’s code slips with QR codes, and revokes them', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'head03-8-1', E2E_PASSWORD);
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('campaign-row').filter({ hasText: '心理普测' }).first().click();
    // A head teacher's campaign page opens their one class.
    await page.getByTestId('codes-print').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '打印筛查码' }).click();
    const slips = page.getByTestId('code-slips');
    await slips.waitFor();
    const codes = await page.getByTestId('code-slip-code').allInnerTexts();
    expect(codes.length).toBeGreaterThan(10);
    expect(new Set(codes).size).toBe(codes.length);
    expect(await slips.locator('canvas').count()).toBe(codes.length);
    await page.keyboard.press('Escape');
    await slips.waitFor({ state: 'hidden' });
    // The card has read the new codes back before anything is revoked.
    await page.getByText(`${codes.length} 名学生持有有效筛查码`).waitFor();

    await page.getByTestId('codes-revoke').click();
    // The revoke question itself, not whichever popconfirm the page last rendered (the print one stays in the DOM).
    const question = page.locator('.ant-popconfirm').filter({ hasText: '作废本班全部筛查码' });
    await question.waitFor();
    await question.getByRole('button').last().click();
    // The card's count is what stays on the page; the toast says how many went and is gone after three seconds.
    await page.getByText('0 名学生持有有效筛查码').waitFor();
    // A revoked code opens nothing.
    const res = await fetch(`${server.url}/api/v1/auth/screening-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: codes[0] }),
    });
    expect(res.status).toBe(401);
    await context.close();
  });
});
