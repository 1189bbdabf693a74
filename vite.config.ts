import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
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

export default defineConfig({
  define: { __TERRAIN_VERSION__: JSON.stringify(version) },
  plugins: [
    react(),
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
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
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
          ],
        },
      },
    },
  },
});
