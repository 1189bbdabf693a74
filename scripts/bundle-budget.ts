/**
 * The field agent's JavaScript budget (GUIDE §4): what a browser must download to open the app and fill a
 * form, gzip-compressed, must stay within 170 KB. That is the entry script plus every chunk it imports
 * statically (Vite lists those as modulepreload links in dist/index.html); lazy chunks do not count.
 * Prints the figures; exits 1 over budget.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 170 * 1024;

export function startupScripts(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...srcs, ...preloads])];
}

export function gzipSize(dist: string, url: string): number {
  return gzipSync(readFileSync(join(dist, url.replace(/^\//, '')))).length;
}

export function startupGzipBytes(dist: string): { files: { url: string; gzip: number }[]; total: number } {
  const files = startupScripts(dist).map((url) => ({ url, gzip: gzipSize(dist, url) }));
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = resolve(import.meta.dirname, '..', 'dist');
  const { files, total } = startupGzipBytes(dist);
  for (const f of files) console.log(`  ${f.url}: ${(f.gzip / 1024).toFixed(1)} KB gzip`);
  console.log(`bundle.startup_js_gzip_kb: ${(total / 1024).toFixed(1)} (budget ${BUDGET_BYTES / 1024})`);
  if (files.length === 0) {
    console.error('No start-up script found in dist/index.html: is the build there?');
    process.exit(1);
  }
  if (total > BUDGET_BYTES) {
    console.error('Over the field agent JavaScript budget.');
    process.exit(1);
  }
}
