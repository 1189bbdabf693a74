import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const WCAG21 = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** WCAG 2.2 AA too (target size, focus not obscured…), as issue 14 asks of every route. */
export const WCAG22 = [...WCAG21, 'wcag22aa'];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules, or `tags`) on the page as it stands and fails with each violation and where it
 * is. Injected through the DevTools protocol (page.evaluate), so the app's strict Content-Security-Policy
 * stays as users get it.
 */
export async function expectAccessible(page: Page, what: string, tags: string[] = WCAG21): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (values) => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target),
    }));
  }, tags);
  expect(violations, `accessibility of ${what}`).toEqual([]);
}
