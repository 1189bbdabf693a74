/**
 * The vault's figures in the browser the app runs in, where a plain write costs what it really costs
 * (Chromium's IndexedDB writes to disk through another process; fake-indexeddb is an in-memory tree):
 *
 * - store.encrypted_put_1k_per_plain: 1,000 submissions put (two pages of 500) into a sealed database
 *   against a plain one, wall time, median of 7 alternating runs (GUIDE §4: ≤ 1.5);
 * - auth.unlock_ms_chromium: one offline unlock (PBKDF2-SHA-256, 600,000 iterations, and the unwrap).
 *
 * The page is served on localhost (a secure context, which Web Crypto needs) by Playwright's routing, with
 * no server behind it; the code is the app's own, bundled by Vite.
 */
import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import type { SubmissionRecord } from '../../src/app/db/schema';
import { launchChromium } from '../e2e/harness/chromium';
import { applyInputs, pulledSubmissions } from './applyPull';
import { median, report } from './report';

const RUNS = 7;

async function bundle(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: resolve(import.meta.dirname, 'vaultPage.ts'), formats: ['iife'], name: 'vaultBench' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (chunk?.type !== 'chunk') throw new Error('The bench page did not build');
  return chunk.code;
}

interface Bench {
  terrainVaultBench: {
    putMs(records: SubmissionRecord[], sealed: boolean): Promise<number>;
    unlockMs(): Promise<number>;
  };
}

export async function benchVaultChromium(): Promise<void> {
  const script = await bundle();
  const records = applyInputs(pulledSubmissions().slice(0, 1000)).raw.flat();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.route('http://localhost:9/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
    );
    await page.goto('http://localhost:9/');
    await page.evaluate(script);
    const time = (sealed: boolean) =>
      page.evaluate(([rows, s]) => (globalThis as unknown as Bench).terrainVaultBench.putMs(rows, s), [
        records,
        sealed,
      ] as const);
    const ratios: number[] = [];
    for (let run = 0; run <= RUNS; run += 1) {
      const sealedFirst = run % 2 === 1;
      const a = await time(sealedFirst);
      const b = await time(!sealedFirst);
      if (run > 0) ratios.push(sealedFirst ? a / b : b / a);
    }
    report('store.encrypted_put_1k_per_plain', median(ratios).toFixed(2));
    const unlockMs = await page.evaluate(() => (globalThis as unknown as Bench).terrainVaultBench.unlockMs());
    report('auth.unlock_ms_chromium', unlockMs.toFixed(0));
  } finally {
    await browser.close();
  }
}
