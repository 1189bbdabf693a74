/**
 * The field agent's JavaScript budget (GUIDE §4): what a browser must download to open the app and fill a
 * form, gzip-compressed, must stay within 170 KB. Counted from Vite's manifest, in the worst case: the entry
 * chunk and its static imports, the signed-in app (the `shell` chunk, loaded after the sign-in page), the
 * form page (the `form` chunk) with EVERY chunk it may load (question widgets, pages mode),
 * and the larger of the two languages' strings (each agent loads one). Chunks that are not needed to open and fill — the other
 * pages, and the sync code that loads right after the first screen — are printed but not counted.
 * One lazy chunk reachable from the form page is left out by name (NOT_COUNTED_LAZY): the code of the rarer
 * ODK functions (digest, randomize, area…, src/core/forms/expr/functions/extra.ts), which the app loads only
 * before filling a form that calls one of them (functions/lazy.ts); it is printed on a line of its own,
 * bundle.form_functions_js_gzip_kb. So is the display of a form's media (components/formMedia), loaded only
 * by forms whose labels have images, sounds or videos. Nothing else is left out.
 * Prints the figures; exits 1 over budget.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 170 * 1024;
/** [module, also count what it loads lazily] */
export const FIELD_AGENT_ENTRIES: [string, boolean][] = [
  ['index.html', false],
  // The signed-in app (home page, Dexie…): the chunk vite.config.ts names `shell`, loaded after the sign-in
  // page; every agent downloads it to open the app.
  ['shell', false],
  // The form page and all it imports that the shell does not (the chunk named `form`), with every chunk it
  // may load (question widgets).
  ['form', true],
];
/** Each agent loads one language's strings: the larger is counted. */
export const LANGUAGE_CHUNKS = ['src/app/i18n/fr.ts', 'src/app/i18n/en.ts'];
/**
 * Lazy chunks not counted though the form page may load them: only forms that call one of their functions
 * do (see the header); and the display of a form's images, sounds and videos, which only forms with media
 * (media::image…) load. Printed separately.
 */
export const NOT_COUNTED_LAZY = [
  'src/core/forms/expr/functions/extra.ts',
  'src/app/components/formMedia/LabelMediaView.tsx',
];
/**
 * The map (MapLibre, about 300 KB gzip, and the map widgets): loaded only when a map shows (a geo question
 * on a map, a submission's map), in a chunk of its own (vite.config.ts `map`), never in the entry, `shell`,
 * `form` or widgets chunks: MapLibre in a counted file fails the check. Printed as bundle.map_js_gzip_kb.
 */
export const MAP_LAZY = ['src/app/maps/MapWidgets.tsx'];
/**
 * The public site (`/public/`, no sign-in): the entry and the public chunk with their static imports, and the
 * larger language's strings. Printed as bundle.public_js_gzip_kb; the signed-in app's `shell` chunk among
 * them fails the check (vite.config.ts, publicSiteModules: a visitor has no use for zod or Dexie).
 */
export const PUBLIC_SITE = 'src/app/public/PublicSite.tsx';
/** Loaded after the first screen; shown for information. */
export const AFTER_START = ['src/app/state/syncModule.ts'];

interface ManifestChunk {
  file: string;
  name?: string;
  imports?: string[];
  dynamicImports?: string[];
}

function readManifest(dist: string): Record<string, ManifestChunk> {
  return JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}

function collect(
  manifest: Record<string, ManifestChunk>,
  entries: [string, boolean][],
  strict = false,
): string[] {
  const files = new Set<string>();
  const shell = new Set<string>();
  const visit = (key: string, lazyToo: boolean) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    // The static part of an entry counted without its lazy chunks (the app shell: its lazy chunks are the
    // other pages): when the form page imports code from it, those pages are still not the form page's.
    if (!lazyToo) shell.add(chunk.file);
    for (const imported of chunk.imports ?? [])
      visit(imported, lazyToo && !shell.has(manifest[imported]?.file ?? ''));
    if (!lazyToo) return;
    for (const imported of chunk.dynamicImports ?? [])
      if (!NOT_COUNTED_LAZY.includes(imported) && !MAP_LAZY.includes(imported)) visit(imported, lazyToo);
  };
  // A module built into another chunk (e.g. strings not split out) has no entry of its own: nothing to add.
  // An entry is a module (its key in the manifest) or a chunk named in vite.config.ts (`shell`, `form`);
  // the field agent's must all be there (strict), a language's strings may be built into another chunk.
  const keyOf = (key: string) =>
    manifest[key] ? key : Object.keys(manifest).find((k) => k.startsWith('_') && manifest[k]?.name === key);
  for (const [key, lazyToo] of entries) {
    const found = key === 'index.html' ? key : keyOf(key);
    if (found) visit(found, lazyToo);
    else if (strict) throw new Error(`No module or chunk ${key} in the build manifest`);
  }
  return [...files].filter((file) => file.endsWith('.js'));
}

const gzipSize = (dist: string, file: string) => gzipSync(readFileSync(join(dist, file))).length;

