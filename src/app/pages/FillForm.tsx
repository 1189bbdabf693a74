import { pickText } from '../../core/i18n/localized';
import { DraftForm } from '../components/DraftForm';
import { useDraftSnapshot } from '../hooks/useDraftSnapshot';
import { useFormVersion } from '../hooks/useFormVersion';
import { useT } from '../i18n/useT';

/** `#/drafts/:id`: fill a draft with the form version it was started on. */
export function FillForm({ draftId }: { draftId: string }) {
  const { t, lang } = useT();
  const draft = useDraftSnapshot(draftId);
  const form = useFormVersion(draft?.projectId, draft?.formId, draft?.formVersion);

  let body;
  if (draft === undefined || (draft && form === undefined)) {
    body = <p>{t('app.loading')}</p>;
  } else if (draft === null) {
    body = (
      <p className="alert alert-error" role="alert">
        {t('fill.notFound')}
      </p>
    );
  } else if (!form) {
    body = (
      <p className="alert alert-error" role="alert">
        {t('fill.formMissing', { form: draft.formId, version: draft.formVersion })}
      </p>
    );
  } else {
    return (
      <main id="main" className="page">
        <h1>{pickText(form.definition.title, lang) || form.formId}</h1>
        <DraftForm key={draft.id} draft={draft} form={form} />
      </main>
    );
  }
  return (
    <main id="main" className="page">
      <h1>{t('fill.title')}</h1>
      {body}
      <a href="#/">{t('fill.backHome')}</a>
    </main>
  );
}

// For the Forms page's preview: see components/questions/fillKit.ts.
export { fillKit } from '../components/questions/fillKit';
