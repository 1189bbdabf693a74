import { useEffect, useRef, useState } from 'react';
import { useDraftActions } from '../hooks/useDraftActions';
import { useFormVersion } from '../hooks/useFormVersion';
import { useT } from '../i18n/useT';
import { navigate } from '../state/router';

/** `#/forms/:projectId/:formId/:version/new`: start a draft on that version, then go on at `#/drafts/:id`. */
export function NewDraft({
  projectId,
  formId,
  version,
}: {
  projectId: string;
  formId: string;
  version: string;
}) {
  const { t } = useT();
  const form = useFormVersion(projectId, formId, version);
  const actions = useDraftActions();
  const started = useRef(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!form || started.current) return;
    started.current = true;
    actions.start(form).then(
      (draft) => navigate({ name: 'draft', id: draft.id }, { replace: true }),
      () => setFailed(true),
    );
  }, [form, actions]);

  const missing = form === null || failed;
  return (
    <main id="main" className="page">
      <h1>{t('home.newSubmission')}</h1>
      {missing ? (
        <p className="alert alert-error" role="alert">
          {t('fill.formMissing', { form: formId, version })}
        </p>
      ) : (
        <p role="status">{t('fill.starting')}</p>
      )}
      <a href="#/">{t('fill.backHome')}</a>
    </main>
  );
}
