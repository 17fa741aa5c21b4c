import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { downloadPdf } from './support/pdf.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// The city's system administrator, who holds compliance.read, opens the year's compliance report: every
// part is a table with its codes in words, and the PDF carries the same parts.
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

const SECTIONS = ['access', 'exports', 'consents', 'disclosures', 'retention', 'accounts', 'refusals'];

describe('compliance report', () => {
  it('an administrator sees the year’s tables and downloads the PDF', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', E2E_PASSWORD);
    await page.getByTestId('nav-compliance').click();
    await page.getByTestId('compliance-report').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('compliance-title').innerText()).toContain('合规报告');
    for (const s of SECTIONS) await page.getByTestId(`compliance-${s}`).waitFor();
    // The seeded campaign's guardian consents are counted, named in words rather than codes.
    const consents = await page.getByTestId('compliance-consents').innerText();
    expect(consents).toContain('监护人知情同意');
    expect(consents).not.toContain('guardian_consent');
    await page.waitForLoadState('networkidle');
    await shot(page, 'compliance-city');
    expect(await seriousViolations(page)).toEqual([]);

    const { text } = await downloadPdf(page, 'compliance-pdf', 'compliance-pdf', 'compliance-report.pdf');
    expect(text).toContain('合规报告');
    expect(text).toContain('记录访问');
    expect(text).toContain('监护人知情同意');
    await context.close();
  });
});
