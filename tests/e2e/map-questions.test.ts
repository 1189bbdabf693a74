import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { odkGeoText } from '../../src/core/export/submissionTables';
import { FormDefinition } from '../../src/core/forms/definition';
import { expectAccessible } from './harness/axe';
import { e2eSuite } from './harness/suite';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';

const TITLE = 'Relevé des parcelles';

/** A geopoint placed by hand on a map (`placement-map`) and a field's outline (geoshape, always on a map). */
const MAP_FORM = FormDefinition.parse({
  id: 'plots_map',
  version: '2026-12-06',
  title: { fr: TITLE, en: 'Plot survey' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    {
      kind: 'question',
      type: 'geopoint',
      name: 'well',
      label: { fr: 'Puits', en: 'Well' },
      appearance: 'placement-map',
      required: true,
    },
    {
      kind: 'question',
      type: 'geoshape',
      name: 'field',
      label: { fr: 'Champ', en: 'Field' },
      required: true,
    },
  ],
  choiceLists: {},
});

/** Content-Security-Policy violations Chromium reports in the console (and the page's uncaught errors). */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`pageerror: ${error.message}`));
  return violations;
}

/** The map of `scope` once drawn: its canvas, waited for until MapLibre has loaded its style. */
async function drawnMap(scope: Locator): Promise<Locator> {
  const canvas = scope.locator('canvas.maplibregl-canvas');
  await canvas.waitFor({ timeout: 30_000 });
  await expect
    .poll(() => scope.locator('.map-canvas').getAttribute('aria-busy'), { timeout: 30_000 })
    .toBe('false');
  return canvas;
}

/** How many distinct colours a grid of the canvas's pixels has: 1 for a blank map. */
async function distinctColours(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const source = element as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    const colours = new Set<string>();
    for (let y = 0; y < copy.height; y += 7)
      for (let x = 0; x < copy.width; x += 7) {
        const i = (y * copy.width + x) * 4;
        colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      }
    return colours.size;
  });
}

/** Clicks the canvas at (x, y) from its top left corner. */
async function clickAt(canvas: Locator, x: number, y: number): Promise<void> {
  await canvas.click({ position: { x, y } });
}

