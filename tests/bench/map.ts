/**
 * `npm run bench -- map` (issue 15, "Benchmarks"):
 *
 * - map.chunk_kb: the gzip size of the map code a device loads when a map first shows (the map chunk and
 *   MapLibre's worker: scripts/bundle-budget.ts's MAP_LAZY, printed there as bundle.map_js_gzip_kb);
 * - map.first_render_offline_ms: in Chromium, against the real server, a small generated pack (z0–z2 in the
 *   colours of tests/server/maps/fixtures.ts) downloaded to the device as an agent does, then with the
 *   network cut, from the tap on a geopoint question's "show the map" to the first frame where the pack's
 *   tiles are drawn (canvas pixels in the pack's colours), median of a few openings;
 * - map.pack_download_kb_per_s (and the upload's conversion time): the `mappacks` part, run here.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator } from 'playwright-core';
import { build } from 'vite';
import { gzipBytesOf, mapScripts } from '../../scripts/bundle-budget';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { launchChromium } from '../e2e/harness/chromium';
import { DEMO_PASSWORD, startTestServer } from '../e2e/harness/server';
import { FillFormPage } from '../e2e/pages/FillFormPage';
import { HomePage } from '../e2e/pages/HomePage';
import { SignInPage } from '../e2e/pages/SignInPage';
import { mbtilesBytes, pyramid } from '../server/maps/fixtures';
import { benchMapPacks } from './mapPacks';
import { median, report } from './report';

const OPENINGS = 3;
const FORM = 'Enquête ménage';

/** Sampled pixels of the map in the pack's tile colours (pyramid(): red 80z, green 60x, blue 60y). */
function packColours(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const source = element as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let found = 0;
    for (let y = 0; y < copy.height; y += 5)
      for (let x = 0; x < copy.width; x += 5) {
        const i = (y * copy.width + x) * 4;
        const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
        if (r % 80 === 0 && r > 0 && g % 60 === 0 && b % 60 === 0) found += 1;
      }
    return found;
  });
}

async function firstRenderOffline(dist: string): Promise<number> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is missing');
  const dir = mkdtempSync(join(tmpdir(), 'terrain-bench-map-'));
  const server = await startTestServer();
  const browser = await launchChromium();
  try {
    // The supervisor uploads a small pack over HTTP.
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const body = new FormData();
    body.set('name', 'Gao hors ligne');
    body.set(
      'file',
      new Blob([
        new Uint8Array(mbtilesBytes(pyramid(2), { name: 'Gao', format: 'png', bounds: '-1,15,1,17' })),
      ]),
      'gao.mbtiles',
    );
    const uploaded = await fetch(`${server.url}/api/projects/${DEMO_PROJECT.id}/map-packs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body,
    });
    if (uploaded.status !== 201) throw new Error(`upload answered ${uploaded.status}`);

    // The agent's tablet downloads it, then loses the network.
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Africa/Bamako' });
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open(server.url);
    await signIn.signIn('agent', DEMO_PASSWORD);
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    await page.goto(`${server.url}/#/maps/packs`);
    const item = page.locator('li.map-pack').filter({ hasText: 'Gao hors ligne' });
    await item.getByRole('button', { name: 'Télécharger' }).click();
    await item.getByText('Sur cet appareil', { exact: true }).waitFor({ timeout: 60_000 });
    await context.setOffline(true);

    const times: number[] = [];
    for (let round = 0; round < OPENINGS; round += 1) {
      await page.goto(`${server.url}/#/`);
      await home.waitForForm(FORM);
      await home.newSubmission(FORM);
      const position = new FillFormPage(page).question('Position du ménage');
      const start = performance.now();
      await position.getByRole('button', { name: /^Afficher la carte/ }).click();
      const canvas = position.locator('canvas.maplibregl-canvas');
      await canvas.waitFor({ timeout: 30_000 });
      for (;;) {
        if ((await packColours(canvas)) > 0) break;
        if (performance.now() - start > 60_000) throw new Error('The pack’s tiles were never drawn');
        await page.waitForTimeout(20);
      }
      times.push(performance.now() - start);
    }
    return median(times);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchMap(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  const dist = resolve(root, 'dist');
  if (!existsSync(resolve(dist, 'index.html'))) await build({ root, logLevel: 'warn' });
  // MapLibre's worker is a file of its own (`?worker&url`), outside Vite's manifest.
  const worker = readdirSync(join(dist, 'assets'))
    .filter((f) => /^maplibre-gl-worker-.*\.js$/.test(f))
    .map((f) => `assets/${f}`);
  const files = [...mapScripts(dist), ...worker];
  const bytes = files.reduce((sum, f) => sum + gzipBytesOf(dist, f), 0);
  report('map.chunk_kb', (bytes / 1024).toFixed(1));
  report('map.first_render_offline_ms', (await firstRenderOffline(dist)).toFixed(0));
  await benchMapPacks();
}
