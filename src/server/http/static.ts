import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './env';

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
const isAsset = (path: string) => path.startsWith('/assets/');

/** Serves the built PWA from `dir`; any other GET outside /api gets index.html (client-side routing). */
export function mountStatic(app: Hono<AppEnv>, dir: string): void {
  app.use('*', async (c, next) => {
    await next();
    if (isApi(c.req.path) || !c.res.ok) return;
    // Vite names files under assets/ by content hash: a new build brings new names, so they never go stale.
    // Everything else (index.html, sw.js, the manifest) must be revalidated so that updates reach devices.
    const cacheControl = isAsset(c.req.path) ? 'public, max-age=31536000, immutable' : 'no-cache';
    c.res.headers.set('Cache-Control', cacheControl);
  });
  // The build's Brotli copies (vite.config.ts, brotliCopies) where the browser accepts them; otherwise the
  // compress middleware gzips on the fly.
  app.get('*', serveStatic<AppEnv>({ root: dir, precompressed: true }));
  app.get('*', async (c, next) => {
    // A missing hashed asset is a real 404: answering HTML where a script is expected only hides the error.
    if (isApi(c.req.path) || isAsset(c.req.path)) return next();
    return serveStatic<AppEnv>({ root: dir, path: 'index.html', precompressed: true })(c, next);
  });
}
