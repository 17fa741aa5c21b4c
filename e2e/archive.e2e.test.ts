import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { downloadPdf } from './support/pdf.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// 一生一档 (issue 14): the psychology teacher opens a student's archive from the student page and sees the
// screening trajectory; the head teacher of the class records the family situation and a home contact.
let server: RunningServer;
let browser: Browser;
let studentId = '';

const FAMILY = '父母在外地务工，平时与祖父母同住。';
const GROWTH = '一年级至三年级随父母在外地就读，四年级转回本地。';
const CONTACT = '与祖母面谈，孩子近来睡眠不好，周末常一个人在家。';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Setup, not the behaviour under test: the demo student answers the open screening, so the archive has a
  // score trajectory to chart.
  const student = server.accounts.find((a) => a.role === 'student')!;
  const me = await apiSession(server.url, student.username);
  studentId = (await me.get('/api/v1/session')).json.user.bindings.find((b: { role: string }) => b.role === 'student')
    .scope.id as string;
  const mine = await me.get('/api/v1/my/screenings');
  const assignment = (mine.json.items as Array<{ id: string; canStart: boolean }>).find((a) => a.canStart);
  expect(assignment, 'the demo student has a screening to answer').toBeDefined();
  const detail = await me.get(`/api/v1/my/screenings/${assignment!.id}`);
  const answers = Object.fromEntries(
    (
      detail.json.instruments as Array<{
        code: string;
        options: Array<{ code: number }>;
        items: Array<{ options?: Array<{ code: number }>; askedWhen?: unknown }>;
      }>
    ).map((ins) => [
      ins.code,
      ins.items.map((item) => (item.askedWhen ? null : (item.options ?? ins.options)[1]!.code)),
    ]),
  );
  const submitted = await me.post(`/api/v1/my/screenings/${assignment!.id}/submit`, {
    submissionId: randomUUID(),
    answers,
  });
  expect(submitted.status, JSON.stringify(submitted.json)).toBeLessThan(300);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the student archive in the browser', () => {
  it('the psychology teacher opens the archive from the student page and sees the screening chart', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'psych03', E2E_PASSWORD);
    await page.goto(`${server.url}/students/${studentId}`);
    await page.getByTestId('student-archive-link').click();
    await page.waitForURL((u) => u.pathname === `/students/${studentId}/archive`);
    await page.getByTestId('archive-title').waitFor();
    const chart = page.getByTestId('case-trajectory-chart');
    await chart.waitFor();
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    for (const section of [
      'profile',
      'screenings',
      'tiers',
      'cases',
      'referrals',
      'handover',
      'family',
      'homeContacts',
    ])
      expect(await page.getByTestId(`archive-${section}`).count(), section).toBe(1);
    expect(await page.getByTestId('archive-pdf').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'archive-psych');

    // The PDF carries the same trajectory as a vector chart: its legend and dated axis are in the text
    // layer, and the page rendered is not the near-empty image of lines of text alone.
    const { outDir, pdfPath, text } = await downloadPdf(page, 'archive-pdf', 'archive-pdf', 'archive.pdf');
    expect(text).toMatch(/PHQ-9|GAD-7|SDQ|MHT/);
    expect(text).toMatch(/\d{4}-\d{2}-\d{2}/);
    execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', pdfPath, join(outDir, 'page')]);
    const png = readdirSync(outDir).find((f) => f.endsWith('.png'))!;
    expect(statSync(join(outDir, png)).size).toBeGreaterThan(8_000);
    await context.close();
  });

  it('the head teacher records the family situation and a home contact; clinical sections stay hidden', async () => {
    const head = server.accounts.find((a) => a.role === 'head_teacher')!;
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, head.username, E2E_PASSWORD);
    await page.goto(`${server.url}/students/${studentId}/archive`);
    await page.getByTestId('archive-title').waitFor();
    for (const hidden of ['screenings', 'tiers', 'cases', 'referrals', 'handover'])
      expect(await page.getByTestId(`archive-${hidden}`).count(), hidden).toBe(0);
    expect(await page.getByTestId('archive-pdf').count()).toBe(0);

    const family = page.getByTestId('archive-family-form');
    await family.locator('#family').fill(FAMILY);
    await family.locator('#growth').fill(GROWTH);
    await family.locator('button[type=submit]').click();
    await expect
      .poll(() =>
        page
          .getByTestId('archive-family-current')
          .innerText()
          .catch(() => ''),
      )
      .toContain(FAMILY);

    const contact = page.getByTestId('archive-contact-form');
    await contact.locator('#participants').fill('班主任、祖母');
    await contact.locator('#summary').fill(CONTACT);
    await contact.locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('archive-homeContacts').innerText()).toContain(CONTACT);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'archive-head-teacher');
    await context.close();
  });
});
