import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsFromEnv } from '../../src/server/tls/config';
import { expectAccessible } from './harness/axe';
import { launchChromium } from './harness/chromium';
import { startTestServer } from './harness/server';

const root = resolve(import.meta.dirname, '../..');
const HOST = 'base.local';

/**
 * A base with no internet, as a tablet's Chrome meets it: `tls init` makes the local authority, the server
 * serves HTTPS with its certificate, and a browser that trusts the authority through a real NSS trust store
 * (a HOME of its own with `$HOME/.pki/nssdb`, as a user's install would fill it: libnss3-tools' certutil)
 * reaches https://base.local:PORT/, installs the service worker and is redirected from plain HTTP.
 */
describe('HTTPS with the local authority of tls init', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let browser: Browser | undefined;
  const home = mkdtempSync(join(tmpdir(), 'terrain-e2e-home-'));

  beforeAll(async () => {
    server = await startTestServer({
      tls: (dataDir) => {
        execFileSync(
          join(root, 'node_modules/.bin/tsx'),
          ['src/server/cli.ts', 'tls', 'init', '--host', HOST],
          {
            cwd: root,
            env: { ...process.env, DATA_DIR: dataDir },
            stdio: 'ignore',
          },
        );
        const tls = tlsFromEnv({ HTTP_PORT: '0' }, dataDir);
        if (!tls) throw new Error('tls init made no certificate');
        return Promise.resolve(tls);
      },
    });
    const nssdb = join(home, '.pki', 'nssdb');
    mkdirSync(nssdb, { recursive: true });
    execFileSync('certutil', ['-N', '-d', `sql:${nssdb}`, '--empty-password']);
    const ca = join(server.dataDir, 'tls', 'ca.pem');
    execFileSync('certutil', ['-A', '-d', `sql:${nssdb}`, '-n', 'Terrain test base', '-t', 'C,,', '-i', ca]);
    browser = await launchChromium({
      args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
      env: { ...process.env, HOME: home },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(home, { recursive: true, force: true });
  });

  const app = () => `https://${HOST}:${server?.port}/`;

  it('sends plain HTTP to HTTPS', async () => {
    const context = await browser!.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const response = await page.goto(`http://${HOST}:${server?.httpPort}/`);
    expect(page.url()).toBe(app());
    expect(response?.status()).toBe(200);
    expect(response?.request().redirectedFrom()?.url()).toBe(`http://${HOST}:${server?.httpPort}/`);
    await context.close();
  });

  it('is trusted by Chrome, which installs the service worker and lets it control the page', async () => {
    const context = await browser!.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const response = await page.goto(app());
    expect(response?.headers()['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    await page.getByLabel("Nom d'utilisateur").waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

    // The page on installing the authority is the server's, not the app shell the worker falls back to.
    await page.goto(`${app()}ca`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Installer le certificat de la base sur une tablette');
    await expectAccessible(page, 'the page on installing the local authority', ['best-practice']);
    // Over plain HTTP, where a new tablet gets it before it trusts the authority; by IP address, as tablets
    // on a base's network do (HSTS now sends this browser from http://base.local to HTTPS on any port).
    const plain = `http://127.0.0.1:${server?.httpPort}/ca?lang=en`;
    await page.goto(plain);
    expect(page.url()).toBe(plain);
    await page.getByRole('heading', { name: 'Install the base’s certificate on a tablet' }).waitFor();
    await expectAccessible(page, 'the same page in English, over plain HTTP', ['best-practice']);
    await context.close();
  });

  it('is refused by a browser that does not trust the authority', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'terrain-e2e-home-'));
    const untrusting = await launchChromium({
      args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
      env: { ...process.env, HOME: bare },
    });
    try {
      const page = await untrusting.newPage();
      await expect(page.goto(app())).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await untrusting.close();
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
