import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, newContext, pickOption, shot, signIn } from './support/browser.js';
import { apiSession, E2E_PASSWORD, startServer, type RunningServer } from './support/server.js';

// Issue 14, setting a real city up in the browser: the city administrator imports the org tree from a
// sheet (preview, then import), a head teacher appoints a peer supporter of the class, and a city setting
// is changed on its page and shows in the change log.
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

const SHEET = [
  '区县,指导中心,学校,学校代码,学段,年级,班级,合作医院',
  '浏览器区,,浏览器实验小学,,小学,一年级,1班,浏览器区人民医院',
  '浏览器区,,浏览器实验小学,,,一年级,2班,',
  '浏览器区,,浏览器第一中学,,初中,七年级,1班,浏览器区人民医院',
].join('\r\n');

describe('setting a city up', () => {
  it('imports the org tree from a sheet: preview, import, and the same sheet again creates nothing', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', E2E_PASSWORD);
    await page.goto(`${server.url}/org`);
    const card = page.getByTestId('org-import');
    await card.waitFor({ timeout: 30_000 });

    const upload = () =>
      card.locator('input[type=file]').setInputFiles({
        name: 'org.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(SHEET, 'utf8'),
      });
    await upload();
    await expect.poll(() => card.getByTestId('org-import-filename').innerText()).toBe('org.csv');
    await card.getByTestId('org-import-preview').click();
    const table = card.getByTestId('org-import-preview-table');
    await table.waitFor({ timeout: 15_000 });
    expect(await table.innerText()).toContain('浏览器区 / 浏览器实验小学 / 一年级 / 2班');
    expect(await table.innerText()).toContain('新建');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'org-import-preview');

    await card.getByTestId('org-import-apply').click();
    await card.getByTestId('org-import-applied').waitFor({ timeout: 15_000 });
    expect(await card.getByTestId('org-import-applied').innerText()).toContain('新建 9 项');
    await page.getByTestId('org-tree').getByTestId('org-node').filter({ hasText: '浏览器区' }).first().waitFor();

    // The same sheet again: everything exists, nothing to import.
    await card.getByRole('button', { name: '再导入一个文件' }).click();
    await upload();
    await card.getByTestId('org-import-preview').click();
    await expect.poll(() => card.innerText()).toContain('导入不会新建任何内容');
    expect(await card.getByTestId('org-import-apply').isDisabled()).toBe(true);
    await context.close();
  });

  it('a head teacher appoints a peer supporter of the class', async () => {
    const head = server.accounts.find((a) => a.role === 'head_teacher')!;
    const api = await apiSession(server.url, head.username);
    const session = (await api.get('/api/v1/session')).json as {
      user: { bindings: Array<{ role: string; scope: { id: string } }> };
    };
    const classId = session.user.bindings.find((b) => b.role === 'head_teacher')!.scope.id;

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, head.username, E2E_PASSWORD);
    await page.goto(`${server.url}/students?classId=${classId}`);
    const card = page.getByTestId('peer-supporters');
    await card.waitFor({ timeout: 30_000 });
    // The demo student of the class has a sign-in account, which the role is bound to.
    const student = server.accounts.find((a) => a.role === 'student')!;
    const studentName = (await (await apiSession(server.url, student.username)).get('/api/v1/session')).json.user
      .displayName as string;
    const before = await card.getByTestId('peer-supporter').count();
    // The list is virtual: type to bring the student into view, then pick.
    const choose = card.getByTestId('peer-supporter-choose');
    await choose.click();
    await page.keyboard.type(studentName);
    await pickOption(page, choose, studentName);
    await card.getByTestId('peer-supporter-appoint').click();
    await expect.poll(() => card.getByTestId('peer-supporter').count(), { timeout: 15_000 }).toBe(before + 1);
    expect(await card.innerText()).toContain(studentName);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'peer-supporters');
    await context.close();
  });

  it('a city setting is changed on its page and shows in the change log', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.url, 'admin', E2E_PASSWORD);
    await page.goto(`${server.url}/settings/cases`);
    const toggle = page.getByTestId('settings-leader-review');
    await toggle.waitFor({ timeout: 30_000 });
    const was = (await toggle.getAttribute('aria-checked')) === 'true';
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe(String(!was));
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('settings-area-warning').click();
    await page.getByTestId('settings-preset-changchun').click();
    await expect.poll(() => page.getByTestId('settings-preset').innerText()).toContain('长春');

    await page.getByTestId('settings-area-changes').click();
    const log = page.getByTestId('settings-changes');
    await log.waitFor();
    await expect.poll(() => log.innerText()).toContain('个案设置');
    expect(await log.innerText()).toContain('预警设置');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'settings-changes');
    await context.close();
  });
});
