import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { nextCode } from './two-factor.js';

export const SCREENSHOT_DIR = new URL('../screenshots/', import.meta.url).pathname;

/** Debian's Chromium, headless, with the flags this closed-network machine needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export const DESKTOP = { viewport: { width: 1366, height: 860 } };
export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export async function newContext(
  browser: Browser,
  opts: { locale?: 'zh-CN' | 'en'; device?: typeof DESKTOP | typeof PHONE; timezoneId?: string } = {},
): Promise<BrowserContext> {
  const locale = opts.locale ?? 'zh-CN';
  const context = await browser.newContext({
    ...(opts.device ?? DESKTOP),
    locale,
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  });
  // The web app remembers the language in localStorage; start each context in the language asked for.
  await context.addInitScript((lang) => {
    try {
      if (!window.localStorage.getItem('yuxin.locale')) window.localStorage.setItem('yuxin.locale', lang);
    } catch {
      /* storage unavailable */
    }
  }, locale);
  return context;
}

export async function signIn(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  const leftLogin = (url: URL) => !url.pathname.startsWith('/login');
  const code = page.getByTestId('login-code');
  // Administrators and psychology staff are asked for a TOTP code after the password.
  await Promise.race([
    page.waitForURL(leftLogin, { timeout: 20_000 }).catch(() => undefined),
    code.waitFor({ state: 'visible', timeout: 20_000 }).catch(() => undefined),
  ]);
  if (await code.isVisible()) {
    await code.fill(await nextCode(baseUrl, username));
    await page.getByTestId('login-code-submit').click();
  }
  await page.waitForURL(leftLogin, { timeout: 20_000 });
}

export async function shot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Picks an option in an Ant Design select and waits until the select shows it. Under load the first click can
 * land while the list is still loading or while an earlier dropdown animates out (antd keeps closed dropdowns in
 * the page), and the choice is then silently lost: open the open dropdown again until the select shows a value.
 * Without `option` the first option is taken.
 */
export async function pickOption(page: Page, select: Locator, option?: string) {
  const openList = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  for (let attempt = 0; attempt < 6; attempt++) {
    // Escape would close a surrounding dialog too; a click on the select opens the list only when none is open.
    // (an earlier select's list may still be animating out on the first attempt, so that one always clicks).
    if (attempt === 0 || !(await openList.first().isVisible())) await select.click();
    const choice = option === undefined ? openList.first() : openList.filter({ hasText: option }).first();
    await choice.click({ timeout: 5_000 }).catch(() => undefined);
    const shown = await select.innerText();
    if (option === undefined ? shown.trim() !== '' : shown.includes(option)) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`the select never showed ${option ?? 'a value'}`);
}
