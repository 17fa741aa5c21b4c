import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// 心理辅导室 (issue 15): a student books on the phone and moves the booking → the psychology teacher on duty
// sees it, holds the session and writes the six-part record → opens a case from it in one step.
let server: RunningServer;
let browser: Browser;

const PHONE_390 = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const RECORD = {
  state: '情绪低落，近一周入睡困难。',
  problem: '与同学发生冲突后不愿上学。',
  assessment: '中度抑郁情绪，需持续关注。',
  analysis: '人际支持不足，自我评价偏低。',
  measures: '每周辅导一次，联系班主任关注同伴关系。',
  evaluation: '本次谈话后情绪有所缓和。',
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the counseling room in the browser', () => {
  it('a student books on the phone; the teacher on duty writes the record and opens a case from it', async () => {
    const student = server.accounts.find((a) => a.role === 'student')!;
    const psychApi = await apiSession(server.url, 'psych03');
    const teacherName = (await psychApi.get('/api/v1/session')).json.user.displayName as string;

    // The student, on a 390 px phone, books a slot where psych03 is on duty.
    const phone = await newContext(browser, { device: PHONE_390 });
    const page = await phone.newPage();
    await signIn(page, server.url, student.username, E2E_PASSWORD);
    await page.goto(`${server.url}/counseling`);
    const slot = page.getByTestId('slot').filter({ hasText: teacherName }).first();
    await slot.waitFor();
    await slot.click();
    await page.getByTestId('confirm-booking').click();
    await expect.poll(() => page.getByTestId('my-bookings').innerText()).toContain('已预约');
    expect(await page.getByTestId('my-bookings').innerText()).toContain(teacherName);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'counseling-book-phone');

    // The student moves the booking to another of psych03's slots: one booking still, at the new time.
    const before = (await page.getByTestId('booking').first().innerText()).split('\n')[0];
    await page.getByTestId('reschedule').first().click();
    await page.getByTestId('reschedule-banner').waitFor();
    await page.getByTestId('slot').filter({ hasText: teacherName }).first().click();
    await page.getByTestId('confirm-booking').click();
    await page.getByTestId('reschedule-banner').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('booking').first().innerText()).not.toContain(before);
    expect(await page.getByTestId('booking').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    const studentName = (await page.evaluate(async () => (await fetch('/api/v1/session')).json())).user
      .displayName as string;
    const studentId = (await page.evaluate(async () => (await fetch('/api/v1/session')).json())).user.bindings.find(
      (b: { role: string }) => b.role === 'student',
    ).scope.id as string;
    const mine = await page.evaluate(
      async (id) => (await fetch(`/api/v1/counseling/appointments?studentId=${id}`)).json(),
      studentId,
    );
    const startsAt = mine.items[0].startsAt as string;
    const day = new Date(new Date(startsAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await phone.close();

    // The psychology teacher on duty sees it among the day's appointments and holds the session.
    const desk = await newContext(browser);
    const t = await desk.newPage();
    await signIn(t, server.url, 'psych03', E2E_PASSWORD);
    await t.goto(`${server.url}/counseling?date=${day}`);
    const row = t.getByTestId(`appointment-${studentName}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('我值班');
    expect(await seriousViolations(t)).toEqual([]);
    // Confirming, the teacher ticks "tell the guardians": the guardian gets the time and room, never the reason.
    await row.getByTestId('confirm-appointment').click();
    await t.getByTestId('inform-guardians').check();
    const [confirmed] = await Promise.all([
      t.waitForResponse((r) => r.url().endsWith('/transition') && r.request().method() === 'POST'),
      t
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s?认/ })
        .click(),
    ]);
    expect(confirmed.status()).toBe(200);
    expect(JSON.parse(confirmed.request().postData() ?? '{}')).toEqual({ event: 'confirm', informGuardians: true });
    await expect.poll(() => row.innerText()).toContain('已确认');
    const guardian = await apiSession(server.url, server.accounts.find((a) => a.role === 'guardian')!.username);
    const notices = (await guardian.get('/api/v1/notifications')).json.items as { kind: string; body: string }[];
    const told = notices.find((n) => n.kind === 'counseling.guardian_informed');
    expect(told).toBeDefined();
    expect(JSON.stringify(told)).not.toContain(studentName);
    await row.getByTestId('write-record').click();
    await t.waitForURL((u) => u.pathname === '/counseling/records/new');
    for (const [field, text] of Object.entries(RECORD)) await t.getByTestId(`record-${field}`).fill(text);
    await t.getByTestId('save-record').click();
    await t.waitForURL((u) => /^\/counseling\/records\/[0-9a-f-]{36}$/.test(u.pathname));
    expect(await t.getByTestId('view-analysis').innerText()).toBe(RECORD.analysis);
    expect(await seriousViolations(t)).toEqual([]);
    await shot(t, 'counseling-record');

    // 重点反馈: the teacher's own note to the class's head teacher, who reads it on the counseling page.
    const note = '近期请多关注该生情绪，避免当众批评。';
    await t.getByTestId('key-feedback-note').fill(note);
    await t.getByTestId('key-feedback-send').click();
    // The card keeps what was sent (the toast saying so is gone after three seconds).
    const sentList = t.getByTestId('key-feedback-sent');
    await sentList.waitFor();
    expect(await sentList.innerText()).toContain(note);
    expect(await sentList.innerText()).toContain('已发送给 1 位班主任');
    await shot(t, 'counseling-key-feedback-sent');

    // The referral to the partner hospital is offered on the record (its rules are tested on the server).
    await t.getByTestId('record-refer').waitFor();

    // First an alert for the school's 研判, with the teacher's own reason; the card then points to the queue.
    await t.getByTestId('record-alert-reason').fill('辅导中提到近来常想到死，需要学校研判。');
    await t.getByTestId('record-alert-raise').click();
    await t.getByTestId('record-alert-link').waitFor();

    // From the record, one step to a case, which takes that alert.
    await t.getByTestId('open-case').click();
    const link = t.getByTestId('record-case-link');
    await link.waitFor();
    await link.click();
    await t.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await expect.poll(() => t.locator('main').innerText()).toContain(studentName);
    await desk.close();

    const head = await newContext(browser);
    const h = await head.newPage();
    await signIn(h, server.url, server.accounts.find((a) => a.role === 'head_teacher')!.username, E2E_PASSWORD);
    await h.goto(`${server.url}/counseling`);
    const received = h.getByTestId('key-feedback-received');
    await expect.poll(() => received.innerText()).toContain(note);
    const text = await received.innerText();
    expect(text).toContain(studentName);
    expect(text).not.toContain(RECORD.analysis);
    expect(await seriousViolations(h)).toEqual([]);
    await shot(h, 'counseling-key-feedback-head-teacher');
    await head.close();
  });
});
