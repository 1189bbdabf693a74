import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBoundaries } from '../../src/core/public/boundaries';
import { publishProject } from '../../src/server/catalog';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';

/** Three regions of Mali as squares of 3°, written as OCHA's COD-AB writes them (not their real shapes). */
const REGIONS = {
  type: 'FeatureCollection',
  features: [
    { code: 'ML07', name: 'Gao', at: [-1, 14.5] },
    { code: 'ML06', name: 'Tombouctou', at: [-6, 16] },
    { code: 'ML08', name: 'Kidal', at: [0, 18.5] },
  ].map(({ code, name, at: [x = 0, y = 0] }) => ({
    type: 'Feature',
    properties: { ADM1_PCODE: code, ADM1_FR: name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 3, y],
          [x + 3, y + 3],
          [x, y + 3],
          [x, y],
        ],
      ],
    },
  })),
};

const budget = (value: number) => [
  { periodStart: '2026-01-01', periodEnd: '2026-12-31', value, currency: 'XOF', type: 'original' as const },
];
const place = (adm1: string, name: string) => ({ name, adm1, adm2: null, adm3: null, point: null });

/** How many sampled pixels of the map are the choropleth's greens (the areas drawn, not the basemap's). */
function greenPixels(canvas: Locator): Promise<number> {
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
        if (g > r + 25 && g > b + 25) found += 1;
      }
    return found;
  });
}

/**
 * The public map with administrative areas (issue 15): once a supervisor uploaded Mali's regions, a visitor
 * with no account sees them coloured by the public projects working there, a legend in words and numbers,
 * and a table of the areas; a private project is never counted.
 */
describe('the public map with administrative areas', () => {
  const suite = e2eSuite('public-boundaries');
  const dir = mkdtempSync(join(tmpdir(), 'terrain-e2e-boundaries-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets a supervisor upload the regions from the offline maps page, and says which area is wrong', async () => {
    const good = join(dir, 'mli_adm1.geojson');
    writeFileSync(good, JSON.stringify(REGIONS));
    const bad = join(dir, 'points.geojson');
    const wrong = structuredClone(REGIONS) as { features: { geometry: unknown }[] };
    wrong.features[1]!.geometry = { type: 'Point', coordinates: [0, 16] };
    writeFileSync(bad, JSON.stringify(wrong));

    const { page } = await suite.signedIn('supervisor');
    await page.goto(`${suite.server.url}/#/maps/packs`);
    const section = page.getByRole('region', { name: 'Limites administratives de la carte publique' });
    await section.getByText('Aucune limite administrative pour l’instant.').waitFor({ timeout: 30_000 });
    await section.getByLabel('Fichier GeoJSON').setInputFiles(bad);
    await section.getByRole('button', { name: 'Envoyer les limites' }).click();
    await section.getByText(/Zone n° 2 : Geometry Point is not an area/).waitFor();
    await expectAccessible(page, 'the administrative boundaries upload, refused (supervisor)');

    await section.getByLabel('Fichier GeoJSON').setInputFiles(good);
    await section.getByRole('button', { name: 'Envoyer les limites' }).click();
    await section.getByText('3 zones enregistrées (code : ADM1_PCODE, nom : ADM1_FR).').waitFor();
    await section.getByText(/Régions \(adm1\) : 3 zones \(mli_adm1.geojson\)/).waitFor();
    await expectAccessible(page, 'the administrative boundaries upload (supervisor)');
    const listed = await page.request.get(`${suite.server.url}/public/api/boundaries`);
    expect(((await listed.json()) as { levels: unknown[] }).levels).toHaveLength(1);

    // Deleted again, so the next test sets its own.
    await section.getByRole('button', { name: 'Supprimer les Régions (adm1)' }).click();
    await section.getByText('Aucune limite administrative pour l’instant.').waitFor();
  });

  it('colours the areas by projects or budget, with a legend and a table', async () => {
    await suite.server.withStorage((storage) =>
      storage.transaction(async (tx) => {
        const at = new Date();
        const project = (id: string, isPublic: boolean, places: ReturnType<typeof place>[], value: number) =>
          publishProject(
            tx,
            {
              id,
              code: id.toUpperCase(),
              title: { fr: `Projet ${id}` },
              organisationId: null,
              status: 'active',
              public: isPublic,
              locations: places,
              budgets: budget(value),
            },
            null,
            at,
          );
        await project('pub-gao', true, [place('ML07', 'Gao')], 1_000_000);
        await project('pub-nord', true, [place('ML07', 'Ansongo'), place('ML06', 'Goundam')], 500_000);
        await project('prive-kidal', false, [place('ML08', 'Kidal'), place('ML07', 'Gao')], 9_000_000);
        const parsed = parseBoundaries(REGIONS, { level: 'adm1' });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        await tx.boundaries.put({
          level: 'adm1',
          areas: parsed.areas,
          sourceName: 'mli_adm1.geojson',
          uploadedBy: null,
          uploadedAt: at.toISOString(),
        });
      }),
    );

    const visitor = await (await suite.device()).newPage();
    const scripts: string[] = [];
    visitor.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await visitor.goto(`${suite.server.url}/public/`);
    await visitor.locator('p[role=status]', { hasText: '2 projet(s)' }).waitFor();
    const table = visitor.getByRole('table', { name: 'Projets publics par zone' });
    await table.waitFor({ timeout: 30_000 });
    const rows = async () =>
      (await table.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').slice(0, 3).join(' '));
    expect(await rows()).toEqual(['Gao ML07 2', 'Tombouctou ML06 1', 'Kidal ML08 0']);
    expect(await table.innerText()).not.toMatch(/9\s?000\s?000/);
    const legend = visitor.getByTestId('areas-legend');
    expect(await legend.innerText()).toMatch(/aucun projet[\s\S]*1 projet\(s\)[\s\S]*2 projet\(s\)/);

    const canvas = visitor.locator('[data-testid="public-map"] canvas');
    await canvas.waitFor({ timeout: 30_000 });
    await expect.poll(() => greenPixels(canvas), { timeout: 30_000 }).toBeGreaterThan(100);
    await expectAccessible(visitor, 'the public map with administrative areas');
    await saveScreenshot(visitor, 'public-boundaries-fr');
    // MapLibre, but not the signed-in app (zod, Dexie: `shell`), the form page or the app's map widgets.
    expect(scripts.some((path) => /\/assets\/map-/.test(path))).toBe(true);
    expect(scripts.filter((path) => /\/assets\/(shell|form|mapWidgets|dataTable)-/.test(path))).toEqual([]);

    // By budget: the legend is in francs CFA; the table says each area's budget.
    await visitor.getByLabel('le budget (XOF)').check();
    await expect.poll(async () => legend.innerText()).toMatch(/F\s?CFA/);
    expect((await table.locator('tbody tr').first().innerText()).replace(/\s/g, '')).toContain('1500000');

    // The filters count again: only Tombouctou's project.
    await visitor.getByLabel('Région').selectOption('ML06');
    await visitor.locator('p[role=status]', { hasText: '1 projet(s)' }).waitFor();
    await visitor.getByLabel('le nombre de projets').check();
    await expect.poll(rows).toEqual(['Gao ML07 1', 'Tombouctou ML06 1', 'Kidal ML08 0']);

    // In English.
    await visitor.getByRole('button', { name: 'English' }).click();
    await visitor.getByRole('table', { name: 'Public projects per area' }).waitFor();
    await expectAccessible(visitor, 'the public map with administrative areas (en)');
  });
});
