import { useId, useRef, useState } from 'react';
import { NetworkError } from '../api/errors';
import { IatiFileRefused, importIati, type IatiImportReport, type IatiRefusal } from '../api/iatiRequests';
import { useOnline } from '../hooks/useOnline';
import { iatiActivityNoteText, iatiNoteText, iatiRefusalText, iatiTableName } from './iatiMessages';
import { useSignedIn } from '../hooks/useSignedIn';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/iatiStrings';
import { useT } from '../i18n/useT';
import '../styles/admin.css';

type ImportState =
  | { phase: 'idle' }
  | { phase: 'checking' | 'importing'; report?: IatiImportReport }
  | { phase: 'report'; report: IatiImportReport }
  | { phase: 'refused'; refusal: IatiRefusal }
  | { phase: 'unreachable' }
  | { phase: 'failed'; message: string };

/** The server's report: totals, one row per record, and the elements left out. */
function Report({ report }: { report: IatiImportReport }) {
  const { t } = useT();
  const id = useId();
  const count = (action: string) => report.records.filter((r) => r.action === action).length;
  return (
    <>
      <p className="alert alert-success">{t(report.dryRun ? 'iati.preview' : 'iati.done')}</p>
      <p>
        {t('iati.totals', {
          created: count('created'),
          updated: count('updated'),
          conflicts: report.records.filter((r) => r.conflicts.length > 0).length,
          unchanged: count('unchanged'),
          skipped: count('skipped'),
        })}
      </p>
      {report.records.length === 0 ? (
        <p className="empty">{t('iati.noRecord')}</p>
      ) : (
        <section aria-labelledby={`${id}-records`}>
          <h2 id={`${id}-records`}>{t('iati.records')}</h2>
          <div className="table-scroll" role="region" aria-labelledby={`${id}-records`} tabIndex={0}>
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('iati.col.action')}</th>
                  <th scope="col">{t('iati.col.record')}</th>
                  <th scope="col">{t('iati.col.source')}</th>
                  <th scope="col">{t('iati.col.fields')}</th>
                  <th scope="col">{t('iati.col.conflicts')}</th>
                  <th scope="col">{t('iati.col.notes')}</th>
                </tr>
              </thead>
              <tbody>
                {report.records.map((r) => (
                  <tr key={`${r.tbl}/${r.id}`}>
                    <td>{t(`iati.action.${r.action}`)}</td>
                    <th scope="row">
                      {iatiTableName(t, r.tbl)} {r.id}
                    </th>
                    <td>{r.source}</td>
                    <td>{r.updated.join(', ')}</td>
                    <td>{r.conflicts.join(', ')}</td>
                    <td>{r.notes.map((n) => iatiNoteText(t, n)).join(' ; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {report.notes.length > 0 ? (
        <section aria-labelledby={`${id}-notes`}>
          <h2 id={`${id}-notes`}>{t('iati.notes')}</h2>
          <ul>
            {report.notes.map((note, i) => (
              <li key={i}>{iatiActivityNoteText(t, note)}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/**
 * `#/iati` (admins, loaded with the admin pages' chunk): choose an IATI activity file, see what the import
 * would do (the server's dry run: nothing written), then import it. The server reads the XML
 * (POST /api/iati/import): no IATI reader ships to the browser. Online only.
 */
export function IatiImport() {
  const { session, engine } = useSignedIn();
  const { t } = useT();
  const online = useOnline();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  // Only the latest request's answer is shown: a slow answer for a file since replaced is dropped.
  const latest = useRef(0);

  if (session.user.role !== 'admin')
    return (
      <main id="main" className="page">
        <h1>{t('iati.title')}</h1>
        <p className="alert alert-error">{t('iati.forbidden')}</p>
      </main>
    );

  const send = async (chosen: File, dryRun: boolean, shown?: IatiImportReport) => {
    const ticket = ++latest.current;
    setState({ phase: dryRun ? 'checking' : 'importing', ...(shown ? { report: shown } : {}) });
    let next: ImportState;
    try {
      next = { phase: 'report', report: await importIati(session.token, chosen, dryRun) };
      // This device pulls the imported records like any other; the others at their next sync.
      if (!dryRun) void engine.syncNow().catch(() => undefined);
    } catch (error) {
      next =
        error instanceof IatiFileRefused
          ? { phase: 'refused', refusal: error.refusal }
          : error instanceof NetworkError
            ? { phase: 'unreachable' }
            : { phase: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    if (ticket === latest.current) setState(next);
  };

  const report = 'report' in state ? state.report : undefined;
  const busy = state.phase === 'checking' || state.phase === 'importing';
  const canImport = online && !busy && file !== null && report?.dryRun === true && state.phase === 'report';

  return (
    <main id="main" className="page">
      <h1>{t('iati.title')}</h1>
      <p className="lead">{t('iati.intro')}</p>
      {online ? null : <p className="alert alert-error">{t('iati.offline')}</p>}
      <div className="field">
        <label htmlFor="iati-file">{t('iati.file')}</label>
        <input
          id="iati-file"
          type="file"
          accept=".xml,application/xml,text/xml"
          disabled={!online || busy}
          onChange={(event) => {
            const chosen = event.target.files?.[0] ?? null;
            setFile(chosen);
            if (chosen) void send(chosen, true);
            else setState({ phase: 'idle' });
          }}
        />
      </div>
      <div role="status" aria-live="polite">
        {state.phase === 'checking' ? <p>{t('iati.checking')}</p> : null}
        {state.phase === 'importing' ? <p>{t('iati.importing')}</p> : null}
        {state.phase === 'refused' ? (
          <p className="alert alert-error">{iatiRefusalText(t, state.refusal)}</p>
        ) : null}
        {state.phase === 'unreachable' ? (
          <p className="alert alert-error">{t('iati.networkFailed')}</p>
        ) : null}
        {state.phase === 'failed' ? (
          <p className="alert alert-error">{t('iati.failed', { message: state.message })}</p>
        ) : null}
      </div>
      {report ? <Report report={report} /> : null}
      {report?.dryRun ? (
        <button
          type="button"
          className="button-primary"
          disabled={!canImport}
          onClick={() => file && report && void send(file, false, report)}
        >
          {t('iati.import')}
        </button>
      ) : null}
    </main>
  );
}