export function fieldAgentScripts(dist: string): string[] {
  const manifest = readManifest(dist);
  const base = collect(manifest, FIELD_AGENT_ENTRIES, true);
  const languages = LANGUAGE_CHUNKS.map((key) =>
    collect(manifest, [[key, false]]).filter((file) => !base.includes(file)),
  );
  const bytes = (files: string[]) => files.reduce((sum, file) => sum + gzipSize(dist, file), 0);
  const largest = languages.reduce((a, b) => (bytes(b) > bytes(a) ? b : a), []);
  return [...base, ...largest];
}

export function fieldAgentGzipBytes(dist: string): {
  files: { file: string; gzip: number }[];
  total: number;
} {
  const files = fieldAgentScripts(dist).map((file) => ({ file, gzip: gzipSize(dist, file) }));
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

/** The public site's start-up files (PUBLIC_SITE); `shell` is the signed-in app's chunk, or undefined. */
export function publicSiteScripts(dist: string): { files: string[]; shell: string | undefined } {
  const manifest = readManifest(dist);
  const base = collect(manifest, [
    ['index.html', false],
    [PUBLIC_SITE, false],
  ]);
  const languages = LANGUAGE_CHUNKS.map((key) =>
    collect(manifest, [[key, false]]).filter((file) => !base.includes(file)),
  );
  const bytes = (files: string[]) => files.reduce((sum, file) => sum + gzipSize(dist, file), 0);
  const largest = languages.reduce((a, b) => (bytes(b) > bytes(a) ? b : a), []);
  const shellKey = Object.keys(manifest).find((k) => k.startsWith('_') && manifest[k]?.name === 'shell');
  const shell = shellKey ? manifest[shellKey]?.file : undefined;
  return { files: [...base, ...largest], shell };
}

/** The map code's files (MAP_LAZY's chunks, not counted in the budget), for `npm run bench -- map`. */
export function mapScripts(dist: string): string[] {
  const counted = new Set(fieldAgentScripts(dist));
  return collect(
    readManifest(dist),
    MAP_LAZY.map((key): [string, boolean] => [key, false]),
  ).filter((f) => !counted.has(f));
}

export const gzipBytesOf = gzipSize;

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = resolve(import.meta.dirname, '..', 'dist');
  const { files, total } = fieldAgentGzipBytes(dist);
  for (const f of files) console.log(`  ${f.file}: ${(f.gzip / 1024).toFixed(1)} KB gzip`);
  const counted = new Set(files.map((f) => f.file));
  const manifest = readManifest(dist);
  const later = collect(
    manifest,
    AFTER_START.map((key): [string, boolean] => [key, false]),
  ).filter((f) => !counted.has(f));
  const laterBytes = later.reduce((sum, file) => sum + gzipSize(dist, file), 0);
  console.log(
    `bundle.after_first_screen_js_gzip_kb: ${(laterBytes / 1024).toFixed(1)} (sync code, not counted)`,
  );
  const lazyFigures: [string, string, string][] = [
    [NOT_COUNTED_LAZY[0]!, 'form_functions', 'loaded only by forms that call them'],
    [NOT_COUNTED_LAZY[1]!, 'form_media', 'loaded only by forms with images, sounds or videos'],
  ];
  for (const [key, figure, why] of lazyFigures) {
    const lazyFiles = collect(manifest, [[key, false]]).filter((f) => !counted.has(f));
    const lazyBytes = lazyFiles.reduce((sum, file) => sum + gzipSize(dist, file), 0);
    console.log(`bundle.${figure}_js_gzip_kb: ${(lazyBytes / 1024).toFixed(1)} (${why}, not counted)`);
  }
  const map = collect(
    manifest,
    MAP_LAZY.map((key): [string, boolean] => [key, false]),
  ).filter((f) => !counted.has(f));
  const mapBytes = map.reduce((sum, file) => sum + gzipSize(dist, file), 0);
  console.log(
    `bundle.map_js_gzip_kb: ${(mapBytes / 1024).toFixed(1)} (loaded only when a map shows, not counted)`,
  );
  const withMapLibre = files.filter((f) => readFileSync(join(dist, f.file), 'utf8').includes('maplibre'));
  if (withMapLibre.length) {
    console.error(
      `MapLibre is in the field agent's start-up JavaScript: ${withMapLibre.map((f) => f.file).join(', ')}`,
    );
    process.exit(1);
  }
  const publicSite = publicSiteScripts(dist);
  const publicBytes = publicSite.files.reduce((sum, file) => sum + gzipSize(dist, file), 0);
  console.log(`bundle.public_js_gzip_kb: ${(publicBytes / 1024).toFixed(1)} (the public site, not counted)`);
  if (publicSite.shell && publicSite.files.includes(publicSite.shell)) {
    console.error(`The public site imports the signed-in app's chunk ${publicSite.shell} (vite.config.ts).`);
    process.exit(1);
  }
  console.log(`bundle.field_agent_js_gzip_kb: ${(total / 1024).toFixed(1)} (budget ${BUDGET_BYTES / 1024})`);
  if (total > BUDGET_BYTES) {
    console.error('Over the field agent JavaScript budget (GUIDE §4).');
    process.exit(1);
  }
}