describe('geo questions on a map (issue 15)', () => {
  const suite = e2eSuite('map-questions', { forms: [MAP_FORM] });

  it('an agent places a point and draws a shape on maps, and a reviewer sees them on the submission’s map', async () => {
    const { page } = await suite.signedIn('agent');
    const violations = watchViolations(page);
    const home = new HomePage(page);
    await home.waitForForm(TITLE);
    await home.newSubmission(TITLE);
    const form = new FillFormPage(page);

    // The geopoint: a map at once (placement-map), a click places the point, its coordinates fill the fields.
    const well = form.question('Puits');
    const wellMap = await drawnMap(well);
    expect(await distinctColours(wellMap)).toBeGreaterThan(2);
    await expect.poll(() => well.getByText('Natural Earth').isVisible()).toBe(true);
    await clickAt(wellMap, 200, 120);
    await well.getByText(/^Point : lat\. -?\d/).waitFor();
    const placedLatitude = await well.getByLabel('Latitude').inputValue();
    // Dragging the marker adjusts the point: 40 px down is further south.
    const marker = well.locator('.maplibregl-marker');
    const box = await marker.boundingBox();
    if (!box) throw new Error('No marker on the map');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 20, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => well.getByLabel('Latitude').inputValue()).not.toBe(placedLatitude);
    const latitude = Number((await well.getByLabel('Latitude').inputValue()).replace(',', '.'));
    const longitude = Number((await well.getByLabel('Longitude').inputValue()).replace(',', '.'));
    expect(latitude).toBeLessThan(Number(placedLatitude));
    expect(Math.abs(latitude)).toBeLessThanOrEqual(90);
    expect(Math.abs(longitude)).toBeLessThanOrEqual(180);
    expect(Number.isFinite(latitude) && Number.isFinite(longitude)).toBe(true);
    expect(await well.getByLabel('Précision (m)').inputValue()).toBe('');

    // The geoshape: four clicks, the area shows once there are three points.
    const field = form.question('Champ');
    const fieldMap = await drawnMap(field);
    await field.getByText('Surface : au moins 3 points.').waitFor();
    for (const [x, y] of [
      [150, 80],
      [260, 80],
      [260, 180],
      [150, 180],
    ] as const)
      await clickAt(fieldMap, x, y);
    await field.getByText('4 point(s)').waitFor();
    const area = await field.locator('.map-measure').innerText();
    expect(area).toMatch(/^Surface : [\d\s\u202f,]+ (m²|ha) \(périmètre [\d\s\u202f,]+ (m|km)\)$/);
    // Each point is a button: the second selected, then removed, leaves three.
    await field.getByRole('button', { name: 'Point 2 (Champ)', exact: true }).click();
    await field.getByRole('button', { name: /^Supprimer le point sélectionné/ }).click();
    await field.getByText('3 point(s)').waitFor();

    await expectAccessible(page, 'a form with a geopoint and a geoshape on maps');
    await form.finalize();
    await expect
      .poll(async () => (await form.storedSubmissions()).some((s) => s.syncState !== 'draft'), {
        timeout: 15_000,
      })
      .toBe(true);
    const [stored] = (await form.storedSubmissionData()).filter((d) => 'field' in d);
    const point = stored?.well as { latitude: number; longitude: number };
    expect(point.latitude).toBeCloseTo(latitude, 6);
    expect(point.longitude).toBeCloseTo(longitude, 6);
    expect((stored?.field as unknown[]).length).toBe(3);

    const agentList = new SubmissionsPage(page);
    await agentList.syncNow();
    await agentList.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });

    // A reviewer's page of the submission: the answers on a small map.
    const { page: reviewer } = await suite.signedIn('focal');
    const reviewerViolations = watchViolations(reviewer);
    const reviewerHome = new HomePage(reviewer);
    await reviewerHome.waitForForm(TITLE);
    await reviewerHome.goToSubmissions();
    const list = new SubmissionsPage(reviewer);
    const row = list.rows().filter({ hasText: TITLE }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('link').click();
    const answersMap = await drawnMap(reviewer.locator('main'));
    expect(await answersMap.getAttribute('aria-label')).toBe('Carte des réponses géographiques');
    expect(await distinctColours(answersMap)).toBeGreaterThan(2);
    await expectAccessible(reviewer, 'a submission page with its map');

    expect(violations).toEqual([]);
    expect(reviewerViolations).toEqual([]);
  });

  it('in English: the arrow keys pan a map, and dragging a point of a shape moves it in the stored answer', async () => {
    const { page } = await suite.signedIn('agent');
    const violations = watchViolations(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
    const start = page.getByRole('button', { name: /^New submission\W+Plot survey$/ });
    await start.waitFor({ timeout: 30_000 });
    await start.click();
    const form = new FillFormPage(page);

    // The geopoint's map, its hint and buttons in English.
    const well = form.question('Well');
    const wellMap = await drawnMap(well);
    await well.getByText('Tap the map to place the point, then drag it to adjust.').waitFor();
    const place = well.getByRole('button', { name: 'Place the point at the centre of the map (Well)' });
    await place.click();
    const value = well.getByText(/^Point: lat\. -?[\d.]+, long\. -?[\d.]+$/);
    await value.waitFor();
    const centre = async () => {
      const [, lat, lon] = /lat\. (-?[\d.]+), long\. (-?[\d.]+)/.exec(await value.innerText()) ?? [];
      return { latitude: Number(lat), longitude: Number(lon) };
    };
    const before = await centre();

    // MapLibre's keyboard handler: the canvas takes the focus, ArrowRight pans east, ArrowUp north.
    expect(await wellMap.getAttribute('tabindex')).toBe('0');
    await wellMap.focus();
    // The point placed again at the centre says where the map is (each press eases it for 300 ms).
    const placed = async () => {
      await place.click();
      return centre();
    };
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await placed()).longitude).toBeGreaterThan(before.longitude);
    expect((await centre()).latitude).toBeCloseTo(before.latitude, 3);
    await wellMap.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await placed()).latitude).toBeGreaterThan(before.latitude);

    // The geoshape: four points, then the second dragged 40 px right and 50 px down.
    const field = form.question('Field');
    const fieldMap = await drawnMap(field);
    await field.getByText('Area: at least 3 points.').waitFor();
    await field
      .getByText('Tap the map to add a point; drag a point to move it, tap it to select it.')
      .waitFor();
    for (const [x, y] of [
      [150, 80],
      [260, 80],
      [260, 180],
      [150, 180],
    ] as const)
      await clickAt(fieldMap, x, y);
    await field.getByText('4 point(s)').waitFor();
    const area = await field.locator('.map-measure').innerText();
    expect(area).toMatch(/^Area: [\d,.]+ (m²|ha) \(perimeter [\d,.]+ (m|km)\)$/);
    await expectAccessible(page, 'a form with a geopoint and a geoshape on maps (en)');
    const vertex = field.getByRole('button', { name: 'Point 2 (Field)', exact: true });
    // A render of the form (another answer changing, a sync ending) keeps the shape's markers as they are,
    // so a drag under way is not cut short: the same element is there after the well's answer changed.
    await vertex.evaluate((element) => element.setAttribute('data-kept', 'yes'));
    await well.getByLabel('Latitude').fill('14.5');
    await well.getByText(/^Point: lat\. 14\.5,/).waitFor();
    expect(await field.locator('[data-kept="yes"]').count()).toBe(1);
    // Typing in the well's field scrolled the page up to it.
    await vertex.scrollIntoViewIfNeeded();
    const box = await vertex.boundingBox();
    if (!box) throw new Error('No second point on the map');
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 20, y + 25, { steps: 5 });
    await page.mouse.move(x + 40, y + 50, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => field.locator('.map-measure').innerText()).not.toBe(area);
    await field.getByText('4 point(s)').waitFor();

    const wellNow = await centre();
    await page.getByRole('button', { name: 'Finalize' }).click();
    await expect
      .poll(async () => (await form.storedSubmissions()).some((s) => s.syncState !== 'draft'), {
        timeout: 15_000,
      })
      .toBe(true);
    // This one, not the first test's, which the agent's device pulled: found by its well.
    const stored = (await form.storedSubmissionData()).find(
      (d) =>
        Math.abs(((d.well as { latitude?: number } | undefined)?.latitude ?? 0) - wellNow.latitude) < 1e-3,
    );
    const shape = stored?.field as { latitude: number; longitude: number }[];
    expect(shape).toHaveLength(4);
    const [p1, p2, p3] = shape as [(typeof shape)[0], (typeof shape)[0], (typeof shape)[0]];
    // Clicked level with the first point and above the third; dragged, it is east of the third, south of the first.
    expect(p2.longitude).toBeGreaterThan(p3.longitude);
    expect(p2.latitude).toBeLessThan(p1.latitude);
    expect(p2.latitude).toBeGreaterThan(p3.latitude);
    // ODK's text form, as the exports write it: `lat lon;…`, the ring closed on the first point.
    const text = odkGeoText('geoshape', shape).split(';');
    expect(text).toHaveLength(5);
    expect(text[4]).toBe(text[0]);
    expect(text[1]).toBe(`${p2.latitude} ${p2.longitude}`);
    expect(violations).toEqual([]);
  });
});
