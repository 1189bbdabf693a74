import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FormDefinition } from '../../src/core/forms/definition';
import { STATUS_COLOURS } from '../../src/core/geo/submissionMap';
import { encodeHlc } from '../../src/core/hlc';
import { putServerRecord } from '../../src/server/catalog';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { expectAccessible } from './harness/axe';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

/** Wells and the paths to them: a geopoint and a geotrace. */
const wells = FormDefinition.parse({
  id: 'puits',
  version: '1',
  title: { fr: 'Puits du cercle', en: 'Wells of the district' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    { kind: 'question', type: 'text', name: 'nom', label: { fr: 'Nom', en: 'Name' } },
    { kind: 'question', type: 'geopoint', name: 'puits', label: { fr: 'Puits', en: 'Well' } },
    { kind: 'question', type: 'geotrace', name: 'chemin', label: { fr: 'Chemin', en: 'Path' } },
  ],
  choiceLists: {},
});

/** A register with no place at all: its map has nothing to draw, and loads no map code. */
const register = FormDefinition.parse({
  id: 'registre',
  version: '1',
  title: { fr: 'Registre des visites', en: 'Visit register' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [{ kind: 'question', type: 'text', name: 'nom', label: { fr: 'Nom', en: 'Name' } }],
  choiceLists: {},
});

const point = (latitude: number, longitude: number) => ({ latitude, longitude, altitude: 0, accuracy: 5 });
/** Three wells a few metres apart (one cluster), one farther, one with a path, one with no place at all. */
const WELLS: [name: string, data: Record<string, unknown>][] = [
  ['Puits A', { puits: point(16.2717, -0.0447) }],
  ['Puits B', { puits: point(16.2718, -0.0446) }],
  ['Puits C', { puits: point(16.2716, -0.0448) }],
  ['Puits D', { puits: point(16.35, 0.05) }],
  ['Puits E', { chemin: '16.2 -0.12 0 0;16.21 -0.11 0 0;16.22 -0.1 0 0' }],
  ['Puits F', {}],
];
const idOf = (i: number) => `5b2d0c8e-4d68-4a1f-8b68-1a5b4d2f000${i}`;
const VERIFIED = 3;

/** Content-Security-Policy violations and uncaught errors. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`pageerror: ${error.message}`));
  return violations;
}

async function drawnMap(scope: Locator): Promise<Locator> {
  const canvas = scope.locator('canvas.maplibregl-canvas');
  await canvas.waitFor({ timeout: 30_000 });
  await expect
    .poll(() => scope.locator('.map-canvas').getAttribute('aria-busy'), { timeout: 30_000 })
    .toBe('false');
  return canvas;
}

/** How many of the canvas's pixels are (about) this colour: a point drawn in it shows. */
async function pixelsOf(canvas: Locator, hex: string): Promise<number> {
  return canvas.evaluate((element, colour) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
    const source = element as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4)
      if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 12) count += 1;
    return count;
  }, hex);
}

