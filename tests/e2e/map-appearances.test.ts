import { describe, expect, it } from 'vitest';
import { FormDefinition } from '../../src/core/forms/definition';
import { expectAccessible } from './harness/axe';
import { DEMO_PASSWORD } from './harness/server';
import { e2eSuite } from './harness/suite';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { UnlockPage } from './pages/UnlockPage';

const TITLE = 'Tournée des forages';
const GAO = { latitude: 16.2717, longitude: -0.0447 };

/** ODK's appearances: `maps` (GPS on a map), `hide-input` (the map only), and a line walked with GPS. */
const FORM = FormDefinition.parse({
  id: 'boreholes_walk',
  version: '2026-12-06',
  title: { fr: TITLE, en: 'Borehole round' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    {
      kind: 'question',
      type: 'geopoint',
      name: 'borehole',
      label: { fr: 'Forage', en: 'Borehole' },
      appearance: 'maps',
    },
    {
      kind: 'question',
      type: 'geopoint',
      name: 'pump',
      label: { fr: 'Pompe', en: 'Pump' },
      appearance: 'placement-map hide-input',
    },
    { kind: 'question', type: 'geotrace', name: 'path', label: { fr: 'Chemin', en: 'Path' } },
    { kind: 'question', type: 'geopoint', name: 'latrine', label: { fr: 'Latrine', en: 'Latrine' } },
  ],
  choiceLists: {},
});

describe('ODK map appearances in the browser (issue 15)', () => {
  const suite = e2eSuite('map-appearances', { forms: [FORM] });

  it('offline after a reload: maps locates at once, hide-input places with the keyboard, a walk is recorded with its length', async () => {
    const { context, page } = await suite.signedIn('agent');
    const violations: string[] = [];
    page.on(
      'console',
      (m) => /Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text()),
    );
    await context.setGeolocation({ ...GAO, accuracy: 12 });
    const home = new HomePage(page);
    await home.waitForForm(TITLE);
    await home.waitForOfflineReady();
    // In the field: no network, and the tablet reloads. The maps come from the service worker's cache.
    await context.setOffline(true);
    await page.reload();
    await new UnlockPage(page).unlock(DEMO_PASSWORD);
    await home.syncBar.getByText('Hors ligne').waitFor();
    await home.newSubmission(TITLE);
    const form = new FillFormPage(page);

    // `maps`: the device's location is taken as the question shows, drawn with its accuracy; no placing by hand.
    const borehole = form.question('Forage');
    await borehole.getByText('Position trouvée, précision 12 m.').waitFor({ timeout: 30_000 });
    await borehole.getByText('Point : lat. 16.2717 ; long. -0.0447').waitFor();
    expect(await borehole.getByRole('button', { name: /^Placer le point au centre/ }).count()).toBe(0);
    expect(await borehole.getByLabel('Latitude').inputValue()).toBe('16.2717');

    // `hide-input`: no coordinate fields; the keyboard pans the map and places the point at its centre.
    const pump = form.question('Pompe');
    expect(await pump.getByLabel('Latitude').isVisible()).toBe(false);
    const place = pump.getByRole('button', { name: /^Placer le point au centre/ });
    await expect.poll(() => place.isEnabled(), { timeout: 30_000 }).toBe(true);
    await place.focus();
    await page.keyboard.press('Enter');
    await pump.getByText(/^Point : lat\. -?[\d.]+ ; long\. -?[\d.]+$/).waitFor();
    // Offline, the built-in basemap still draws the land and the borders over the sea: never a blank map.
    const colours = await pump.locator('canvas.maplibregl-canvas').evaluate((element) => {
      const source = element as HTMLCanvasElement;
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d');
      ctx?.drawImage(source, 0, 0);
      const data = ctx?.getImageData(0, 0, copy.width, copy.height).data ?? [];
      const seen = new Set<string>();
      for (let i = 0; i < data.length; i += 4 * 97) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      return seen.size;
    });
    expect(colours).toBeGreaterThan(2);
    await expectAccessible(page, 'a form with maps (maps, hide-input, a geotrace), offline');
    await page.screenshot({ path: 'test-results/map-appearances.png', fullPage: true });

    // A walk: positions about 111 m apart join the line, and its length grows.
    const path = form.question('Chemin');
    await path.getByText('Longueur : 0 m').waitFor({ timeout: 30_000 });
    await path.getByRole('button', { name: /^Enregistrer mon parcours/ }).click();
    await path.getByText('1 point(s)').first().waitFor();
    await context.setGeolocation({ latitude: GAO.latitude + 0.001, longitude: GAO.longitude, accuracy: 5 });
    await path.getByText('2 point(s)').first().waitFor();
    await context.setGeolocation({ latitude: GAO.latitude + 0.002, longitude: GAO.longitude, accuracy: 5 });
    await path.getByText('3 point(s)').first().waitFor();
    await path.getByRole('button', { name: /^Arrêter l’enregistrement/ }).click();
    expect(await path.locator('.map-measure').innerText()).toBe('Longueur : 223 m');
    await page.screenshot({ path: 'test-results/map-walk.png', fullPage: true });

    // No appearance: coordinates and the location as before; the map on demand, showing the typed point.
    const latrine = form.question('Latrine');
    expect(await latrine.locator('.map-frame').count()).toBe(0);
    await latrine.getByLabel('Latitude').fill('16,28');
    await latrine.getByLabel('Longitude').fill('-0.05');
    const show = latrine.getByRole('button', { name: /^Afficher la carte/ });
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    await show.click();
    await latrine.getByText('Point : lat. 16.28 ; long. -0.05').waitFor();
    await latrine.getByRole('button', { name: /^Masquer la carte/ }).click();
    await latrine.locator('.map-frame').waitFor({ state: 'detached' });

    await form.finalize();
    await expect
      .poll(async () => (await form.storedSubmissions()).some((s) => s.syncState !== 'draft'), {
        timeout: 15_000,
      })
      .toBe(true);
    const [data] = await form.storedSubmissionData();
    expect(data?.borehole).toMatchObject({ latitude: GAO.latitude, longitude: GAO.longitude, accuracy: 12 });
    expect((data?.path as unknown[]).length).toBe(3);
    expect(data?.latrine).toEqual({ latitude: 16.28, longitude: -0.05 });
    expect(violations).toEqual([]);
  });
});
