import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FormDefinition } from '../../core/forms/definition';
import type { XlsFormIssue } from '../../core/forms/xlsform';
import type { AttachmentFile } from './attachments';
import {
  FormImportError,
  FormTimeLimitError,
  precheckFile,
  type ConvertMode,
  type ImportErrorKind,
} from './convertForm';
import { tellParse } from './parseChannel';

/** What the worker is given: one form file, its attachments, and the time the import happens at. */
export interface ConvertJob {
  bytes: Uint8Array;
  fileName: string;
  /** ISO time. */
  now: string;
  media: readonly AttachmentFile[];
  mode: ConvertMode;
}

/** The worker's one answer. `internal`: a failure of the reader itself, a bug rather than the form's. */
export type ConvertOutcome =
  | { ok: true; form: FormDefinition; warnings: XlsFormIssue[] }
  | { ok: false; kind: ImportErrorKind | 'internal'; message: string; issues: XlsFormIssue[] };

/**
 * The heap a worker may use: a workbook at the limits (10 MB, unpacking to 50 MB, 50,000 rows) reads well
 * within it, and a forged one (a zip whose directory lies about its sizes) is stopped by it rather than
 * taking the server's memory. Its time is bounded too.
 */
const WORKER_HEAP_MB = 512;
/**
 * How long reading and converting one form may take, from the worker's start, before the worker is
 * terminated: `npm run forms -- convert` and uploads never run longer on any input (issue 13). A form of
 * 2,000 rows takes under 1 s, one at the limits (45,000 rows) about 2 s.
 */
export const FORM_TIME_LIMIT_MS = 10_000;
/** Forms read at once; more wait their turn, so that a few large uploads cannot take all the memory. */
const MAX_RUNNING = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<() => void> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  return () => {
    running -= 1;
    waiting.shift()?.();
  };
}

/**
 * The worker of formWorker.ts, beside this module. Built (a `.js` module), it is started as it is. Under tsx
 * (npm start, the CLI) and vitest the sources are `.ts`, which a bare worker thread cannot load: the
 * worker then starts from a small ES module (a data: URL) that registers tsx's loader in the thread before
 * importing the `.ts` file.
 */
function startWorker(job: ConvertJob): Worker {
  const here = import.meta.url;
  const options = { workerData: job, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  if (!here.endsWith('.ts')) return new Worker(new URL('./formWorker.js', here), options);
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = new URL('./formWorker.ts', here).href;
  const code = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), options);
}

/**
 * Reads and converts a form file in a worker thread (formWorker.ts), so the server goes on answering
 * meanwhile (`/api/health` included); throws FormImportError as convertFile does, and for a file that needs
 * more memory or time to read than a form may (`too_large`; FormTimeLimitError once the worker has run for
 * `timeLimitMs`, and is terminated).
 */
export async function convertInWorker(
  job: ConvertJob,
  { timeLimitMs = FORM_TIME_LIMIT_MS }: { timeLimitMs?: number } = {},
): Promise<{ form: FormDefinition; warnings: XlsFormIssue[] }> {
  // A file refused for its size or its zip directory is refused at once, without a worker.
  precheckFile(job.bytes, job.fileName);
  const done = await turn();
  tellParse('start', job.fileName);
  try {
    const outcome = await new Promise<ConvertOutcome>((resolve, reject) => {
      const worker = startWorker(job);
      const timer = setTimeout(() => {
        void worker.terminate().then(() => tellParse('stopped', job.fileName));
        reject(new FormTimeLimitError(job.fileName, timeLimitMs));
      }, timeLimitMs);
      worker.once('message', (message: ConvertOutcome) => {
        clearTimeout(timer);
        resolve(message);
      });
      worker.once('error', (err: Error & { code?: string }) => {
        clearTimeout(timer);
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? tooLarge(job.fileName, `needs more than ${WORKER_HEAP_MB} MB of memory to read`)
            : err,
        );
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The form reader stopped (exit code ${code}) without an answer`));
      });
    });
    if (outcome.ok) return { form: outcome.form, warnings: outcome.warnings };
    if (outcome.kind === 'internal') throw new Error(`Reading ${job.fileName} failed: ${outcome.message}`);
    throw new FormImportError(outcome.kind, outcome.message, outcome.issues);
  } finally {
    tellParse('end', job.fileName);
    done();
  }
}

function tooLarge(fileName: string, why: string): FormImportError {
  const message = `${fileName} ${why}: it is not a form the server can take`;
  return new FormImportError('too_large', message, [{ sheet: 'file', message }]);
}
