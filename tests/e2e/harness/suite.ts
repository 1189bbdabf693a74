import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { FormDefinition } from '../../../src/core/forms/definition';
import type { ImportResult } from '../../../src/server/forms/importForm';
import { fixture } from '../../server/forms/fixtureFiles';
import { SignInPage } from '../pages/SignInPage';
import { launchChromium } from './chromium';
import { screenshotOnFailure } from './screenshots';
import { DEMO_PASSWORD, startTestServer } from './server';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

interface SuiteOptions {
  /** Form definitions published in the demo project. */
  forms?: FormDefinition[];
  /** XLSForm files of the shared fixtures (`../shared/fixtures/xlsforms`), imported as `forms import` does. */
  xlsForms?: string[];
  /** The server's IDLE_LOCK_MINUTES (15 by default). */
  idleLockMinutes?: number;
}

/**
 * One end-to-end suite: the real server (with extra forms published) and Chromium, started before the tests
 * and closed after them. Devices are French-speaking tablets in Gao unless a test says otherwise.
 */
export function e2eSuite(name: string, options: SuiteOptions = {}) {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const imported: ImportResult[] = [];

  beforeAll(async () => {
    server = await startTestServer({ idleLockMinutes: options.idleLockMinutes });
    for (const form of options.forms ?? []) await server.publishForm(form);
    for (const file of options.xlsForms ?? []) imported.push(await server.importForm(file, fixture(file)));
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  const suite = {
    get server(): TestServer {
      if (!server) throw new Error('The e2e server has not started');
      return server;
    },
    /** What importing each of `xlsForms` gave, in order. */
    imported,
    /** A new device (French unless `locale` says otherwise). Call inside a test: a failing test leaves screenshots of its devices in test-results/. */
    async device(options: { locale?: string } = {}): Promise<BrowserContext> {
      if (!browser) throw new Error('Chromium has not started');
      const context = await browser.newContext({
        locale: options.locale ?? 'fr-FR',
        timezoneId: 'Africa/Bamako',
        geolocation: { latitude: 16.2717, longitude: -0.0447, accuracy: 12 },
        permissions: ['geolocation'],
      });
      if (contexts.length === 0) screenshotOnFailure(name, () => contexts);
      contexts.push(context);
      return context;
    },
    /** A new device with `username` signed in (the demo password). */
    async signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
      const context = await suite.device();
      const page = await context.newPage();
      const signIn = new SignInPage(page);
      await signIn.open(suite.server.url);
      await signIn.signIn(username, DEMO_PASSWORD);
      // As an agent does before leaving the base: the app is installed for offline use (the service worker
      // has precached it) before a test takes the network away and reloads. Under CI's load it can still be
      // filling its precache seconds after signing in.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      return { context, page };
    },
  };
  return suite;
}
