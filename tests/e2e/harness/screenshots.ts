import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

const dir = resolve(import.meta.dirname, '../../../test-results');

/** On failure, a screenshot of every open page lands in test-results/ (what the user would have seen). */
export function screenshotOnFailure(name: string, contexts: () => BrowserContext[]): void {
  onTestFailed(async () => {
    mkdirSync(dir, { recursive: true });
    let i = 0;
    for (const context of contexts()) {
      for (const page of context.pages()) {
        await page
          .screenshot({ path: join(dir, `${name}-${i++}.png`), fullPage: true })
          .catch(() => undefined);
      }
    }
  });
}

/** A full-page screenshot in test-results/, to look at how a screen renders (kept by CI with the results). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
