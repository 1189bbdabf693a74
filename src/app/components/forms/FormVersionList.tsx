import { useState } from 'react';
import { pickText } from '../../../core/i18n/localized';
import { useFormArchive } from '../../hooks/useFormArchive';
import { useProjectFormVersions } from '../../hooks/useProjectFormVersions';
import { dateTime } from '../../i18n/format';
import { useT } from '../../i18n/useT';
import type { FormWithVersions } from '../../repositories/formVersions';
import { ConfirmPanel } from '../ConfirmPanel';

function FormEntry({ form, projectId }: { form: FormWithVersions; projectId: string }) {
  const { t, lang } = useT();
  const archive = useFormArchive(projectId);
  const [asking, setAsking] = useState(false);
  const latest = form.versions[0];
  const title = (latest && pickText(latest.definition.title, lang)) || form.formId;
  const headingId = `form-${form.formId}`;
  return (
    <li className="card form-entry">
      <h3 id={headingId}>
        {title} <span className="card-meta">({form.formId})</span>
        {form.archived ? <span className="badge"> {t('formsPage.archived')}</span> : null}
      </h3>
      {form.archived ? <p className="card-meta">{t('formsPage.archivedNote')}</p> : null}
      <ul aria-label={t('formsPage.versionsOf', { title })} className="version-list">
        {form.versions.map((version, i) => (
          <li key={version.key}>
            {t('formsPage.version', { version: version.version })} —{' '}
            {t('formsPage.publishedAt', { date: dateTime(version.publishedAt, lang) })}
            {i === 0 ? ` (${t('formsPage.latest')})` : ''}
          </li>
        ))}
      </ul>
      {asking ? (
        <ConfirmPanel
          question={t('formsPage.archiveQuestion', { title })}
          detail={t('formsPage.archivedNote')}
          confirmLabel={t('formsPage.archiveConfirm')}
          onConfirm={() => {
            setAsking(false);
            void archive.run(form.formId, true);
          }}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <button
          type="button"
          disabled={archive.busy}
          onClick={() => (form.archived ? void archive.run(form.formId, false) : setAsking(true))}
        >
          {form.archived ? t('formsPage.unarchive') : t('formsPage.archive')}
          <span className="visually-hidden">: {title}</span>
        </button>
      )}
      {archive.error ? (
        <p className="alert alert-error" role="alert">
          {archive.error}
        </p>
      ) : null}
    </li>
  );
}

/** The project's forms on this device with their versions, each with its archive action. */
export function FormVersionList({ projectId }: { projectId: string }) {
  const { t } = useT();
  const forms = useProjectFormVersions(projectId);
  return (
    <section aria-labelledby="forms-list-title">
      <h2 id="forms-list-title">{t('formsPage.list')}</h2>
      {forms === undefined ? null : forms.length === 0 ? (
        <p className="empty">{t('formsPage.none')}</p>
      ) : (
        <ul className="card-list">
          {forms.map((form) => (
            <FormEntry key={form.formId} form={form} projectId={projectId} />
          ))}
        </ul>
      )}
    </section>
  );
}
