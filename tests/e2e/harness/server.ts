import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../../src/server/main';

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
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    staticDir,
    demoPassword: DEMO_PASSWORD,
  });
  return {
    url: server.url,
    staticDir,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
