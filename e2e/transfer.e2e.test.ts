import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Transfers and stage hand-over (issue 14): the sending psychology teacher writes and signs the hand-over
// summary, the receiving psychology teacher accepts the student into a class and then reads the summary.
let server: RunningServer;
let browser: Browser;

const ATTENTION = '开学第一周请班主任留意情绪变化，安排同伴支持。';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a transfer in the browser', () => {
  it('the sender signs the summary, the receiver accepts and reads it', async () => {
    const sender = await apiSession(server.url, 'psych03');
    const receiver = await apiSession(server.url, 'psych07');
    const toSchoolId = (await receiver.get('/api/v1/session')).json.user.bindings.find(
      (b: { role: string }) => b.role === 'psych_teacher',
    ).scope.id as string;
    const students = (await sender.get('/api/v1/students?pageSize=50')).json.items as Array<{
      id: string;
      name: string;
    }>;
    const student = students[students.length - 1]!;
    const raised = await sender.post('/api/v1/transfers', {
      studentId: student.id,
      toSchoolId,
      caseDisposition: 'hand_over',
    });
    expect(raised.status).toBe(201);

    // The sending psychology teacher writes and signs the summary.
    const desk = await newContext(browser);
    const s = await desk.newPage();
    await signIn(s, server.url, 'psych03', E2E_PASSWORD);
    await s.goto(`${server.url}/transfers`);
    await s.getByRole('tab', { name: /转出申请/ }).click();
    const out = s.getByTestId('transfers-outgoing');
    await out.getByTestId('write-summary').first().waitFor();
    expect(await out.innerText()).toContain(student.name);
    await out.getByTestId('write-summary').first().click();
    await s.getByTestId('summary-attention').fill(ATTENTION);
    await s.getByTestId('summary-follow-up').fill('每两周随访一次。');
    await s.getByTestId('sign-summary').click();
    await expect.poll(() => out.innerText()).toContain('已签署');
    expect(await seriousViolations(s)).toEqual([]);
    await shot(s, 'transfer-outgoing');
    await desk.close();

    // The receiving psychology teacher accepts into a class, then reads the summary.
    const other = await newContext(browser);
    const r = await other.newPage();
    await signIn(r, server.url, 'psych07', E2E_PASSWORD);
    await r.goto(`${server.url}/transfers`);
    const incoming = r.getByTestId('transfers-incoming');
    await incoming.getByTestId('accept-transfer').first().waitFor();
    expect(await incoming.getByTestId('read-summary').count()).toBe(0);
    await incoming.getByTestId('accept-transfer').first().click();
    await r.getByTestId('accept-class').click();
    await r.locator('.ant-select-item-option').first().click();
    await r.locator('#confirm-accept').click();
    await expect.poll(() => incoming.innerText()).toContain('已接收');
    await incoming.getByTestId('read-summary').first().click();
    await r.getByTestId('summary-attention-text').waitFor();
    expect(await r.getByTestId('summary-attention-text').innerText()).toBe(ATTENTION);
    expect(await seriousViolations(r)).toEqual([]);
    await shot(r, 'transfer-summary');
    await other.close();

    const moved = await receiver.get(`/api/v1/students/${student.id}`);
    expect(moved.status).toBe(200);
    expect((await sender.get(`/api/v1/students/${student.id}`)).status).toBe(404);
  });

  it('the student page’s Transfer opens the request form with that student, known by id only', async () => {
    const sender = await apiSession(server.url, 'psych03');
    const students = (await sender.get('/api/v1/students?pageSize=5')).json.items as Array<{
      id: string;
      name: string;
    }>;
    const student = students[0]!;
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'psych03', E2E_PASSWORD);
    await page.goto(`${server.url}/students/${student.id}`);
    await page.getByTestId('request-transfer').click();
    await page.getByTestId('transfer-request').waitFor();
    expect(new URL(page.url()).search).toBe(`?studentId=${student.id}`);
    await expect.poll(() => page.getByTestId('transfer-request-student').innerText()).toContain(student.name);
    await context.close();
  });
});
