import { projectFormKey } from '../../core/records/formVersion';
import { RejectedItem } from '../components/RejectedItem';
import { useLatestForms } from '../hooks/useLatestForms';
import { useRejected } from '../hooks/useRejected';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/pageStrings';
import { useT } from '../i18n/useT';

/** The form of a refused submission's fields: a form id is its project's own. */
function formKeyOf(fields: Record<string, unknown>): string | undefined {
  const { projectId, formId } = fields;
  return typeof formId === 'string' && typeof projectId === 'string'
    ? projectFormKey(projectId, formId)
    : undefined;
}

/** `#/attention`: mutations the server refused, kept until the user resends or discards them. */
export function Attention() {
  const { t } = useT();
  const rejected = useRejected();
  const forms = useLatestForms();
  const byKey = new Map((forms ?? []).map((f) => [projectFormKey(f.projectId, f.formId), f]));
  return (
    <main id="main" className="page">
      <h1>{t('att.title')}</h1>
      <p className="lead">{t('att.intro')}</p>
      {!rejected ? (
        <p>{t('app.loading')}</p>
      ) : rejected.length === 0 ? (
        <p className="empty">{t('att.empty')}</p>
      ) : (
        <ul className="card-list">
          {rejected.map((entry) => {
            const key = formKeyOf(entry.fields);
            return <RejectedItem key={entry.seq} entry={entry} form={key ? byKey.get(key) : undefined} />;
          })}
        </ul>
      )}
    </main>
  );
}
