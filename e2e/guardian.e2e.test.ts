import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, shot, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Guardians (issue 15): the school refers a student; the guardian is told in the app, reads the consent text
// on a 390 px phone and consents; only then does the partner hospital's doctor see the referral packet.
let server: RunningServer;
let browser: Browser;
let studentName = '';
let referralId = '';

const PHONE_390 = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const HOSPITAL = '育心示范市精神卫生中心';
const REASON = '持续两周情绪低落，伴有自伤念头，建议专科评估。';
const LECTURE = '如何与青春期孩子沟通';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Setup, not the behaviour under test: a case about the demo guardian's child, written up to the referral.
  const student = server.accounts.find((a) => a.role === 'student')!;
  studentName = student.scope.split(' · ')[0]!;
  const head = await apiSession(server.url, server.accounts.find((a) => a.role === 'head_teacher')!.username);
  const subjects = (await head.get('/api/v1/observations/subjects')).json.items as Array<{ id: string; name: string }>;
  const child = subjects.find((s) => s.name === studentName)!;
  expect(child, 'the demo student is in the head teacher’s class').toBeDefined();
  const filed = await head.post('/api/v1/observations', {
    clientId: randomUUID(),
    studentId: child.id,
    signs: ['mood_change'],
    seenAt: new Date().toISOString(),
    urgency: 'high',
    text: '最近情绪低落，常独自哭泣。',
  });
  expect(filed.status).toBe(201);

  const psych = await apiSession(server.url, 'psych03');
  const psychId = (await psych.get('/api/v1/session')).json.user.id as string;
  const alerts = (await psych.get('/api/v1/alerts?pageSize=100')).json.items as Array<{
    id: string;
    studentId: string;
  }>;
  const alert = alerts.find((a) => a.studentId === child.id)!;
  const opened = await psych.post('/api/v1/cases', { alertIds: [alert.id] });
  expect(opened.status, JSON.stringify(opened.json)).toBe(201);
  const caseId = opened.json.id as string;
  const step = async (res: Promise<{ status: number; json: unknown }>) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.json)).toBeLessThan(300);
    return r;
  };
  await step(psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_assessment' }));
  await step(
    psych.put(`/api/v1/cases/${caseId}/assessment`, {
      riskLevel: 'high',
      reasons: ['suicidal_ideation'],
      interview: '访谈：近两周失眠，情绪低落。',
    }),
  );
  await step(
    psych.put(`/api/v1/cases/${caseId}/plan`, {
      goals: ['建立安全计划'],
      actions: ['talk', 'guardian_contact'],
      helpers: [
        { role: 'psych_teacher', userId: psychId },
        { role: 'guardian', name: '母亲' },
      ],
    }),
  );
  await step(psych.post(`/api/v1/cases/${caseId}/transition`, { event: 'start_intervention' }));
  const admin = await apiSession(server.url, 'admin');
  if ((await admin.get('/api/v1/settings/cases')).json.leaderReviewBeforeReferral) {
    const leader = await apiSession(server.url, 'leader03');
    await step(
      leader.post(`/api/v1/cases/${caseId}/decisions`, { kind: 'leader_review', outcome: 'refer', note: '同意转介。' }),
    );
  }
  const candidates = (await psych.get(`/api/v1/cases/${caseId}/candidates`)).json.hospitals as Array<{
    id: string;
    name: string;
  }>;
  const referred = await step(
    psych.post(`/api/v1/cases/${caseId}/referrals`, {
      hospitalId: candidates.find((h) => h.name === HOSPITAL)!.id,
      reason: REASON,
      summary: '高风险个案，已建立安全计划。',
    }),
  );
  referralId = (referred.json as { referralId: string }).referralId;
  // A parent-school lecture for the child's grade, held an hour ago.
  const profile = (await psych.get(`/api/v1/students/${child.id}`)).json as { schoolId: string; gradeId: string };
  await step(
    psych.post('/api/v1/parent-lectures', {
      schoolId: profile.schoolId,
      title: LECTURE,
      heldAt: new Date(Date.now() - 3_600_000).toISOString(),
      hours: 1.5,
      gradeIds: [profile.gradeId],
    }),
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a guardian on the phone', () => {
  it('the doctor sees nothing before the guardian decides', async () => {
    const doctor = await apiSession(server.url, 'doctor');
    expect((await doctor.get(`/api/v1/referrals/${referralId}`)).status).toBe(404);
  });

  it('is told in the app, reads the consent text and consents at 390 px', async () => {
    const guardian = server.accounts.find((a) => a.role === 'guardian')!;
    const phone = await newContext(browser, { device: PHONE_390 });
    const page = await phone.newPage();
    await signIn(page, server.url, guardian.username, E2E_PASSWORD);
    await expect.poll(async () => page.getByTestId('notification-bell').innerText()).not.toBe('');
    await page.goto(`${server.url}/my/family`);
    const card = page.getByTestId('referral-card').filter({ hasText: HOSPITAL });
    await card.waitFor();
    const text = await card.getByTestId('referral-consent-text').innerText();
    expect(text).toContain(HOSPITAL);
    expect(text).toContain(studentName);
    // The guardian reads the consent, not the school's case: no reason, no score.
    expect(await page.locator('main').innerText()).not.toContain(REASON);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'guardian-referral-consent-phone');
    await card.getByTestId('referral-consent').click();
    await expect.poll(async () => card.innerText()).toContain('您已同意');
    expect(await seriousViolations(page)).toEqual([]);

    // The parent school on the same page: the guardian marks the lecture attended.
    const lecture = page.getByTestId('lecture-card').filter({ hasText: LECTURE });
    await lecture.getByTestId('lecture-attend').click();
    await expect.poll(async () => page.getByTestId('lecture-hours').innerText()).toContain('1.5');
    expect(await lecture.getByTestId('lecture-attend').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'guardian-family-phone');
    await phone.close();
  });

  it('the hospital doctor then sees the referral packet', async () => {
    const desk = await newContext(browser);
    const doc = await desk.newPage();
    await signIn(doc, server.url, 'doctor', E2E_PASSWORD);
    await doc.goto(`${server.url}/referrals`);
    await doc.getByRole('button', { name: studentName }).click();
    const drawer = doc.locator('.ant-drawer-body');
    await expect.poll(async () => drawer.innerText()).toContain(REASON);
    expect(await seriousViolations(doc)).toEqual([]);
    await shot(doc, 'guardian-referral-doctor-packet');
    await desk.close();
  });
});
