import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { ChunkingContext } from 'rolldown';
import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const THEME = '#1d4d2f';
/** The app reports its version to the server (src/app/sync/appVersion.ts), for the list of devices. */
const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The lazily loaded question widgets (questions/QuestionField.tsx, EngineForm.tsx) and their helpers; not
 * MediaPreview, which the submission pages show too. */
const WIDGETS =
  /src\/app\/(components\/questions\/(DateTime|DateParts|dateTime|Range|Geopoint|GeoList|PointAdder|pointAnswers|MediaQuestion|media\/|Barcode|Rank|rankOrder|PagedItems)|hooks\/(useGeolocation|useMediaSave|useBarcodeScan))|src\/core\/i18n\/dateParts/;

/**
 * The map: loaded only when a map shows. MapLibre with the module that makes a map (mapLibrary, basemap), in
 * one chunk, which the public site loads too; the app's map widgets (src/app/maps/MapWidgets.tsx, core/geo)
 * in another, since they import the form engine and the signed-in app's code, which a visitor of the public
 * map has no use for. core/geo's answerFeatures and submissionMap are in neither: the data map page reads
 * them to know whether there is anything to draw before it loads MapLibre.
 */
const MAP_LIBRARY = /src\/app\/maps\/(mapLibrary|basemap)|node_modules\/maplibre-gl\//;
const MAP_WIDGETS =
  /src\/app\/maps\/MapWidgets|src\/app\/i18n\/mapStrings|src\/core\/geo\/(vertices|measure)/;

const closureRoots: [chunk: string, modules: string[]][] = [
  ['signin', ['src/app/pages/SignIn.tsx', 'src/app/pages/Unlock.tsx']],
  ['shell', ['src/app/components/AppShell.tsx']],
  ['form', ['src/app/pages/FillForm.tsx']],
];
let closures: Map<string, string> | undefined;

/**
 * Chunks of what an agent needs, cut by what imports them rather than by where lazy pages share modules:
 * `shell`, the signed-in app (AppShell and all it imports statically: the home page, Dexie, the
 * repositories), loaded after the sign-in page (src/app/App.tsx) so that a new user's first screen does not
 * wait for it on a slow link; and `form`, the form page with all it imports statically that the shell does
 * not (the engine, react-hook-form). What the sign-in or unlock page shares with the shell (the language
 * switch…) joins the start chunk, so that neither waits for the other; so does what the public site shares
 * with the shell or the form page (publicSiteModules). Otherwise Rolldown cuts a dozen small
 * chunks where lazy pages share modules with these: each its own request at a 400 ms round trip, and about
 * 2 KB worse compressed.
 */
function agentChunk(id: string, ctx: ChunkingContext): string | null {
  if (!closures) {
    closures = new Map();
    for (const [name, roots] of closureRoots) {
      const stack = roots.map((root) => fileURLToPath(new URL(root, import.meta.url)));
      const seen = new Set<string>();
      for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        if (seen.has(next)) continue;
        seen.add(next);
        const before = closures.get(next);
        closures.set(next, before === 'signin' ? 'start' : (before ?? name));
        stack.push(...(ctx.getModuleInfo(next)?.importedIds ?? []));
      }
    }
  }
  const chunk = closures.get(id);
  if (chunk === undefined || chunk === 'signin') return null;
  return (chunk === 'shell' || chunk === 'form') && publicSiteModules(ctx).has(id) ? 'start' : chunk;
}

/** The public site (`/public/`, no sign-in; issue 15), loaded lazily by the entry. */
const PUBLIC_SITE = 'src/app/public/PublicSite.tsx';
let publicModules: Set<string> | undefined;

/**
 * The modules the public site imports statically. It must not download the signed-in app's `shell` chunk
 * (zod, Dexie…, about 52 KB gzip): the few modules it shares with the agent's chunks (pickText, day, the
 * language switch…, each zod-free) go to the `start` chunk, which both load anyway: the agent downloads
 * the same code (23 bytes more gzip, the imports between chunks). `scripts/bundle-budget.ts` fails when the public site imports `shell` again (e.g. a module
 * with a zod schema imported from src/app/public).
 */
function publicSiteModules(ctx: ChunkingContext): Set<string> {
  if (!publicModules) {
    publicModules = new Set();
    const stack = [fileURLToPath(new URL(PUBLIC_SITE, import.meta.url))];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (publicModules.has(next)) continue;
      publicModules.add(next);
      stack.push(...(ctx.getModuleInfo(next)?.importedIds ?? []));
    }
  }
  return publicModules;
}

