import type { Page } from 'playwright-core';

/**
 * What no page may show a person, whatever the test is about (issue 17's "done when"): a raw message key
 * ("home.linkDesc.cases"), an uncaught script error, a key the web's i18n reported missing on the console,
 * or, on a phone, a page wider than the screen. Attach it to a page, drive the page, then `check()` where
 * the page has settled; problems seen by the listeners in between are reported at the next check.
 */

// Read from the web's own messages at run time (a path, not a typed import: the web sources resolve
// modules the bundler's way, which this project's Node settings do not type-check).
// Both languages: some Chinese namespaces (cases) travel with their pages rather than in zh-CN.ts, while
// en.ts is one chunk holding every namespace.
async function namespacesOf(file: string): Promise<string[]> {
  const path = new URL(`../../packages/web/src/i18n/${file}`, import.meta.url).pathname;
  const { default: messages } = (await import(path)) as { default: Record<string, unknown> };
  return Object.keys(messages);
}

/** The web messages' top-level namespaces: a key on screen starts with one of these and a dot. */
export const MESSAGE_NAMESPACES: readonly string[] = [
  ...new Set([...(await namespacesOf('zh-CN.ts')), ...(await namespacesOf('en.ts'))]),
];

const RAW_KEY = new RegExp(
  // Not part of an address, a file name or an e-mail ("a@school.edu", "/home.html").
  `(?<![\\w@/.-])(?:${MESSAGE_NAMESPACES.join('|')})(?:\\.[A-Za-z][\\w-]*)+(?![\\w/@-])`,
  'g',
);

/** Raw message keys in a text, each once. */
export function rawKeysIn(text: string): string[] {
  return [...new Set(text.match(RAW_KEY) ?? [])];
}

/** Wider than the screen by more than this (px) counts as overflow; a sub-pixel rounding does not. */
const OVERFLOW_SLACK = 1;
/** Below this width the page is a phone's and must not scroll sideways. */
const PHONE_WIDTH = 500;

export interface PageGuard {
  /** Fails with every problem seen since the last check, and those on the page now. */
  check(where?: string): Promise<void>;
  /** Problems seen by the listeners so far (for a test that expects some). */
  readonly seen: readonly string[];
}

export function guardPage(page: Page): PageGuard {
  const seen: string[] = [];
  page.on('pageerror', (error) => seen.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (/missing i18n key/i.test(msg.text())) seen.push(`console ${msg.type()}: ${msg.text()}`);
  });

  async function onPage(): Promise<string[]> {
    const found = await page.evaluate(
      ({ phoneWidth, slack }) => {
        const texts = [document.title, document.body.innerText];
        // What a screen reader says and what a field shows before it is filled count too.
        for (const el of Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]'))) {
          for (const name of ['aria-label', 'placeholder', 'title']) {
            const v = el.getAttribute(name);
            if (v) texts.push(v);
          }
        }
        // The layout viewport: a phone zoomed out to show an overflowing page widens innerWidth, not this.
        const width = document.documentElement.clientWidth;
        let overflow: string | null = null;
        if (width < phoneWidth && document.documentElement.scrollWidth > width + slack) {
          // Name the widest element that sticks out, so the failure says where to look.
          let widest: Element | null = null;
          let right = width + slack;
          for (const el of Array.from(document.body.querySelectorAll('*'))) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > right) {
              right = r.right;
              widest = el;
            }
          }
          const name = widest
            ? `${widest.tagName.toLowerCase()}${widest.id ? `#${widest.id}` : ''}${
                typeof widest.className === 'string' && widest.className
                  ? `.${widest.className.trim().split(/\s+/).slice(0, 3).join('.')}`
                  : ''
              } "${(widest.textContent ?? '').trim().slice(0, 40)}"`
            : 'unknown element';
          overflow = `page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen (widest: ${name}, right edge ${Math.round(right)}px)`;
        }
        return { text: texts.join('\n'), overflow };
      },
      { phoneWidth: PHONE_WIDTH, slack: OVERFLOW_SLACK },
    );
    const problems = rawKeysIn(found.text).map((k) => `raw message key on the page: ${k}`);
    if (found.overflow) problems.push(`horizontal overflow: ${found.overflow}`);
    return problems;
  }

  return {
    seen,
    async check(where = page.url()) {
      const problems = [...seen.splice(0), ...(await onPage())];
      if (problems.length) throw new Error(`page guard at ${where}:\n  ${problems.join('\n  ')}`);
    },
  };
}
