import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FormDefinition } from '../../../src/core/forms/definition';
import { publishFormVersion } from '../../../src/server/catalog';
import { importForm, type ImportResult } from '../../../src/server/forms/importForm';
import { openStorage, startServer } from '../../../src/server/main';
import { DEMO_PROJECT } from '../../../src/server/seed/demoForm';
import type { EntityRecord, Storage } from '../../../src/server/storage/Storage';
import type { TlsSettings } from '../../../src/server/tls/config';

export const DEMO_PASSWORD = 'terrain-demo-2026';
const dist = resolve(import.meta.dirname, '../../../dist');

/**
 * The real server on a random port with a fresh SQLite database and the demo seed, serving a private copy
 * of the built PWA (`staticDir`), which a test may change to publish a "new version".
 */
export async function startTestServer(
  options: { idleLockMinutes?: number; tls?: (dataDir: string) => Promise<TlsSettings> } = {},
) {
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
    idleLockMinutes: options.idleLockMinutes,
    tls: await options.tls?.(dataDir),
  });
  /** A second handle on the server's database, for what a test sets up or checks behind the API's back. */
  async function withStorage<T>(use: (storage: Storage) => Promise<T>): Promise<T> {
    const storage = await openStorage({ dataDir });
    try {
      return await use(storage);
    } finally {
      await storage.close();
    }
  }
  return {
    url: server.url,
    port: server.port,
    httpPort: server.httpPort,
    dataDir,
    staticDir,
    /** Publishes a form version into the demo project. */
    async publishForm(definition: FormDefinition, projectId: string = DEMO_PROJECT.id) {
      const at = new Date();
      await withStorage((storage) =>
        storage.transaction((tx) =>
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
        ),
      );
    },
    /** Imports an XLSForm file into the demo project with the server's own import code (`forms import`). */
    async importForm(
      fileName: string,
      bytes: Uint8Array,
      projectId: string = DEMO_PROJECT.id,
    ): Promise<ImportResult> {
      return withStorage((storage) =>
        importForm(storage, { projectId, bytes, fileName, userId: null, now: new Date() }),
      );
    },
    /** A submission as the server's database holds it; undefined when the server has none with that id. */
    async submission(id: string): Promise<EntityRecord | undefined> {
      return withStorage((storage) => storage.getEntity('submissions', id));
    },
    /** Reads (or writes) the server's database directly, through a second handle on it. */
    withStorage,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