/**
 * What a new user's first screen loads lazily: the sign-in page and the default language's strings (French;
 * an English browser fetches its own as well). `index.html` names them and what they import for the browser
 * to fetch along with the entry, rather than one round trip after it has run (about 0.8 s at 400 ms).
 */
const FIRST_SCREEN = ['src/app/pages/SignIn.tsx', 'src/app/i18n/fr.ts'];

function preloadFirstScreen(): Plugin {
  return {
    name: 'terrain-preload-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const entry = chunks.find((c) => c.isEntry);
        if (!entry) throw new Error('preloadFirstScreen: no entry chunk');
        const loaded = new Set([entry.fileName, ...entry.imports]);
        const wanted = new Set<string>();
        const add = (file: string): void => {
          const chunk = bundle[file];
          if (loaded.has(file) || wanted.has(file) || chunk?.type !== 'chunk') return;
          wanted.add(file);
          chunk.imports.forEach(add);
        };
        for (const root of FIRST_SCREEN) {
          const id = fileURLToPath(new URL(root, import.meta.url));
          const chunk = chunks.find((c) => c.facadeModuleId === id);
          if (!chunk) throw new Error(`preloadFirstScreen: ${root} is not a chunk of its own`);
          add(chunk.fileName);
        }
        return [...wanted].map((file): HtmlTagDescriptor => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}` },
          injectTo: 'head',
        }));
      },
    },
  };
}

/**
 * Brotli copies of the text files, made once at build time at the highest quality (`file.js.br`), which the
 * server sends to browsers that accept them (src/server/http/static.ts): about a sixth smaller than the gzip
 * it makes on the fly, on every first load over a slow link. The service worker precaches the plain files.
 */
function brotliCopies(): Plugin {
  const COMPRESSIBLE = /\.(js|css|html|svg|webmanifest|json)$/;
  let outDir = 'dist';
  return {
    name: 'terrain-brotli-copies',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const [file, output] of Object.entries(bundle)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const bytes = output.type === 'chunk' ? Buffer.from(output.code) : Buffer.from(output.source);
        if (bytes.length < 1024) continue;
        const packed = brotliCompressSync(bytes, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
            [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        });
        writeFileSync(join(outDir, `${file}.br`), packed);
      }
    },
  };
}

export default defineConfig({
  define: { __TERRAIN_VERSION__: JSON.stringify(version) },
  plugins: [
    react(),
    preloadFirstScreen(),
    brotliCopies(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      filename: 'sw.js',
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: 'Terrain',
        short_name: 'Terrain',
        description: 'Collecte de données hors ligne pour les ONG / Offline field data collection for NGOs',
        lang: 'fr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME,
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // geojson: the built-in basemap (public/maps/, scripts/basemap.ts), so that a map is never blank offline.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,geojson}'],
        navigateFallback: 'index.html',
        // The server's own pages: the local authority's instructions and certificate (src/server/tls/caRoutes.ts).
        navigateFallbackDenylist: [/^\/api\//, /^\/ca(\.crt)?(\?|$)/],
        // No runtime caching: /api responses are private data (Cache-Control: no-store) and never cached.
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // dist/.vite/manifest.json: the chunk graph, read by scripts/bundle-budget.ts.
    manifest: true,
    rollupOptions: {
      output: {
        // Everything the entry imports statically is downloaded at start anyway: one chunk rather than the
        // nine Rolldown made of it (modules shared with lazy pages), which compresses about 2.5 KB smaller
        // and costs fewer requests. Lazy pages and widgets stay in their own chunks.
        codeSplitting: {
          // A group takes the modules it names, not everything they import (react-hook-form stays apart).
          includeDependenciesRecursively: false,
          groups: [
            { name: 'start', tags: ['$initial'] },
            // The question widgets a form loads when it has such a question: one chunk rather than eleven.
            // On a 400 ms round trip each lazy widget was a request of its own, discovered only as the form
            // rendered; together they compress about 3 KB smaller (they share most of their imports).
            { name: 'widgets', test: WIDGETS },
            // MapLibre (about 1 MB), then the map widgets: never in the entry, `shell` or `form` chunks, nor in
            // the widgets' (scripts/bundle-budget.ts prints them on a line of their own).
            { name: 'map', test: MAP_LIBRARY },
            { name: 'mapWidgets', test: MAP_WIDGETS },
            { name: agentChunk },
          ],
        },
      },
    },
  },
});
