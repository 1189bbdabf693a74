import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HttpError } from '../http/errors';
import { openStorage } from '../main';
import type { Storage } from '../storage/Storage';
import { buildExport, exportFilters, ExportRequest } from './buildExport';
import { zipFiles } from './zip';

export const USAGE = `Usage: npm run export -- <csv|hxl|xlsx|geojson|iati|iati-organisations> [options] --out PATH   (env: DATA_DIR=./data, DATABASE_URL)

  csv       a form's submissions, one table per repeat level (needs --form); PATH is a directory that
            receives FORM.csv, FORM-REPEAT.csv…, or a file ending in .zip that holds them
  hxl       the same with the HXL hashtag row under the header
  xlsx      the same tables as sheets of one workbook (with the HXL row); PATH is the file
  geojson   a form's submissions with --form, else the projects' locations; PATH is the file
  iati      the projects as IATI 2.03 activities; PATH is the file
  iati-organisations   their reporting organisations as an IATI 2.03 organisation file (budgets per
            year); PATH is the file

  --project ID   only this project        --form ID   the form (csv, hxl; geojson of submissions)
  --lang fr|en   labels' language (fr)    --codes     choice codes instead of labels
  --include-personal   the answers of questions marked personal_data too (left out by default; audited)
  --geo-precision N    round every latitude and longitude to N decimals (0-8; 2 is about 1 km)
  --organisation IATI-ID   iati, iati-organisations: only the projects this organisation reports (its own
                       publication on the IATI Registry)`;

export interface ExportCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  now?: () => Date;
  /** A storage already open (tests); otherwise DATA_DIR / DATABASE_URL's, closed at the end. */
  storage?: Storage;
}

const OPTIONS = {
  project: { type: 'string' },
  form: { type: 'string' },
  lang: { type: 'string' },
  codes: { type: 'boolean' },
  'include-personal': { type: 'boolean' },
  'geo-precision': { type: 'string' },
  organisation: { type: 'string' },
  out: { type: 'string' },
} as const;

/** `--geo-precision N`: digits only (zod then checks 0-8); anything else is NaN, which zod refuses. */
function precisionOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** Runs one export and returns the exit code: 0 written, 1 the export failed, 2 bad arguments. */
export async function runExportCli(argv: string[], io: ExportCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const request = ExportRequest.safeParse({
    format: positionals[0],
    project: values.project,
    form: values.form,
    lang: values.lang,
    codes: values.codes ?? false,
    includePersonal: values['include-personal'] ?? false,
    geoPrecision: precisionOf(values['geo-precision']),
    organisation: values.organisation,
  });
  if (!request.success || positionals.length !== 1 || !values.out) {
    const why = request.success
      ? 'One format and --out PATH are needed'
      : request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    io.err(`${why}\n\n${USAGE}`);
    return 2;
  }
  const storage =
    io.storage ??
    (await openStorage({
      dataDir: resolve(io.env.DATA_DIR || 'data'),
      databaseUrl: io.env.DATABASE_URL || undefined,
    }));
  try {
    const at = io.now?.() ?? new Date();
    const files = await buildExport(storage, 'operator', request.data, at);
    const out = resolve(values.out);
    // The operator at the console is trusted, but an export of personal data still leaves a trace.
    await storage.audit({
      at: at.toISOString(),
      userId: null,
      action: `export.${request.data.format}`,
      tbl: request.data.form === undefined ? null : 'forms',
      recordId: request.data.form ?? null,
      details: {
        ...exportFilters(request.data),
        records: files[0]?.records ?? 0,
        out,
        personalFields: files[0]?.personalFields ?? [],
      },
    });
    const several = request.data.format === 'csv' || request.data.format === 'hxl';
    if (several && out.endsWith('.zip')) await writeFile(out, zipFiles(files, at));
    else if (several) {
      await mkdir(out, { recursive: true });
      for (const file of files) await writeFile(join(out, file.name), file.body);
    } else await writeFile(out, files[0]?.body ?? '');
    for (const note of files.flatMap((f) => f.notes ?? [])) io.err(`Warning: ${note}`);
    io.out(`Wrote ${files.map((f) => f.name).join(', ')} to ${out}`);
    return 0;
  } catch (err) {
    io.err(err instanceof Error ? err.message : String(err));
    // A missing --form is a usage mistake, like a bad option.
    return err instanceof HttpError && err.code === 'validation' ? 2 : 1;
  } finally {
    if (!io.storage) await storage.close();
  }
}
