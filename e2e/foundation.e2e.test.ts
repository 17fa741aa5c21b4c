import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, PHONE, shot, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

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

describe('a long name on a phone (#17)', () => {
  it('does not widen the page or push the user menu off a 390 px screen', async () => {
    const name = '阿卜杜热合曼·买买提依明·艾合买提江·吐尔逊巴克·热依拉汗古丽老师';
    const admin = await apiSession(server.url, 'sadmin03');
    const session = await admin.get('/api/v1/session');
    const school = session.json.user.bindings.find((b: { role: string }) => b.role === 'system_admin').scope.id;
    const created = await admin.post('/api/v1/staff', {
      username: 'longname01',
      name,
      password: 'Start-Pass-2026',
      role: 'teacher',
      scopeId: school,
    });
    expect([201, 202]).toContain(created.status);
    const first = await apiSession(server.url, 'longname01', 'Start-Pass-2026');
    expect(
      (
        await first.post('/api/v1/auth/change-password', {
          currentPassword: 'Start-Pass-2026',
          newPassword: E2E_PASSWORD,
        })
      ).status,
    ).toBe(204);

    const context = await newContext(browser, { device: PHONE });
    const page = await context.newPage();
    await signIn(page, server.url, 'longname01', E2E_PASSWORD);
    const menu = page.getByTestId('user-menu');
    await menu.waitFor();
    const viewport = await page.evaluate(() => window.innerWidth);
    expect(viewport).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport);
    const box = (await menu.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(viewport);
    expect(await menu.getAttribute('title')).toBe(name);
    await shot(page, 'long-name-phone');
    await context.close();
  });
});

describe('every demo role', () => {
  it('signs in and sees exactly the navigation its role allows', async () => {
    for (const account of server.accounts) {
      const context = await newContext(browser);
      const page = await context.newPage();
      await signIn(page, server.url, account.username, E2E_PASSWORD);
      const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
      const nav: string[] = session.nav;
      expect(nav.length, account.username).toBeGreaterThan(0);
      for (const key of nav)
        await expect.poll(() => page.getByTestId(`nav-${key}`).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      for (const key of ['org', 'students', 'roster-import', 'accounts', 'staff', 'audit', 'my-profile'].filter(
        (k) => !nav.includes(k),
      )) {
        expect(await page.getByTestId(`nav-${key}`).count(), `${account.username} must not see ${key}`).toBe(0);
      }
      await context.close();
    }
  });
});

describe('cross-school access by URL', () => {
  it('shows a teacher nothing of another school student, even with the exact link', async () => {
    const other = await apiSession(server.url, 'psych07');
    const list = await other.get('/api/v1/students?pageSize=1');
    const foreign = list.json.items[0] as { id: string; name: string };
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'psych03', E2E_PASSWORD);
    await page.goto(`${server.url}/students/${foreign.id}`);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('body').innerText()).toMatch(/找不到该学生|不在您的管理范围内/);
    expect(await page.locator('body').innerText()).not.toContain(foreign.name);
    await context.close();
  });
});

describe('accessibility', () => {
  it('has no serious axe violations on the sign-in page and the student list', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await signIn(page, server.url, 'psych03', E2E_PASSWORD);
    await page.goto(`${server.url}/students`);
    await page.getByTestId('student-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('screenshots', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`sign-in page, org tree and a student page look right in ${locale}`, async () => {
      const context = await newContext(browser, { locale });
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-username').waitFor();
      // A user switches the language on the sign-in page; the choice is saved to their account.
      if ((await page.evaluate(() => document.documentElement.lang)) !== locale) {
        await page.getByTestId('lang-switch').click();
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      }
      await shot(page, `foundation-signin-${locale}`);
      await signIn(page, server.url, 'admin', E2E_PASSWORD);
      await page.goto(`${server.url}/org`);
      await page.getByTestId('org-tree').waitFor();
      // Open the first district and its first school so the tree shows depth.
      const nodes = page.getByTestId('org-tree').locator('.ant-tree-switcher_close');
      for (let i = 0; i < 2 && (await nodes.count()) > 0; i++) {
        await nodes.first().click();
        await page.waitForLoadState('networkidle');
      }
      await shot(page, `foundation-org-${locale}`);
      await page.goto(`${server.url}/students`);
      await page.getByTestId('student-table').locator('tbody tr.ant-table-row').first().waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, `foundation-students-${locale}`);
      // A row opens the student page; a click landing during a re-render is retried like a user would.
      for (let attempt = 0; attempt < 3 && !/\/students\/[0-9a-f-]{36}/.test(page.url()); attempt++) {
        await page.getByTestId('student-table').locator('tbody tr.ant-table-row').first().locator('td').first().click();
        await page.waitForURL(/\/students\/[0-9a-f-]{36}/, { timeout: 5_000 }).catch(() => undefined);
      }
      await page.getByTestId('student-name').waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, `foundation-student-${locale}`);
      const lang = await page.evaluate(() => document.documentElement.lang);
      expect(lang).toBe(locale);
      await context.close();
    });
  }
});
