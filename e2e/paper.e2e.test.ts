import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Paper mode on the campaign page: a psychology teacher picks a class, gets the forms and the answer
// template, uploads a workbook with a wrong score, and reads the row-and-column report.
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

async function choose(page: Page, testId: string, title: string) {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`).click();
}

describe('paper forms on the campaign page', () => {
  it('downloads the class’s forms and template, and reports a wrong score by row and column', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'psych03', E2E_PASSWORD);
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('campaign-row').filter({ hasText: '心理普测' }).first().click();
    const section = page.getByTestId('paper-forms');
    await section.waitFor();
    await choose(page, 'paper-grade', '八年级');
    await choose(page, 'paper-class', '1班');

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('paper-forms-pdf').click()]);
    expect((await readFile(await pdf.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('paper-template').click()]);
    const wb = new ExcelJS.Workbook();
    // exceljs types its input as its own ArrayBuffer-like `Buffer`; a Node Buffer is what it reads at run time.
    await wb.xlsx.load((await readFile(await template.path())) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('PHQ-A 1');
    sheet.getRow(2).getCell(4).value = 7;
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    await section.locator('input[type=file]').setInputFiles({
      name: 'answers.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    const report = page.getByTestId('import-errors');
    await report.waitFor({ timeout: 20_000 });
    const text = await report.innerText();
    expect(text).toContain('PHQ-A 2');
    expect(text).toContain('不是该题的选项分值');
    await page.waitForLoadState('networkidle');
    await shot(page, 'paper-import-report');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
