import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, signIn } from './support/browser.js';
import { E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Issue 15, teachers' own wellbeing: a teacher takes a PHQ-9 self-check in the browser and reads a neutral
// result; a critical answer brings the hotlines up and a call-back is sent only when the teacher asks for
// it, reaching the district centre as a name, a phone number and a time. The school leader cannot open the
// teacher's result, neither in the pages nor by its address.
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

/** Takes the PHQ-9 with one answer per item (option labels) and returns the stored result's id. */
async function takePhq9(page: Page, labels: string[]): Promise<string> {
  await page.getByRole('button', { name: '开始自评 PHQ-9' }).click();
  const form = page.getByTestId('wellbeing-form');
  await form.waitFor();
  const items = form.locator('ol > li');
  for (const [i, label] of labels.entries()) await items.nth(i).getByRole('radio', { name: label }).check();
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/my/wellbeing') && r.request().method() === 'POST'),
    form.getByTestId('wellbeing-submit').click(),
  ]);
  expect(res.status()).toBe(201);
  await page.getByTestId('wellbeing-result').waitFor();
  return ((await res.json()) as { id: string }).id;
}

describe("a teacher's own wellbeing check", () => {
  it('shows the teacher a neutral result, offers a call-back after a critical answer, and keeps the result from the leader', async () => {
    const errors: string[] = [];
    const teacherAccount = server.accounts.find((a) => a.role === 'teacher')!;
    const teacherCtx = await newContext(browser);
    const page = await teacherCtx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, server.url, teacherAccount.username, E2E_PASSWORD);
    await page.getByRole('link', { name: '我的心理自评' }).first().click();
    await page.getByRole('heading', { name: '我的心理健康自评', level: 1 }).waitFor();

    const calmId = await takePhq9(page, Array(9).fill('完全不会'));
    const result = page.getByTestId('wellbeing-result');
    expect(await result.innerText()).toContain('状态平稳');
    // Neutral words only: no clinical label, no band.
    expect(await result.innerText()).not.toMatch(/抑郁|重度|中度|轻度|阳性/);
    expect(await page.getByText('如果你此刻感到难以承受').count()).toBe(0);
    await page.getByRole('button', { name: '再做一份' }).click();

    await takePhq9(page, [...Array(8).fill('完全不会'), '好几天']);
    await page.getByText('如果你此刻感到难以承受，请马上拨打热线').waitFor();
    expect(await page.getByTestId('wellbeing-result').getByTestId('wellbeing-hotlines').innerText()).toContain('12356');
    const offer = page.getByTestId('wellbeing-result').getByText('需要指导中心给你回电吗？');
    await offer.waitFor();
    await page.getByTestId('wellbeing-result').getByPlaceholder('手机或座机').fill('13912345678');
    await page.getByTestId('wellbeing-result').getByRole('button', { name: '请中心给我回电' }).click();
    await page.getByText('已发出回电请求，中心会尽快与你联系。').first().waitFor();

    // The district centre sees who to call, and nothing of the result.
    const centreCtx = await newContext(browser);
    const centre = await centreCtx.newPage();
    centre.on('pageerror', (e) => errors.push(e.message));
    const district = server.accounts.find((a) => a.role === 'district_staff')!;
    await signIn(centre, server.url, district.username, E2E_PASSWORD);
    await centre.goto(`${server.url}/wellbeing`);
    const queue = centre.getByTestId('wellbeing-callbacks');
    await queue.getByText('13912345678').waitFor();
    expect(await queue.innerText()).not.toMatch(/PHQ|状态|压力|得分/);

    // The school leader: their own page holds none of the teacher's results, and the address answers 404.
    const leaderCtx = await newContext(browser);
    const leader = await leaderCtx.newPage();
    leader.on('pageerror', (e) => errors.push(e.message));
    const leaderAccount = server.accounts.find((a) => a.role === 'school_leader')!;
    await signIn(leader, server.url, leaderAccount.username, E2E_PASSWORD);
    await leader.goto(`${server.url}/my/wellbeing`);
    await leader.getByText('你还没有做过自评。').waitFor();
    const status = await leader.evaluate(
      async (id) => (await fetch(`/api/v1/my/wellbeing/results/${id}`)).status,
      calmId,
    );
    expect(status).toBe(404);
    await leader.goto(`${server.url}/wellbeing`);
    await leader.getByTestId('wellbeing-counts').waitFor();
    expect(await leader.locator('main').innerText()).not.toContain(teacherAccount.username);
    expect(await leader.getByTestId('wellbeing-callbacks').count()).toBe(0);

    expect(errors).toEqual([]);
    await Promise.all([teacherCtx.close(), centreCtx.close(), leaderCtx.close()]);
  });
});
