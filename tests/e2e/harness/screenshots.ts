import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
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
