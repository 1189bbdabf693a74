import { useState } from 'react';
import type { ImportResponse } from '../../core/sync/unsyncedExport';
import { useImportFile } from '../hooks/useImportFile';
import { useTransferT } from '../hooks/useTransferT';
import type { TransferKey } from '../i18n/transferStrings';

const EXPLAINED = ['seq_gap', 'bad_request', 'validation', 'forbidden', 'not_found', 'payload_too_large'];

/** Words for the refusals a supervisor can act on; the server's own message otherwise. */
function errorKey(code: string): TransferKey | null {
  if (!EXPLAINED.includes(code)) return null;
  return `error.${code === 'validation' ? 'bad_request' : code}` as TransferKey;
}

function ImportResult({ result }: { result: ImportResponse }) {
  const tt = useTransferT();
  const refused = result.results.filter((r) => r.status === 'rejected' || r.status === 'conflict');
  const mediaLeft = result.media.withBytes - result.media.stored;
  return (
    <>
      <p className="alert alert-success">
        {tt('result', {
          applied: result.applied,
          duplicate: result.duplicate,
          rejected: result.rejected + result.conflict,
          total: result.total,
        })}
      </p>
      {refused.length > 0 ? (
        <ul>
          {refused.map((r) => (
            <li key={r.seq}>
              {tt('rejectedItem', {
                seq: r.seq,
                code: r.status === 'rejected' ? r.code : 'conflict',
                message: r.message,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {result.drafts > 0 || mediaLeft > 0 ? (
        <p>{tt('notImported', { drafts: result.drafts, media: mediaLeft })}</p>
      ) : null}
    </>
  );
}

/** `#/import`: a supervisor (or admin) applies a device's export file at base and sees what it did. */
export function ImportFile() {
  const tt = useTransferT();
  const [file, setFile] = useState<File | null>(null);
  const { state, send } = useImportFile();
  const working = state.status === 'working';
  return (
    <main id="main" className="page">
      <h1>{tt('importTitle')}</h1>
      <p className="lead">{tt('importIntro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (file) void send(file);
        }}
      >
        <label htmlFor="import-file">{tt('file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".json,.gz,application/json,application/gzip"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <button type="submit" className="button-primary" disabled={!file || working}>
          {working ? tt('importing') : tt('import')}
        </button>
      </form>
      <div role="status">{state.status === 'done' ? <ImportResult result={state.result} /> : null}</div>
      {state.status === 'error' ? (
        <p className="alert alert-error" role="alert">
          {tt('error', {
            message: errorKey(state.code) ? tt(errorKey(state.code)!) : state.message,
          })}
        </p>
      ) : null}
    </main>
  );
}
