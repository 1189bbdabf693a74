import { hasRole } from '../../core/records/user';
import { useExportUnsynced } from '../hooks/useExportUnsynced';
import { useSignedIn } from '../hooks/useSignedIn';
import { useTransferT } from '../hooks/useTransferT';
import { useUnsyncedCounts } from '../hooks/useUnsyncedCounts';
import { useT } from '../i18n/useT';

/**
 * `#/export`: the USB-stick path (GUIDE §3). Everything the server has not received goes into one file that
 * a supervisor imports at base; the device keeps its data and syncs it later without duplicates.
 */
export function ExportUnsynced() {
  const { t } = useT();
  const tt = useTransferT();
  const { session } = useSignedIn();
  const counts = useUnsyncedCounts();
  const { state, save } = useExportUnsynced();
  const working = state.status === 'working';
  return (
    <main id="main" className="page">
      <h1>{tt('exportTitle')}</h1>
      <p className="lead">{tt('exportIntro')}</p>
      {counts ? <p>{tt('contents', { ...counts })}</p> : <p>{t('app.loading')}</p>}
      {counts && counts.drafts > 0 ? <p>{tt('draftsNote')}</p> : null}
      <button type="button" className="button-primary" disabled={working} onClick={() => void save()}>
        {working ? tt('saving') : tt('save')}
      </button>
      <div role="status">
        {state.status === 'done' ? (
          <p className="alert alert-success">{tt('saved', { name: state.fileName })}</p>
        ) : null}
      </div>
      {state.status === 'error' ? (
        <p className="alert alert-error" role="alert">
          {tt('failed', { message: state.message })}
        </p>
      ) : null}
      {hasRole(session.user.role, 'supervisor') ? (
        <p>
          <a href="#/import">{t('sync.importLink')}</a>
        </p>
      ) : null}
    </main>
  );
}
