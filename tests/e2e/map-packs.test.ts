import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { mbtilesBytes, noisePng, pyramid } from '../server/maps/fixtures';
import { expectAccessible } from './harness/axe';
import { EmulatedLink } from './harness/network';
import { DEMO_PASSWORD } from './harness/server';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { UnlockPage } from './pages/UnlockPage';

const PACK = 'Gao hors ligne';
const FORM = 'Enquête ménage';

/** z0–z2 in colours, and z3 tiles of noise: about 4 MB, four download chunks of 1 MiB. */
function packFile(dir: string): string {
  const tiles = [
    ...pyramid(2),
    ...Array.from({ length: 20 }, (_, i) => ({ z: 3, x: i % 8, y: Math.floor(i / 8), data: noisePng() })),
  ];
  const path = join(dir, 'gao.mbtiles');
  writeFileSync(path, mbtilesBytes(tiles, { name: 'Gao', format: 'png', bounds: '-1,15,1,17' }));
  return path;
}

/** What the device's file storage holds of a pack: its chunks' sizes and the first bytes of the first one. */
function storedPack(page: Page, packId: string) {
  return page.evaluate(async (id) => {
    const root = await navigator.storage.getDirectory();
    const dir = await (await root.getDirectoryHandle('map-packs')).getDirectoryHandle(id);
    let bytes = 0;
    let magic = '';
    for await (const [name, handle] of dir as unknown as AsyncIterable<[string, FileSystemFileHandle]>) {
      const file = await handle.getFile();
      bytes += file.size;
      if (name === '0') magic = new TextDecoder().decode(await file.slice(0, 7).arrayBuffer());
    }
    return { bytes, magic, persisted: await navigator.storage.persisted() };
  }, packId);
}

/** How many sampled pixels of the map have one of the pack's tile colours (pyramid(): 80z, 60x, 60y). */
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

