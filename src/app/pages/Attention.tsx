import { projectFormKey } from '../../core/records/formVersion';
import { RejectedItem } from '../components/RejectedItem';
import { ToCorrectItem } from '../components/ToCorrectItem';
import { useLatestForms } from '../hooks/useLatestForms';
import { usePeople } from '../hooks/usePeople';
import { useRejected } from '../hooks/useRejected';
import { useToCorrect } from '../hooks/useToCorrect';
// Registers the strings of this page (they load with it, not at start).
import '../i18n/pageStrings';
import '../i18n/readingStrings';
import { useT } from '../i18n/useT';

/** The form of a refused submission's fields: a form id is its project's own. */
function formKeyOf(fields: Record<string, unknown>): string | undefined {
  const { projectId, formId } = fields;
  return typeof formId === 'string' && typeof projectId === 'string'
    ? projectFormKey(projectId, formId)
    : undefined;
}

/**
 * `#/attention`, "À corriger": what waits for the user. First the submissions a reviewer flagged or rejected,
 * with the reviewer's comments and a "Correct" button; then the changes the server refused, kept until the
 * user resends or discards them. The header's badge counts both (AttentionBadge).
 */
export function Attention() {
  const { t } = useT();
  const toCorrect = useToCorrect();
  const rejected = useRejected();
  const forms = useLatestForms();
  const people = usePeople();
  const byKey = new Map((forms ?? []).map((f) => [projectFormKey(f.projectId, f.formId), f]));
  return (
    <main id="main" className="page">
      <h1>{t('att.title')}</h1>
      <section aria-labelledby="to-correct-title">
        <h2 id="to-correct-title">{t('fix.title')}</h2>
        <p className="lead">{t('fix.intro')}</p>
        {!toCorrect ? (
          <p>{t('app.loading')}</p>
        ) : toCorrect.length === 0 ? (
          <p className="empty">{t('fix.empty')}</p>
        ) : (
          <ul className="card-list">
            {toCorrect.map((item) => (
              <ToCorrectItem
                key={item.submission.id}
                item={item}
                form={
                  byKey.get(projectFormKey(item.submission.projectId, item.submission.formId))?.definition
                }
                people={people}
              />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="refused-title">
        <h2 id="refused-title">{t('fix.otherTitle')}</h2>
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
      </section>
    </main>
  );
}
