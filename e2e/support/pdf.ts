import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOT_DIR } from './browser.js';

/**
 * Clicks a PDF export, checks that a PDF came back, and keeps it under e2e/screenshots/<dir>/ so a person
 * can look at it; answers where it was saved and its text layer.
 */
export async function downloadPdf(
  page: Page,
  testId: string,
  dir: string,
  fileName: string,
): Promise<{ outDir: string; pdfPath: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const outDir = join(SCREENSHOT_DIR, dir);
  mkdirSync(outDir, { recursive: true });
  const pdfPath = join(outDir, fileName);
  writeFileSync(pdfPath, bytes);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString('utf8');
  return { outDir, pdfPath, text };
}