describe('offline map packs, from the supervisor’s upload to an agent’s tablet offline', () => {
  const suite = e2eSuite('map-packs');
  const dir = mkdtempSync(join(tmpdir(), 'terrain-e2e-packs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uploads an MBTiles pack, downloads it with progress, pause and resume, and keeps it after an offline reload', async () => {
    // The supervisor adds a basemap to the project, from the project's page.
    const supervisor = await suite.signedIn('supervisor');
    await supervisor.page.goto(`${suite.server.url}/#/projects/${DEMO_PROJECT.id}`);
    await supervisor.page.getByRole('link', { name: 'Cartes hors ligne du projet' }).click();
    await supervisor.page.getByRole('heading', { name: 'Cartes hors ligne', level: 1 }).waitFor();
    await supervisor.page.getByLabel('Fichier').setInputFiles(packFile(dir));
    await supervisor.page.getByLabel('Nom', { exact: true }).fill(PACK);
    await supervisor.page
      .getByLabel('Attribution des données (facultative)')
      .fill('© Contributeurs OpenStreetMap');
    await supervisor.page.getByRole('button', { name: 'Envoyer la carte' }).click();
    await supervisor.page.getByText(`Carte « ${PACK} » ajoutée.`).waitFor({ timeout: 30_000 });
    const card = supervisor.page.locator('li.map-pack').filter({ hasText: PACK });
    await card.getByText('Données : © Contributeurs OpenStreetMap').waitFor();
    await card.getByText(/zoom 0 à 3 · PNG/).waitFor();
    await expectAccessible(supervisor.page, 'the offline maps of a project (supervisor)');

    // An agent opens the offline maps from home and downloads the pack over a slowish link.
    const { page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    const ranges: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/map-packs/')) ranges.push(request.headers()['range'] ?? '');
    });
    await page.getByRole('link', { name: 'Cartes hors ligne', exact: true }).click();
    await page.getByRole('heading', { name: 'Cartes hors ligne', level: 1 }).waitFor();
    const item = page.locator('li.map-pack').filter({ hasText: PACK });
    await item.getByText('Pas sur cet appareil', { exact: true }).waitFor();
    const packId = (await item.getAttribute('data-pack-id'))!;
    const link = await EmulatedLink.of(page);
    await link.up({ kbps: 4_000, rttMs: 50 });
    await item.getByRole('button', { name: 'Télécharger' }).click();
    const progress = item.getByRole('progressbar', { name: `Téléchargement de ${PACK}` });
    await expect
      .poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await item.getByRole('button', { name: 'Pause' }).click();
    await item.getByRole('button', { name: 'Reprendre' }).waitFor();
    await item.getByText(/^Téléchargée à \d+ %/).waitFor();
    await expectAccessible(page, 'the offline maps, a download paused (agent)');
    const before = ranges.length;
    await link.up({ kbps: 100_000, rttMs: 20 });
    await item.getByRole('button', { name: 'Reprendre' }).click();
    await item.getByText('Sur cet appareil', { exact: true }).waitFor({ timeout: 60_000 });
    // It went on from the chunks stored, never from the start again.
    expect(ranges.slice(before).every((range) => /^bytes=[1-9]\d*-\d+$/.test(range))).toBe(true);
    expect(ranges[0]).toMatch(/^bytes=0-/);
    const stored = await storedPack(page, packId);
    expect(stored.magic).toBe('PMTiles');
    expect(stored.bytes).toBeGreaterThan(3_000_000);
    await saveScreenshot(page, 'map-packs-fr');

    // In the field: no network, and the tablet reloads. The pack is still on it.
    // Through the same DevTools session as the throttling (context.setOffline would not override it).
    await link.cut();
    await page.reload();
    await new UnlockPage(page).unlock(DEMO_PASSWORD);
    await page.goto(`${suite.server.url}/#/maps/packs`);
    await page.getByText('Hors ligne : seules les cartes déjà sur cet appareil sont listées.').waitFor();
    const offline = page.locator('li.map-pack').filter({ hasText: PACK });
    await offline.getByText('Sur cet appareil', { exact: true }).waitFor();
    expect(await offline.getByRole('button', { name: 'Télécharger' }).count()).toBe(0);
    expect((await storedPack(page, packId)).bytes).toBe(stored.bytes);
    await expectAccessible(page, 'the offline maps, offline (agent)');

    // A map drawn offline shows the pack's tiles (the pyramid's colours, never the built-in basemap's
    // alone) and its attribution, read from the device: no tile request leaves it.
    const packRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/map-packs/')) packRequests.push(request.url());
    });
    await page.goto(`${suite.server.url}/#/`);
    const home2 = new HomePage(page);
    await home2.waitForForm(FORM);
    await home2.newSubmission(FORM);
    const form = new FillFormPage(page);
    const position = form.question('Position du ménage');
    await position.getByRole('button', { name: /^Afficher la carte/ }).click();
    const canvas = position.locator('canvas.maplibregl-canvas');
    await canvas.waitFor({ timeout: 30_000 });
    await position.getByText('© Contributeurs OpenStreetMap').waitFor({ timeout: 30_000 });
    await expect.poll(() => packColours(canvas), { timeout: 30_000 }).toBeGreaterThan(0);
    await saveScreenshot(page, 'map-packs-drawn-offline-fr');
    // The agent places the household on the map, and the survey finalizes with that point.
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await position.getByText(/^Point : lat\. -?\d/).waitFor();
    await form.fillText('Nom de la personne interrogée', 'Mariam Touré');
    await form.fillText('Nombre de personnes dans le ménage', '5');
    await form.choose('Sexe du chef de ménage', 'Femme');
    await form.choose('Sources d’eau utilisées', 'Forage');
    await form.fillDate('Date de la visite', '2026-11-23');
    await form.finalize();
    const storedPoint = async (): Promise<string> => {
      const data = (await form.storedSubmissionData()).find((d) => d.respondent_name === 'Mariam Touré');
      const point = (data?.location ?? {}) as Record<string, unknown>;
      return `${typeof point.latitude} ${typeof point.longitude}`;
    };
    await expect.poll(storedPoint, { timeout: 15_000 }).toBe('number number');
    expect(packRequests).toEqual([]);
    await page.goto(`${suite.server.url}/#/maps/packs`);
    await offline.getByText('Sur cet appareil', { exact: true }).waitFor();

    // Removing it frees the space.
    await offline.getByRole('button', { name: 'Retirer de l’appareil' }).click();
    await page.getByText('Aucune carte pour ce projet.').waitFor();
  });
});
