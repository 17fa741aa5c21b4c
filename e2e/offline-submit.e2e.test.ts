import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, PHONE, signIn } from './support/browser.js';
import { deviceDrafts } from './support/drafts.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Issue #19: a student on a phone loses the network mid-questionnaire, answers the rest and presses submit;
// the sheet waits on the phone and arrives, exactly once, when the network is back.
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

const PHONE_390 = { ...PHONE, viewport: { width: 390, height: 844 } };
const progress = (page: Page) => page.getByTestId('screening-progress').innerText();

/** Picks the first option ("not at all" / "no") and moves on; false once the last question is reached. */
async function answerFirstOption(page: Page): Promise<boolean> {
  await page.getByTestId('option-0').click();
  await expect.poll(() => page.getByTestId('option-0').getAttribute('aria-checked')).toBe('true');
  if ((await page.getByTestId('screening-next').count()) === 0) return false;
  const before = await progress(page);
  await page.getByTestId('screening-next').click();
  await expect.poll(() => progress(page)).not.toBe(before);
  return true;
}

describe('answers survive a dropped connection', () => {
  it('a sheet submitted offline waits on the phone and arrives exactly once when back online', async () => {
    const student = server.accounts.find((a) => a.role === 'student')!;
    const studentName = student.scope.split(' · ')[0]!;
    const context = await newContext(browser, { device: PHONE_390 });
    const page = await context.newPage();
    const submits: Array<{ status: number; submissionId: string }> = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/submit') && r.request().method() === 'POST')
        submits.push({
          status: r.status(),
          submissionId: (JSON.parse(r.request().postData() ?? '{}') as { submissionId: string }).submissionId,
        });
    });

    await signIn(page, server.url, student.username, E2E_PASSWORD);
    await page.goto(`${server.url}/my/screenings`);
    await page.getByTestId('screening-open').first().click();
    await page.getByTestId('screening-start').click();
    await page.getByTestId('item-text').waitFor();
    const assignmentId = new URL(page.url()).pathname.split('/').pop()!;

    // A few answers with the network, saved on the server.
    for (let i = 0; i < 4; i++) expect(await answerFirstOption(page)).toBe(true);
    await expect
      .poll(() => page.getByTestId('autosave-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('saved');

    // The network drops: the rest is answered all the same and kept on the phone.
    await context.setOffline(true);
    while (await answerFirstOption(page));
    await expect
      .poll(() => page.getByTestId('autosave-status').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('local');

    // Submit: no receipt, but the student is told the sheet is safe and will go by itself.
    await page.getByTestId('screening-submit').click();
    const queued = page.getByTestId('submit-queued');
    await queued.waitFor({ timeout: 10_000 });
    expect(await queued.innerText()).toContain('已保存在本机，联网后自动提交');
    expect(await page.getByTestId('receipt').count()).toBe(0);
    const kept = await deviceDrafts(page);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.pendingSubmit).toBe(true);
    const submissionId = kept[0]!.submissionId!;
    expect(submissionId).toMatch(/^[0-9a-f-]{36}$/);
    // Some time offline, long enough for a retry or two to find no network.
    await page.waitForTimeout(3_000);
    expect(await page.getByTestId('receipt').count()).toBe(0);

    // Back online: sent by itself, the receipt shows and the phone's copy is gone.
    await context.setOffline(false);
    await page.getByTestId('receipt').waitFor({ timeout: 30_000 });
    await expect.poll(() => deviceDrafts(page)).toEqual([]);
    const delivered = submits.filter((s) => s.status === 200);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    expect(new Set(submits.map((s) => s.submissionId))).toEqual(new Set([submissionId]));
    await context.close();

    // The server holds the sheet once: the student's questionnaire is completed, and the school's psychology
    // teacher sees one result row for the student, one response per instrument.
    const me = await apiSession(server.url, student.username);
    const mine = await me.get('/api/v1/my/screenings');
    expect(mine.status).toBe(200);
    const taken = (mine.json.items as Array<{ id: string; status: string }>).find((a) => a.id === assignmentId);
    expect(taken?.status).toBe('completed');
    const psych = await apiSession(server.url, 'psych03');
    const results = await psych.get('/api/v1/screening/results?pageSize=200');
    const rows = (
      results.json.items as Array<{ studentName: string; instruments: Array<{ responseId: string | null }> }>
    ).filter((r) => r.studentName === studentName);
    expect(rows).toHaveLength(1);
    const ids = rows[0]!.instruments.map((i) => i.responseId).filter(Boolean);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
