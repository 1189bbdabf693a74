import { hasRole } from '../../core/records/user';
import { RemoveMyData } from '../components/RemoveMyData';
import { useDeviceRegistered } from '../hooks/useDeviceRegistered';
import { useExportUnsynced } from '../hooks/useExportUnsynced';
import { useSignedIn } from '../hooks/useSignedIn';
import { useUnsyncedCounts } from '../hooks/useUnsyncedCounts';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/transferStrings';
import '../i18n/vaultStrings';
import { useT } from '../i18n/useT';

/**
 * `#/export`: the USB-stick path (GUIDE §3). Everything the server has not received goes into one file that
 * a supervisor imports at base; the device keeps its data and syncs it later without duplicates. Below it,
 * "Remove my data from this device", which that file makes possible while data is unsent.
 */
export function ExportUnsynced() {
  const { t } = useT();
  const { session } = useSignedIn();
  const counts = useUnsyncedCounts();
  const { state, save } = useExportUnsynced();
  const registered = useDeviceRegistered();
  const working = state.status === 'working';
  return (
    <main id="main" className="page">
      <h1>{t('sync.export')}</h1>
      <p className="lead">{t('export.intro')}</p>
      {counts ? <p>{t('export.contents', { ...counts })}</p> : <p>{t('app.loading')}</p>}
      {counts && counts.drafts > 0 ? <p>{t('export.draftsNote')}</p> : null}
      <p>{t('export.inClear')}</p>
      {registered === 'unregistered' || registered === 'refused' ? (
        <p className="alert alert-warning">{t(`export.${registered}`)}</p>
      ) : null}
      <button type="button" className="button-primary" disabled={working} onClick={() => void save()}>
        {working ? t('export.saving') : t('export.save')}
      </button>
      <div role="status">
        {state.status === 'done' ? (
          <p className="alert alert-success">{t('export.saved', { name: state.fileName })}</p>
        ) : null}
      </div>
      {state.status === 'error' ? (
        <p className="alert alert-error" role="alert">
          {t('export.failed', { message: state.message })}
        </p>
      ) : null}
      {hasRole(session.user.role, 'supervisor') ? (
        <p>
          <a href="#/import">{t('sync.importLink')}</a>
        </p>
      ) : null}
      <RemoveMyData exported={state.status === 'done' ? state.unsent : null} />
    </main>
  );
}
