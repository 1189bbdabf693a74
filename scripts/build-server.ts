/**
 * `npm run build` (after `vite build`): compiles the server into dist-server/, which `npm run serve` runs
 * with plain Node (`node dist-server/cli.js serve`), no tsx, and only the production dependencies.
 *
 * Why an esbuild bundle rather than tsc: the sources import each other without extensions (`./app`), which
 * Node's ES modules refuse; tsc would need a rewriting step, a bundle needs none. The JSON the server imports
 * (the common passwords) and the migrations (code) are inside the bundle, so nothing is looked up beside
 * the sources at run time. npm packages stay external: they are the ones `npm ci --omit=dev` installs.
 * esbuild comes with tsx and vite; it is only needed to build.
 *
 * Two entry points: the CLI, and the form reader's worker thread, which convertInWorker.ts starts from
 * `./formWorker.js` beside the module that runs it (the bundle).
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

export async function buildServer(outdir: string): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/server/cli.ts', formWorker: 'src/server/forms/formWorker.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const outdir = resolve(import.meta.dirname, '..', process.argv[2] ?? 'dist-server');
  const started = performance.now();
  await buildServer(outdir);
  console.log(`Server built into ${outdir} in ${Math.round(performance.now() - started)} ms`);
}
