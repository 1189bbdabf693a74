import { useState } from 'react';
import { ExportForm } from '../components/exports/ExportForm';
import { ExportStatus } from '../components/exports/ExportStatus';
import {
  mayIncludePersonal,
  mayUseExportsPage,
  queryOf,
  withForm,
  type ExportChoices,
} from '../components/exports/exportChoices';
import { useExportDownload } from '../hooks/useExportDownload';
import { useLatestForms } from '../hooks/useLatestForms';
import { useLiveProjects } from '../hooks/useLiveProjects';
import { useOnline } from '../hooks/useOnline';
import { useSignedIn } from '../hooks/useSignedIn';
// Registers the strings of this page (they load with it, not at start), and its few styles.
import '../i18n/exportsStrings';
import '../styles/exports.css';
import { useT } from '../i18n/useT';

/**
 * `#/exports` (focal points and up, loaded only when opened): the server's exports (GET /api/export/:format)
 * from the app, with the rights the API enforces. The choices come from what the device holds (projects and
 * forms), the file from the server, so the download is online only; the page says so when offline.
 */
export function Exports() {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const projects = useLiveProjects();
  const forms = useLatestForms();
  const online = useOnline();
  const { state, download } = useExportDownload();
  const [choices, setChoices] = useState<ExportChoices>(() => ({
    format: 'csv',
    projectId: '',
    formKey: '',
    lang,
    codes: false,
    includePersonal: false,
  }));
  const role = session.user.role;
  if (!mayUseExportsPage(role))
    return (
      <main id="main" className="page">
        <h1>{t('exports.title')}</h1>
        <p>{t('exports.notAllowed')}</p>
      </main>
    );
  const current = forms ? withForm(choices, forms) : choices;
  const query = forms ? queryOf(current, forms) : null;
  const working = state.status === 'working';
  return (
    <main id="main" className="page">
      <h1>{t('exports.title')}</h1>
      <p className="lead">{t('exports.intro')}</p>
      {online ? null : <p className="alert alert-warning">{t('exports.offline')}</p>}
      {!projects || !forms ? (
        <p>{t('app.loading')}</p>
      ) : (
        <ExportForm
          choices={current}
          onChange={setChoices}
          projects={projects}
          forms={forms}
          personalAllowed={mayIncludePersonal(role)}
          disabled={!online || working || query === null}
          working={working}
          onSubmit={() => {
            if (query) void download(query);
          }}
        />
      )}
      <ExportStatus state={state} />
    </main>
  );
}
