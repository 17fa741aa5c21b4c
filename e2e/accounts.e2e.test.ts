import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// A head teacher prints the class's accounts: issuing is confirmed, and the second format downloaded
// afterwards holds the same passwords as the first (each download used to reissue them all).
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

async function downloaded(page: Page, testId: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFile(await download.path());
}

async function passwords(bytes: Buffer): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[] = [];
  book.worksheets[0]!.eachRow((row) => rows.push(`${row.getCell(4).text}:${row.getCell(5).text}`));
  return rows.filter((r) => /^G\d+:/.test(r));
}

describe('class accounts', () => {
  it('issues once on confirmation and downloads the same slips again', async () => {
    const head = server.accounts.find((a) => a.role === 'head_teacher')!;
    const context = await newContext(browser);
    const page = await context.newPage();
    // A head teacher may print the class's accounts but not manage them: the page does not ask for what
    // would only be refused (and audited as a refusal).
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() === 403) refused.push(new URL(r.url()).pathname);
    });
    await signIn(page, server.url, head.username, E2E_PASSWORD);
    await page.goto(`${server.url}/accounts`);
    await page.getByTestId('credentials-batch').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('locked-accounts').count()).toBe(0);

    await page.getByTestId('credentials-xlsx').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('发放新的一次性密码');
    const [issuedFile] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.ant-modal-confirm .ant-btn-primary').click(),
    ]);
    const first = await passwords(await readFile(await issuedFile.path()));
    expect(first.length).toBeGreaterThan(0);

    await page.getByTestId('credentials-again-xlsx').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('credentials-batch').innerText()).toContain(`${first.length} 名学生`);
    const again = await passwords(await downloaded(page, 'credentials-again-xlsx'));
    expect(again).toEqual(first);
    const pdf = await downloaded(page, 'credentials-again-pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Still the same batch: downloads do not reissue.
    expect(await passwords(await downloaded(page, 'credentials-again-xlsx'))).toEqual(first);

    await shot(page, 'accounts-batch');
    expect(await seriousViolations(page)).toEqual([]);
    expect(refused).toEqual([]);
    await context.close();
  });
});
