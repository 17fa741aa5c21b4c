import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Serious and critical axe findings on the page as it is now, each naming the rule, the element and
 * axe's own explanation, so a failing run says what to fix without rerunning.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A toast or dialog caught half-faded-in measures as low contrast; let finite animations settle first
  // (spinners loop forever and are left alone).
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} (${n.target.join(' ')}) ${n.failureSummary ?? ''}`.trim()));
}
