import { parentPort, workerData } from 'node:worker_threads';
import { convertFile, FormImportError } from './convertForm';
import type { ConvertJob, ConvertOutcome } from './convertInWorker';

/**
 * The worker thread that reads and converts one form file (started by convertInWorker.ts, one per file):
 * SheetJS and the converter block for as long as a workbook takes, here rather than on the server's
 * event loop. It answers with one message and ends.
 */
function run(job: ConvertJob): ConvertOutcome {
  try {
    const { form, warnings } = convertFile(job.bytes, job.fileName, new Date(job.now), job.media, job.mode);
    return { ok: true, form, warnings };
  } catch (err) {
    if (err instanceof FormImportError)
      return { ok: false, kind: err.kind, message: err.message, issues: err.issues };
    return {
      ok: false,
      kind: 'internal',
      message: err instanceof Error ? err.message : String(err),
      issues: [],
    };
  }
}

parentPort?.postMessage(run(workerData as ConvertJob));
