import { useState } from 'react';
import type { ImportResponse } from '../../core/sync/unsyncedExport';
import { useImportFile } from '../hooks/useImportFile';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/transferStrings';
import type { MessageKey } from '../i18n/types';
import { useT } from '../i18n/useT';

/** Words for the refusals a supervisor can act on, and for no answer at all; the server's message otherwise. */
const EXPLAINED = new Map<string, MessageKey>([
  ['seq_gap', 'import.error.seq_gap'],
  ['bad_request', 'import.error.bad_request'],
  ['validation', 'import.error.bad_request'],
  ['forbidden', 'import.error.forbidden'],
  ['not_found', 'import.error.not_found'],
  ['payload_too_large', 'import.error.payload_too_large'],
  ['network', 'sync.error.network'],
]);

/** Why a file was refused whole (`details.reason` of the 403, src/server/devices/fileTrust.ts). */
const REFUSED_FILE = new Map<string, MessageKey>([
  ['unsigned', 'import.error.unsigned'],
  ['unregistered', 'import.error.unregistered'],
  ['signature', 'import.error.signature'],
  ['owner', 'import.error.owner'],
  ['revoked', 'import.error.revoked'],
]);

function ImportResult({ result }: { result: ImportResponse }) {
  const { t } = useT();
  const refused = result.results.filter((r) => r.status === 'rejected' || r.status === 'conflict');
  const mediaLeft = result.media.withBytes - result.media.stored;
  return (
    <>
      <p className="alert alert-success">
        {t('import.result', {
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
              {t('import.rejectedItem', {
                seq: r.seq,
                code: r.status === 'rejected' ? r.code : 'conflict',
                message: r.message,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {result.drafts > 0 || mediaLeft > 0 ? (
        <p>{t('import.notImported', { drafts: result.drafts, media: mediaLeft })}</p>
      ) : null}
    </>
  );
}

/** `#/import`: a supervisor (or admin) applies a device's export file at base and sees what it did. */
export function ImportFile() {
  const { t } = useT();
  const [file, setFile] = useState<File | null>(null);
  const { state, send } = useImportFile();
  const working = state.status === 'working';
  const explained =
    state.status === 'error'
      ? (REFUSED_FILE.get(state.reason ?? '') ?? EXPLAINED.get(state.code))
      : undefined;
  return (
    <main id="main" className="page">
      <h1>{t('import.title')}</h1>
      <p className="lead">{t('import.intro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (file) void send(file);
        }}
      >
        <label htmlFor="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".json,.gz,application/json,application/gzip"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <button type="submit" className="button-primary" disabled={!file || working}>
          {working ? t('import.importing') : t('import.submit')}
        </button>
      </form>
      <div role="status">{state.status === 'done' ? <ImportResult result={state.result} /> : null}</div>
      {state.status === 'error' ? (
        <p className="alert alert-error" role="alert">
          {t('import.error', { message: explained ? t(explained) : state.message })}
        </p>
      ) : null}
    </main>
  );
}
