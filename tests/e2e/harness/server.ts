import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FormDefinition } from '../../../src/core/forms/definition';
import { publishFormVersion } from '../../../src/server/catalog';
import { openStorage, startServer } from '../../../src/server/main';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';

export const DEMO_PASSWORD = 'terrain-demo-2026';
const dist = resolve(import.meta.dirname, '../../../dist');

/**
 * The real server on a random port with a fresh SQLite database and the demo seed, serving a private copy
 * of the built PWA (`staticDir`), which a test may change to publish a "new version".
 */
export async function startTestServer() {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is missing: run `vite build` first');
  const dir = mkdtempSync(join(tmpdir(), 'terrain-e2e-'));
  const staticDir = join(dir, 'dist');
  cpSync(dist, staticDir, { recursive: true });
  const dataDir = join(dir, 'data');
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    staticDir,
    demoPassword: DEMO_PASSWORD,
  });
  return {
    url: server.url,
    staticDir,
    /** Publishes a form version into the demo project (through a second handle on the same database). */
    async publishForm(definition: FormDefinition, projectId: string = DEMO_PROJECT.id) {
      const storage = await openStorage({ dataDir });
      try {
        const at = new Date();
        await storage.transaction((tx) =>
          publishFormVersion(
            tx,
            {
              formId: definition.id,
              version: definition.version,
              projectId,
              publishedAt: at.toISOString(),
              definition,
            },
            null,
            at,
          ),
        );
      } finally {
        await storage.close();
      }
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
