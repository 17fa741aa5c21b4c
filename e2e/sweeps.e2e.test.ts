import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { guardPage } from './support/page-guard.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// 季节性排查 in the browser: before any list exists each side is told who makes it; the school's psychology
// teacher makes the list; the head teacher sees only their own class on it and checks a student off.
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

async function openSweeps(username: string): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, server.url, username, E2E_PASSWORD);
  await page.goto(`${server.url}/sweeps`);
  await page.locator('[data-testid="sweeps-none"], [data-testid="sweep-picker"]').first().waitFor({ timeout: 30_000 });
  return page;
}

describe('seasonal sweeps', () => {
  it('says who makes the list before there is one, then the head teacher checks their own class', async () => {
    const head = server.accounts.find((a) => a.role === 'head_teacher')!;
    const psych = server.accounts.find((a) => a.role === 'psych_teacher' && a.scope === head.scope.split(' ')[0])!;
    const className = head.scope.split(' ').slice(1).join('');

    const headPage = await openSweeps(head.username);
    const headGuard = guardPage(headPage);
    expect(await headPage.getByTestId('sweeps-none').innerText()).toContain('心理老师生成后');
    await headGuard.check('head teacher, no list yet');
    await shot(headPage, 'sweeps-head-none');

    const psychPage = await openSweeps(psych.username);
    expect(await psychPage.getByTestId('sweeps-none').innerText()).toContain('请在上方选择排查时段并生成');
    await psychPage.getByRole('button', { name: '生成排查清单' }).click();
    await psychPage.getByTestId('sweep-picker').waitFor({ timeout: 15_000 });
    // The school's whole list: more than one class.
    const schoolRows = psychPage.locator('.ant-table-tbody tr.ant-table-row');
    await schoolRows.first().waitFor({ timeout: 15_000 });
    const classes = new Set(
      await psychPage.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allInnerTexts(),
    );
    expect(classes.size).toBeGreaterThan(1);
    await shot(psychPage, 'sweeps-psych-list');
    expect(await seriousViolations(psychPage)).toEqual([]);
    await psychPage.context().close();

    await headPage.reload();
    await headPage.getByTestId('sweep-picker').waitFor({ timeout: 30_000 });
    const rows = headPage.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 15_000 });
    const ownClasses = new Set(
      await headPage.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allInnerTexts(),
    );
    expect([...ownClasses]).toEqual([className]);
    const first = rows.first();
    const name = await first.locator('td').first().innerText();
    await first.getByRole('button', { name: `标记 ${name} 已排查` }).click();
    await expect.poll(() => first.locator('td:nth-child(4)').innerText(), { timeout: 15_000 }).toContain('已排查');
    await headGuard.check('head teacher, after checking');
    await shot(headPage, 'sweeps-head-checked');
    expect(await seriousViolations(headPage)).toEqual([]);
    await headPage.context().close();
  });
});
