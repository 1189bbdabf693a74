/**
 * The field agent's JavaScript budget (GUIDE §4): what a browser must download to open the app and fill a
 * form, gzip-compressed, must stay within 170 KB. That is the entry chunk, the form page's lazy chunk, and
 * every chunk either imports statically, read from Vite's manifest. Other lazy chunks (admin pages, maps,
 * the spreadsheet reader) do not count. Prints the figures; exits 1 over budget.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 170 * 1024;
/** The modules a field agent needs: the app and the page that fills a form. */
export const FIELD_AGENT_ENTRIES = ['index.html', 'src/app/pages/FillForm.tsx'];

interface ManifestChunk {
  file: string;
  imports?: string[];
}

export function fieldAgentScripts(dist: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  FIELD_AGENT_ENTRIES.forEach(visit);
  return [...files].filter((file) => file.endsWith('.js'));
}

export function fieldAgentGzipBytes(dist: string): {
  files: { file: string; gzip: number }[];
  total: number;
} {
  const files = fieldAgentScripts(dist).map((file) => ({
    file,
    gzip: gzipSync(readFileSync(join(dist, file))).length,
  }));
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = resolve(import.meta.dirname, '..', 'dist');
  const { files, total } = fieldAgentGzipBytes(dist);
  for (const f of files) console.log(`  ${f.file}: ${(f.gzip / 1024).toFixed(1)} KB gzip`);
  console.log(`bundle.field_agent_js_gzip_kb: ${(total / 1024).toFixed(1)} (budget ${BUDGET_BYTES / 1024})`);
  if (total > BUDGET_BYTES) {
    console.error('Over the field agent JavaScript budget (GUIDE §4).');
    process.exit(1);
  }
}
