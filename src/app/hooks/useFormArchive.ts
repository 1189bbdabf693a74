import { useState } from 'react';
import { NetworkError } from '../api/errors';
import { archiveForm } from '../api/formRequests';
import { useT } from '../i18n/useT';
import { useFormRequestContext } from './useFormUpload';
import { useSignedIn } from './useSignedIn';

/** Archives a form or offers it again, then syncs so this device's list (and Home) follow. */
export function useFormArchive(projectId: string) {
  const ctx = useFormRequestContext();
  const { engine } = useSignedIn();
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (formId: string, archived: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await archiveForm(ctx, projectId, formId, archived);
      await engine.syncNow();
    } catch (err) {
      setError(
        err instanceof NetworkError
          ? t('formsPage.offline')
          : t('formsPage.failed', { message: err instanceof Error ? err.message : String(err) }),
      );
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
