import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { downloadPdf } from './support/pdf.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// District staff open their district's screening report, drill into a school, and export it as PDF and
// Excel. The PDF's pages are turned into PNG images (kept under e2e/screenshots) so a person can check that
// the Chinese text and the bar charts came out right; the test checks the text layer and that pages have ink.
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

const SCHOOL = '东城第一初级中学';

describe('screening reports', () => {
  it('district staff drill from the district into a school and export PDF and Excel', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'district01', E2E_PASSWORD);
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('table-participation').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('reports-title').innerText()).toContain('东城区');
    await page.getByTestId('chart-participation').locator('canvas').first().waitFor();
    // Districts see totals only: the named list never appears.
    expect(await page.getByTestId('table-students').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await shot(page, 'reports-district');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('table-participation').getByRole('button', { name: SCHOOL }).click();
    await expect.poll(() => page.getByTestId('reports-title').innerText(), { timeout: 20_000 }).toContain(SCHOOL);
    await page.getByTestId('report-up').waitFor();
    expect(await page.getByTestId('table-students').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await shot(page, 'reports-school');
    expect(await seriousViolations(page)).toEqual([]);

    const { outDir, pdfPath, text } = await downloadPdf(page, 'report-pdf', 'report-pdf', 'school-report.pdf');
    execFileSync('pdftoppm', ['-r', '80', '-png', pdfPath, join(outDir, 'page')]);
    const pngs = readdirSync(outDir).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(0);
    // A blank page compresses to almost nothing; a page with text, tables and bars does not.
    for (const png of pngs) expect(statSync(join(outDir, png)).size).toBeGreaterThan(8_000);
    expect(text).toContain(SCHOOL);
    expect(text).toContain('参与情况');
    expect(text).toContain('确认分级');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
    const book = new ExcelJS.Workbook();
    // exceljs types its input as its own ArrayBuffer-like `Buffer`; a Node Buffer is what it reads at run time.
    await book.xlsx.load(readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['参与情况', '分级分布', '预警处置']));
    expect(book.getWorksheet('需关注学生')).toBeUndefined();
    expect(book.getWorksheet('参与情况')!.getRow(1).getCell(1).text).toContain(SCHOOL);
    await context.close();
  });
});

describe('supervision', () => {
  it('district staff see their schools’ colours and open one; the school’s psychology teacher records a lesson', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'district01', E2E_PASSWORD);
    await page.getByTestId('nav-supervision').click();
    await page.getByTestId('supervision-schools').waitFor({ timeout: 30_000 });
    await page.getByTestId('supervision-schools').getByRole('button', { name: SCHOOL }).click();
    await page.getByTestId('supervision-indicators').waitFor();
    expect(await page.getByTestId('supervision-form').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await shot(page, 'supervision-school');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();

    const psychContext = await newContext(browser);
    const psych = await psychContext.newPage();
    await signIn(psych, server.url, 'psych03', E2E_PASSWORD);
    await psych.getByTestId('nav-supervision').click();
    await psych.getByTestId('supervision-form').waitFor({ timeout: 30_000 });
    const lessons = psych.getByTestId('supervision-indicators').locator('tr', { hasText: '心理健康课' });
    const before = await lessons.innerText();
    expect(before).toContain('未达标');
    await psych.getByTestId('supervision-form').getByLabel('时长（小时）').fill('8');
    await psych.getByTestId('supervision-form').getByLabel('年级').click();
    await psych.locator('.ant-select-dropdown:visible .ant-select-item-option[title="七年级"]').click();
    await psych.getByTestId('supervision-form').getByLabel('班级').click();
    await psych.locator('.ant-select-dropdown:visible .ant-select-item-option[title="1班"]').click();
    await psych.getByTestId('supervision-save').click();
    // '达标' is inside '未达标' too: wait for the row to stop saying 未达标.
    await expect.poll(async () => (await lessons.innerText()).includes('未达标'), { timeout: 15_000 }).toBe(false);
    expect(await lessons.innerText()).toContain('达标');
    // A family contact names a student of this school, found through the student search.
    const families = psych.getByTestId('supervision-indicators').locator('tr', { hasText: '家校联系覆盖' });
    expect(await families.innerText()).toMatch(/家校联系覆盖\s+0%/);
    await psych.getByTestId('supervision-form').getByLabel('类型').click();
    await psych.locator('.ant-select-dropdown:visible .ant-select-item-option[title="家校联系"]').click();
    await psych.getByTestId('supervision-form').getByLabel('学生').fill('G');
    await psych.locator('.ant-select-dropdown:visible .ant-select-item-option[title*="· G"]').first().click();
    await psych.getByTestId('supervision-save').click();
    await expect.poll(() => families.innerText(), { timeout: 15_000 }).not.toMatch(/家校联系覆盖\s+0%/);
    // The import template comes with the header the import reads.
    const [template] = await Promise.all([
      psych.waitForEvent('download'),
      psych.getByTestId('supervision-template').click(),
    ]);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(readFileSync(await template.path()) as unknown as ArrayBuffer);
    expect(sheet.worksheets[0]!.getRow(1).getCell(1).value).toBe('类型');
    await psych.waitForLoadState('networkidle');
    await shot(psych, 'supervision-record');
    expect(await seriousViolations(psych)).toEqual([]);
    await psychContext.close();
  });
});
