import { RejectedItem } from '../components/RejectedItem';
import { useLatestForms } from '../hooks/useLatestForms';
import { useRejected } from '../hooks/useRejected';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/pageStrings';
import { useT } from '../i18n/useT';

function formIdOf(fields: Record<string, unknown>): string | undefined {
  return typeof fields.formId === 'string' ? fields.formId : undefined;
}

/** `#/attention`: mutations the server refused, kept until the user resends or discards them. */
export function Attention() {
  const { t } = useT();
  const rejected = useRejected();
  const forms = useLatestForms();
  const byId = new Map((forms ?? []).map((f) => [f.formId, f]));
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
            const formId = formIdOf(entry.fields);
            return (
              <RejectedItem key={entry.seq} entry={entry} form={formId ? byId.get(formId) : undefined} />
            );
          })}
        </ul>
      )}
    </main>
  );
}
