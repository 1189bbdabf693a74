import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { BUDGET_BYTES, fieldAgentGzipBytes } from '../../scripts/bundle-budget';
import { report } from './report';

/** The JavaScript a field agent downloads before the app is usable (gzip), against the 170 KB budget. */
export async function benchBundle(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  const dist = resolve(root, 'dist');
  if (!existsSync(resolve(dist, 'index.html'))) await build({ root, logLevel: 'warn' });
  const { total } = fieldAgentGzipBytes(dist);
  report('bundle.field_agent_js_gzip_kb', (total / 1024).toFixed(1));
  report('bundle.budget_kb', BUDGET_BYTES / 1024);
}