describe('data maps', () => {
  const suite = e2eSuite('data-maps', { forms: [wells, register] });
  let seeded: Promise<void> | undefined;
  /** The wells' submissions, one verified, and the project's places: once, for whichever test runs first. */
  const seed = () => (seeded ??= seedWells());

  async function seedWells(): Promise<void> {
    const agent = await suite.server.withStorage((s) => s.userByUsername('agent'));
    const focal = await suite.server.withStorage((s) => s.userByUsername('focal'));
    await suite.server.withStorage((storage) =>
      storage.transaction(async (tx) => {
        await tx.insertNewEntities(
          WELLS.map(([nom, geo], i) => {
            const at = new Date(Date.UTC(2026, 10, 20 + i, 9));
            return {
              tbl: 'submissions',
              id: idOf(i),
              projectId: DEMO_PROJECT.id,
              createdBy: agent!.id,
              data: {
                id: idOf(i),
                formId: wells.id,
                formVersion: wells.version,
                projectId: DEMO_PROJECT.id,
                data: { nom, ...geo },
                startedAt: at.toISOString(),
                finalizedAt: at.toISOString(),
                replaces: null,
                createdBy: agent!.id,
              },
              hlc: encodeHlc({ wall: at.getTime(), counter: 0, node: 'e2e' }),
              updatedAt: at.toISOString(),
            };
          }),
        );
        await putServerRecord(
          tx,
          'reviews',
          {
            id: idOf(VERIFIED),
            submissionId: idOf(VERIFIED),
            projectId: DEMO_PROJECT.id,
            status: 'verified',
            comment: '',
            fieldComments: {},
            reviewedBy: focal!.id,
            deleted: false,
          },
          focal!.id,
          new Date(),
        );
        await putServerRecord(
          tx,
          'projects',
          {
            id: DEMO_PROJECT.id,
            locations: [
              {
                name: 'Gao',
                adm1: 'ML07',
                adm2: 'ML0701',
                adm3: null,
                point: { lat: 16.2717, lon: -0.0447 },
              },
              { name: 'Ansongo', adm1: 'ML07', adm2: 'ML0702', adm3: null, point: { lat: 15.66, lon: 0.5 } },
            ],
          },
          null,
          new Date(),
        );
      }),
    );
  }

  it('a focal point sees a form’s submissions on a map offline, filters them, opens one; the project page maps its places', async () => {
    await seed();
    const { context, page } = await suite.signedIn('focal');
    const violations = watchViolations(page);
    const home = new HomePage(page);
    await home.waitForForm('Puits du cercle');
    await home.waitForOfflineReady();

    // The project page: its places on a map (and in words).
    await page.evaluate(
      (id) => (window.location.hash = `#/projects/${encodeURIComponent(id)}`),
      DEMO_PROJECT.id,
    );
    await page.getByText('Ansongo : 15.66, 0.5').waitFor({ timeout: 30_000 });
    const places = await drawnMap(page.locator('main'));
    expect(await places.getAttribute('aria-label')).toBe('Carte des lieux du projet');
    await expect.poll(() => pixelsOf(places, '#1d4d2f'), { timeout: 15_000 }).toBeGreaterThan(20);
    await expectAccessible(page, 'a project with its places’ map');

    // Offline from here: the form's map reads what the device holds.
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Puits du cercle', exact: true }).click();
    await page.getByRole('heading', { name: 'Données : Puits du cercle' }).waitFor();
    await page.getByRole('link', { name: 'Carte des soumissions' }).click();
    await page.getByRole('heading', { name: 'Carte : Puits du cercle' }).waitFor();
    await page.getByText('5 soumission(s) sur la carte (6 retenue(s) par les filtres, 6 en tout)').waitFor({
      timeout: 30_000,
    });
    const list = page.getByRole('list', { name: 'Soumissions sur la carte' }).getByRole('link');
    expect(await list.count()).toBe(5);
    const map = await drawnMap(page.locator('main'));
    expect(await page.getByTestId('map-features').textContent()).toBe('5');
    // The legend names each status in words.
    const legend = page.getByRole('list', { name: 'Légende : couleur par statut de revue' });
    expect(await legend.getByRole('listitem').allInnerTexts()).toContain('Vérifiée');
    // The three wells a few metres apart are one cluster, with its count; the verified well in its colour.
    await page.locator('.map-cluster', { hasText: '3' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => pixelsOf(map, STATUS_COLOURS.verified), { timeout: 15_000 }).toBeGreaterThan(20);
    await expectAccessible(page, 'a form’s map');

    // Filters: by status, then by dates and agent.
    await page.getByLabel('Statut de revue', { exact: true }).selectOption('verified');
    await page.getByText('1 soumission(s) sur la carte (1 retenue(s) par les filtres, 6 en tout)').waitFor();
    await expect.poll(() => list.count()).toBe(1);
    await expect.poll(() => page.getByTestId('map-features').textContent()).toBe('1');
    await page.getByLabel('Statut de revue', { exact: true }).selectOption('all');
    await page.getByLabel('Du', { exact: true }).fill('2026-11-21');
    await page.getByLabel('Au', { exact: true }).fill('2026-11-22');
    await page.getByText('2 soumission(s) sur la carte (2 retenue(s) par les filtres, 6 en tout)').waitFor();
    await page.getByLabel('Du', { exact: true }).fill('');
    await page.getByLabel('Au', { exact: true }).fill('');
    await page.getByLabel('Agent', { exact: true }).selectOption({ index: 1 });
    await page.getByText('5 soumission(s) sur la carte (6 retenue(s) par les filtres, 6 en tout)').waitFor();

    // A tap on the one verified well (the map fits it, at its centre) opens it.
    await page.getByLabel('Statut de revue', { exact: true }).selectOption('verified');
    await expect.poll(() => list.count()).toBe(1);
    await expect.poll(() => pixelsOf(map, STATUS_COLOURS.verified), { timeout: 15_000 }).toBeGreaterThan(20);
    const box = await map.boundingBox();
    await map.click({ position: { x: box!.width / 2, y: box!.height / 2 } });
    await expect
      .poll(() => page.evaluate(() => window.location.hash))
      .toBe(`#/submissions/${idOf(VERIFIED)}`);
    await page.getByText('Puits D').first().waitFor();

    // In English, with the keyboard: the legend and the list in words, axe clean.
    await page.evaluate(() => (window.location.hash = '#/'));
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
    await page.evaluate(
      ([p, f]) => (window.location.hash = `#/data/${p}/${f}/map`),
      [DEMO_PROJECT.id, wells.id],
    );
    await page.getByRole('heading', { name: 'Map: Wells of the district' }).waitFor();
    await page.getByText('5 submission(s) on the map (6 kept by the filters, 6 in all)').waitFor();
    await drawnMap(page.locator('main'));
    const english = page.getByRole('list', { name: 'Legend: colour by review status' });
    expect(await english.getByRole('listitem').allInnerTexts()).toContain('Not reviewed yet');
    await expectAccessible(page, 'a form’s map (en)');
    const first = page.getByRole('list', { name: 'Submissions on the map' }).getByRole('link').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/submissions\//);
    expect(violations).toEqual([]);
  });

  it('loads no map code when there is nothing to draw, and keeps the filters between the table and the map', async () => {
    await seed();
    const { page } = await suite.signedIn('focal');
    const violations = watchViolations(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    const mapCode = () =>
      scripts.filter((path) => /\/(map|mapWidgets|MapWidgets|SubmissionsMap|maplibre)[-.]/.test(path));
    await new HomePage(page).waitForForm('Puits du cercle');
    const go = (hash: string) => page.evaluate((h) => (window.location.hash = h), hash);
    const data = `#/data/${encodeURIComponent(DEMO_PROJECT.id)}`;

    // A form that asks for no place: said in words, no map.
    await go(`${data}/${register.id}/map`);
    await page.getByRole('heading', { name: 'Carte : Registre des visites' }).waitFor();
    await page
      .getByText('Ce formulaire ne demande aucun lieu (point, ligne ou zone)', { exact: false })
      .waitFor();
    await expectAccessible(page, 'the map of a form with no place');

    // The wells, filtered down to none, then to one with no place (Puits F, the 25th, not reviewed).
    await go(`${data}/${wells.id}/map?status=rejected`);
    await page.getByText('0 soumission(s) sur la carte (0 retenue(s) par les filtres, 6 en tout)').waitFor({
      timeout: 30_000,
    });
    await page
      .getByText('Aucune soumission ne correspond à ces filtres : rien à dessiner sur la carte.')
      .waitFor();
    await page.getByLabel('Du', { exact: true }).fill('2026-11-25');
    await page.getByLabel('Statut de revue', { exact: true }).selectOption('none');
    await page.getByText('0 soumission(s) sur la carte (1 retenue(s) par les filtres, 6 en tout)').waitFor();
    await page
      .getByText('Rien à dessiner : aucune des 1 soumission(s) retenue(s) par les filtres n’a de lieu.')
      .waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
    await expectAccessible(page, 'a form’s map with nothing to draw');
    expect(mapCode()).toEqual([]);

    // The filters are in the address: the table keeps the status and hands the dates back to the map.
    await page.getByRole('link', { name: 'Retour au tableau des données' }).click();
    await page.getByRole('heading', { name: 'Données : Puits du cercle' }).waitFor();
    expect(await page.getByLabel('Statut de revue', { exact: true }).inputValue()).toBe('none');
    await page.getByLabel('Statut de revue', { exact: true }).selectOption('verified');
    expect(await page.evaluate(() => window.location.hash)).toContain('status=verified');
    await page.getByRole('link', { name: 'Carte des soumissions' }).click();
    await page.getByRole('heading', { name: 'Carte : Puits du cercle' }).waitFor();
    expect(await page.getByLabel('Statut de revue', { exact: true }).inputValue()).toBe('verified');
    expect(await page.getByLabel('Du', { exact: true }).inputValue()).toBe('2026-11-25');
    // Puits D, the verified one, is of the 23rd: the dates leave nothing.
    await page.getByText('0 soumission(s) sur la carte (0 retenue(s) par les filtres, 6 en tout)').waitFor();
    await page.getByLabel('Du', { exact: true }).fill('');
    await page.getByText('1 soumission(s) sur la carte (1 retenue(s) par les filtres, 6 en tout)').waitFor();
    await drawnMap(page.locator('main'));
    expect(mapCode().length).toBeGreaterThan(0);
    // So does the back button, from another page.
    await go('#/');
    await new HomePage(page).waitForForm('Puits du cercle');
    await page.goBack();
    await page.getByText('1 soumission(s) sur la carte (1 retenue(s) par les filtres, 6 en tout)').waitFor();
    expect(violations).toEqual([]);
  });
});
