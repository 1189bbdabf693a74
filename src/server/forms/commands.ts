import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatIssue, issueMessage, localizeIssue, type XlsFormIssue } from '../../core/forms/xlsform';
import { openStorage } from '../main';
import type { AttachmentFile } from './attachments';
import { cliLanguage, TIME_LIMIT_MESSAGE } from './cliMessages';
import { FormTimeLimitError } from './convertForm';
import { convertInWorker, FORM_TIME_LIMIT_MS } from './convertInWorker';
import { FormImportError, importForm } from './importForm';

export const USAGE = `Usage: npm run forms -- <command>

Commands:
  convert FILE [--media F]...             print the form definition (JSON) of an XLSForm (.xlsx, .xls or .csv)
  import FILE --project ID [--media F]... publish it in a project of the database (env: DATA_DIR=./data, DATABASE_URL)

  --media F   a .csv, .geojson or .xml file the form's select_one_from_file / select_multiple_from_file
              questions name (repeat it for each file); its choices are embedded in the form. convert
              warns about a missing file; import refuses the form until every file is attached.
              Or an image (.jpg .png .webp .gif), sound (.mp3 .m4a .ogg .wav) or video (.mp4 .webm)
              its media::image, media::audio or media::video cells name: import publishes it with the form

Problems with the form are written in French when the locale is French (LC_ALL, LC_MESSAGES or LANG fr_*),
else in English. A form is read in a worker thread, stopped after 10 s (exit code 1).`;

/** Where the commands write, and the environment they read: the process's own, or a test's. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  now?: () => Date;
  /** How long reading a form may take (FORM_TIME_LIMIT_MS, 10 s); tests set a shorter one. */
  formTimeLimitMs?: number;
}

class UsageError extends Error {}

const MEDIA_OPTION = { media: { type: 'string', multiple: true } } as const;

/** Runs one command and returns the exit code: 0 done, 1 the form or the import failed, 2 bad arguments. */
export async function runFormsCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'convert') return await convertCommand(rest, io);
    if (command === 'import') return await importCommand(rest, io);
    if (command === undefined || command === 'help' || command === '--help') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`Unknown command: ${command}`);
  } catch (err) {
    // parseArgs reports unknown or malformed options as TypeErrors with a code.
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) {
      io.err(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof FormTimeLimitError) {
      io.err(TIME_LIMIT_MESSAGE[cliLanguage(io.env)](err.fileName, err.limitMs / 1000));
      return 1;
    }
    if (err instanceof FormImportError) {
      const lang = cliLanguage(io.env);
      io.err(issueMessage(err.message, lang));
      for (const issue of err.issues) io.err(formatIssue(localizeIssue(issue, lang)));
      return 1;
    }
    io.err(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

function oneFile(positionals: string[], command: string): string {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError(`${command} takes exactly one FILE`);
  return file;
}

/** The files named by --media, each under its base name (the name the survey's type cell uses). */
async function readMedia(paths: readonly string[] | undefined): Promise<AttachmentFile[]> {
  return Promise.all(
    (paths ?? []).map(async (path) => ({ name: basename(path), bytes: await readForm(path) })),
  );
}

async function readForm(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${(err as Error).message}`);
  }
}

function printWarnings(io: CliIo, warnings: XlsFormIssue[]): void {
  const lang = cliLanguage(io.env);
  const label = lang === 'fr' ? 'avertissement' : 'warning';
  for (const warning of warnings) io.err(`${label}: ${formatIssue(localizeIssue(warning, lang))}`);
}

async function convertCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: MEDIA_OPTION });
  const file = oneFile(positionals, 'convert');
  const bytes = await readForm(file);
  const media = await readMedia(values.media);
  const now = io.now?.() ?? new Date();
  // In a worker thread, as the server does: one that runs past the time limit is terminated.
  const { form, warnings } = await convertInWorker(
    { bytes, fileName: basename(file), now: now.toISOString(), media, mode: 'preview' },
    { timeLimitMs: io.formTimeLimitMs ?? FORM_TIME_LIMIT_MS },
  );
  printWarnings(io, warnings);
  io.out(JSON.stringify(form, null, 2));
  return 0;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { project: { type: 'string' }, ...MEDIA_OPTION },
  });
  const file = oneFile(positionals, 'import');
  if (!values.project) throw new UsageError('import needs --project ID');
  const bytes = await readForm(file);
  const media = await readMedia(values.media);
  const storage = await openStorage({
    dataDir: resolve(io.env.DATA_DIR || 'data'),
    databaseUrl: io.env.DATABASE_URL || undefined,
  });
  try {
    const result = await importForm(storage, {
      projectId: values.project,
      bytes,
      fileName: basename(file),
      media,
      userId: null,
      now: io.now?.() ?? new Date(),
    });
    printWarnings(io, result.warnings);
    io.out(
      `Published ${result.formId}@${result.version} “${result.title}” (${result.questionCount} questions) in ${values.project}.`,
    );
    return 0;
  } finally {
    await storage.close();
  }
}
