import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import type { DeviceState, SeedRequest, TerrainTestDevice } from './device/testDevice';
import { DEMO_PASSWORD } from './server';

export type { DeviceState, SeedRequest } from './device/testDevice';

const entry = resolve(import.meta.dirname, 'device/testDevice.ts');
let bundle: Promise<string> | undefined;

/**
 * device/testDevice.ts and the app modules it imports, as one script. It is built from the sources at hand,
 * so it always matches the database schema and repositories of the app under test; once per test file.
 */
function deviceScript(): Promise<string> {
  bundle ??= build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name: 'terrainTestDeviceModule' },
    },
  }).then((result) => {
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
    if (chunk?.type !== 'chunk') throw new Error('The test device script did not build');
    return chunk.code;
  });
  return bundle;
}

type WithDevice = typeof globalThis & { terrainTestDevice: TerrainTestDevice };

/**
 * Test-only access to the device's data from any page of the app's origin, through the app's own
 * repositories (see device/testDevice.ts). Evaluated through DevTools, which the Content-Security-Policy does
 * not apply to; nothing is added to the app.
 */
export class TestDevice {
  /** `password`: the signed-in user's, which unlocks their sealed database (src/app/vault). */
  constructor(
    readonly page: Page,
    readonly password = DEMO_PASSWORD,
  ) {}

  /** Starts building the script now, so it is ready when first needed (a build takes a few seconds). */
  static prepare(): void {
    deviceScript().catch(() => undefined); // a failure is reported where the script is used
  }

  private async load(): Promise<void> {
    const loaded = await this.page.evaluate(() => 'terrainTestDevice' in globalThis);
    if (!loaded) await this.page.evaluate(await deviceScript());
  }

  /** Finalizes submissions as the fill screen would; returns their ids. */
  async seedSubmissions(request: SeedRequest): Promise<string[]> {
    await this.load();
    return this.page.evaluate(
      ([r, password]) => (globalThis as WithDevice).terrainTestDevice.seedSubmissions(r, password),
      [request, this.password] as const,
    );
  }

  /** A generated JPEG of `width`×`height`, as bytes a test can give to a file input. */
  async photo(seed: number, width: number, height: number): Promise<Buffer> {
    await this.load();
    const base64 = await this.page.evaluate(
      ([s, w, h]) => (globalThis as WithDevice).terrainTestDevice.photoBase64(s, w, h),
      [seed, width, height] as const,
    );
    return Buffer.from(base64, 'base64');
  }

  /** The other users' databases on this browser, as the signed-in user's key opens them (it should not). */
  async openOthers(): Promise<{ name: string; opened: number; errors: string[] }[]> {
    await this.load();
    return this.page.evaluate(
      (password) => (globalThis as WithDevice).terrainTestDevice.openOthers(password),
      this.password,
    );
  }

  async read(): Promise<DeviceState> {
    await this.load();
    return this.page.evaluate(
      (password) => (globalThis as WithDevice).terrainTestDevice.readDevice(password),
      this.password,
    );
  }
}
