import { useState } from 'react';
import { pickText } from '../../core/i18n/localized';
import { hasRole } from '../../core/records/user';
import type { FormFiles } from '../api/formRequests';
import { FormDropZone } from '../components/forms/FormDropZone';
import { FormIssueTable } from '../components/forms/FormIssueTable';
import { FormPreview } from '../components/forms/FormPreview';
import { FormVersionList } from '../components/forms/FormVersionList';
import { useFormUpload, type UploadState } from '../hooks/useFormUpload';
import { useProjects } from '../hooks/useProjects';
import { useSignedIn } from '../hooks/useSignedIn';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/formsPageStrings';
import '../styles/formsPage.css';
import { useT } from '../i18n/useT';

/** What the server said of the dropped files: problems, or the summary and warnings of a publishable form. */
function CheckOutcome({ state }: { state: UploadState }) {
  const { t } = useT();
  switch (state.phase) {
    case 'idle':
      return null;
    case 'checking':
      return <p>{t('formsPage.checking')}</p>;
    case 'offline':
      return <p className="alert alert-error">{t('formsPage.offline')}</p>;
    case 'failed':
      return <p className="alert alert-error">{t('formsPage.failed', { message: state.message })}</p>;
    case 'problems':
      return (
        <>
          <p className="alert alert-error">{state.message}</p>
          <FormIssueTable
            caption={t('formsPage.problems', { count: state.issues.length })}
            issues={state.issues}
          />
        </>
      );
    default: {
      const { check } = state;
      return (
        <>
          {state.phase === 'published' ? (
            <p className="alert alert-success">
              {t('formsPage.published', { version: state.published.version, title: state.published.title })}
            </p>
          ) : (
            <p className="alert alert-success">
              {t('formsPage.ready', {
                title: check.title,
                version: check.version,
                count: check.questionCount,
              })}
            </p>
          )}
          {check.alreadyPublished && state.phase !== 'published' ? (
            <p className="alert alert-error">{t('formsPage.alreadyPublished', { version: check.version })}</p>
          ) : null}
          {check.warnings.length > 0 ? (
            <FormIssueTable
              caption={t('formsPage.warnings', { count: check.warnings.length })}
              issues={check.warnings}
            />
          ) : null}
        </>
      );
    }
  }
}

/**
 * `#/forms` (supervisors and admins): drop an XLSForm and its files, see every problem by sheet, row and
 * column before anything is published, preview the form by filling it (nothing saved), publish it as a new
 * version, and list and archive the project's forms. The server converts the workbook: no XLSForm reader
 * is shipped to the browser.
 */
export function FormsPage() {
  const { session } = useSignedIn();
  const { t } = useT();
  // The server refuses the others anyway (403): say so rather than show a page whose every action fails.
  if (!hasRole(session.user.role, 'supervisor'))
    return (
      <main id="main" className="page">
        <h1>{t('formsPage.title')}</h1>
        <p className="alert alert-error">{t('formsPage.forbidden')}</p>
      </main>
    );
  return <FormsWorkbench />;
}

function FormsWorkbench() {
  const { t, lang } = useT();
  const projects = useProjects();
  const [chosen, setChosen] = useState<string | null>(null);
  const projectId = chosen ?? projects?.[0]?.id ?? null;
  const upload = useFormUpload();
  const [files, setFiles] = useState<FormFiles | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const { state } = upload;
  const checked = 'check' in state ? state.check : null;

  const onFiles = (next: FormFiles | null) => {
    setFiles(next);
    setPreviewing(false);
    if (next && projectId) void upload.check(projectId, next);
    else upload.reset();
  };

  return (
    <main id="main" className="page">
      <h1>{t('formsPage.title')}</h1>
      <p className="lead">{t('formsPage.intro')}</p>
      {projects === undefined ? null : projects.length === 0 ? (
        <p className="empty">{t('formsPage.noProject')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="forms-project">{t('formsPage.project')}</label>
            <select
              id="forms-project"
              value={projectId ?? ''}
              onChange={(event) => {
                setChosen(event.target.value);
                setPreviewing(false);
                if (files) void upload.check(event.target.value, files);
              }}
            >
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {pickText(p.title, lang) || p.code}
                </option>
              ))}
            </select>
          </div>
          <section aria-labelledby="forms-upload-title">
            <h2 id="forms-upload-title">{t('formsPage.upload')}</h2>
            <FormDropZone onChange={onFiles} />
            <div role="status" aria-live="polite">
              <CheckOutcome state={state} />
            </div>
            {checked && files && state.phase !== 'published' ? (
              <div className="form-actions">
                <button type="button" aria-expanded={previewing} onClick={() => setPreviewing(!previewing)}>
                  {previewing ? t('formsPage.closePreview') : t('formsPage.preview')}
                </button>
                <button
                  type="button"
                  className="button-primary"
                  disabled={checked.alreadyPublished || state.phase === 'publishing'}
                  onClick={() => projectId && void upload.publish(projectId, files, checked)}
                >
                  {state.phase === 'publishing'
                    ? t('formsPage.publishing')
                    : t('formsPage.publish', { version: checked.version })}
                </button>
              </div>
            ) : null}
            {checked && files && previewing && state.phase !== 'published' ? (
              <FormPreview
                key={`${checked.formId}@${checked.version}`}
                definition={checked.definition}
                attachments={files.attachments}
              />
            ) : null}
          </section>
          {projectId ? <FormVersionList projectId={projectId} /> : null}
        </>
      )}
    </main>
  );
}
