import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './harness/suite';
import { DEMO_PASSWORD } from './harness/server';
import { UnlockPage } from './pages/UnlockPage';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SyncBar } from './pages/SyncBar';

const FORM = 'Enquête ménage';

describe('two tabs of one agent, and the USB-stick path', () => {
  const suite = e2eSuite('tabs-and-export');

  async function agentId(): Promise<string> {
    const user = await suite.server.withStorage((storage) => storage.userByUsername('agent'));
    if (!user) throw new Error('No agent account');
    return user.id;
  }

  it('a "Sync now" in a second tab waits for the first tab’s sync and says so', async () => {
    const { context, page: first } = await suite.signedIn('agent');
    await new HomePage(first).waitForForm(FORM);
    const second = await context.newPage();
    await second.goto(suite.server.url);
    // Each tab holds its own copy of the key in memory: a new tab unlocks with the password.
    await new UnlockPage(second).unlock(DEMO_PASSWORD);
    await new HomePage(second).waitForForm(FORM);
    const bar = SyncBar.of(second);
    await bar.idleButton().waitFor();

    // The first tab holds the user's sync lock, as it does during a long sync.
    await first.evaluate(
      (name) => {
        void navigator.locks.request(
          name,
          () =>
            new Promise<void>((resolve) => {
              (window as unknown as { releaseSync: () => void }).releaseSync = resolve;
            }),
        );
      },
      `terrain-sync-${await agentId()}`,
    );

    await bar.region.getByRole('button', { name: 'Synchroniser' }).click();
    await bar.region.getByText('Synchronisation en cours dans un autre onglet…').waitFor();
    expect(await bar.region.getByRole('button', { name: 'Synchronisation…' }).isDisabled()).toBe(true);

    await first.evaluate(() => (window as unknown as { releaseSync: () => void }).releaseSync());
    // Then the second tab runs its own sync and comes back to rest.
    await bar.idleButton().waitFor();
    expect(await bar.text()).not.toContain('autre onglet');
  });

  it('an agent exports what is unsent, a supervisor imports it, the agent syncs later: stored once', async () => {
    const { context, page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    await home.waitForOfflineReady();
    await context.setOffline(true);

    await home.newSubmission(FORM);
    const form = new FillFormPage(page);
    await form.finalizeHousehold({ name: 'Fatoumata Touré', members: '5', date: '2026-11-23' });
    const bar = SyncBar.of(page);
    await bar.waiting(1).waitFor();

    // Offline, from the sync bar: one file with everything unsent.
    await bar.region.getByRole('link', { name: 'Exporter les données non envoyées' }).click();
    await page.getByText('À exporter : 1 en attente, 0 à corriger, 0 brouillon(s).').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Enregistrer le fichier' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^terrain-agent-.*\.json\.gz$/);
    const path = await download.path();
    const file = JSON.parse(gunzipSync(await readFile(path)).toString('utf8')) as {
      version: number;
      signature?: string;
      mutations: { id: string; state: string }[];
    };
    expect(file.mutations.map((m) => m.state)).toEqual(['pending']);
    // Signed by the device's key, which it registered when it was online (docs/sync-protocol.md, "Devices").
    expect(file.version).toBe(2);
    expect(file.signature).toMatch(/^es256:/);
    const id = file.mutations[0]!.id;
    await page.getByText(/^Fichier enregistré/).waitFor();

    // At base, the supervisor imports it.
    const { page: supervisor } = await suite.signedIn('supervisor');
    await new HomePage(supervisor).waitForForm(FORM);
    await supervisor.getByRole('link', { name: 'Importer le fichier d’un appareil (superviseur)' }).click();
    await supervisor.getByLabel('Fichier d’export (.json ou .json.gz)').setInputFiles(path);
    await supervisor.getByRole('button', { name: 'Importer', exact: true }).click();
    await supervisor
      .getByText('Import terminé : 1 enregistré(s), 0 déjà reçu(s), 0 refusé(s) sur 1.')
      .waitFor();
    expect((await suite.server.submission(id))?.createdBy).toBe(await agentId());

    // Back in network, the agent's device sends it too: answered duplicate, stored once.
    await context.setOffline(false);
    await bar.waitForAllSent(30_000);
    const arrivals = await suite.server.withStorage(async (storage) =>
      (await storage.listAudit(10_000)).filter((e) => e.recordId === id).map((e) => e.action),
    );
    expect(arrivals).toEqual(['submission.import']);
  });
});
