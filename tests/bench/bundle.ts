import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import {
  BUDGET_BYTES,
  fieldAgentGzipBytes,
  gzipBytesOf,
  publicSiteScripts,
} from '../../scripts/bundle-budget';
import { report } from './report';

/**
 * The JavaScript a field agent downloads before the app is usable (gzip), against the 170 KB budget; and what
 * a visitor of the public site downloads.
 */
export async function benchBundle(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  const dist = resolve(root, 'dist');
  if (!existsSync(resolve(dist, 'index.html'))) await build({ root, logLevel: 'warn' });
  const { total } = fieldAgentGzipBytes(dist);
  report('bundle.field_agent_js_gzip_kb', (total / 1024).toFixed(1));
  report('bundle.budget_kb', BUDGET_BYTES / 1024);
  // The public site (/public/, no sign-in): the entry, the public chunk and a language's strings.
  const publicBytes = publicSiteScripts(dist).files.reduce((sum, file) => sum + gzipBytesOf(dist, file), 0);
  report('bundle.public_js_gzip_kb', (publicBytes / 1024).toFixed(1));
}
