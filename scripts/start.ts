/**
 * `npm start`: build the PWA when it is missing or older than its sources, then serve PWA + API.
 * Configuration comes from the environment (see README): PORT, DATA_DIR, DATABASE_URL, DEMO_PASSWORD,
 * TOKEN_TTL_DAYS, TRUST_PROXY, and HTTPS: TLS_CERT, TLS_KEY, HTTP_PORT or `tls init`'s files (docs/https.md).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { tokenTtlDaysFromEnv } from '../src/server/auth/tokens';
import { startServer } from '../src/server/main';
import { tlsFromEnv } from '../src/server/tls/config';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const sources = ['src/app', 'src/core', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

const builtAt = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0;
const changedAt = Math.max(...sources.map((s) => newestMtime(join(root, s))));
if (changedAt > builtAt) {
  console.log(builtAt ? 'Sources changed: rebuilding the app…' : 'Building the app (first start)…');
  await build({ root, logLevel: 'warn' });
}

const dataDir = resolve(root, process.env.DATA_DIR ?? 'data');
const server = await startServer({
  port: Number(process.env.PORT ?? 8080),
  dataDir,
  tls: tlsFromEnv(process.env, dataDir),
  databaseUrl: process.env.DATABASE_URL || undefined,
  demoPassword: process.env.DEMO_PASSWORD || undefined,
  sampleData: true,
  staticDir: dist,
  tokenTtlDays: tokenTtlDaysFromEnv(process.env.TOKEN_TTL_DAYS),
  trustProxy: ['1', 'true', 'yes'].includes((process.env.TRUST_PROXY ?? '').toLowerCase()),
});
console.log(`Terrain is running at ${server.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
